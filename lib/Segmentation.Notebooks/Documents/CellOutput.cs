using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>
/// One output of a code cell (nbformat 4 <c>outputs</c> entry). Fields this model does not know
/// are kept in <see cref="Extra"/> and written back unchanged.
/// </summary>
public abstract record CellOutput
{
    /// <summary>The nbformat <c>output_type</c>.</summary>
    public abstract string OutputType { get; }

    /// <summary>Fields of the output that the model does not interpret, kept verbatim.</summary>
    public JsonObject? Extra { get; init; }
}
