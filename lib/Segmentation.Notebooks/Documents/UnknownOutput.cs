using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>An output of a type this model does not know, kept as read.</summary>
/// <param name="Json">The whole output object.</param>
public sealed record UnknownOutput(JsonObject Json) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => Json["output_type"]?.GetValue<string>() ?? "";
}
