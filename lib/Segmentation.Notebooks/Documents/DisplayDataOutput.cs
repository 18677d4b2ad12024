using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>Something a cell displayed (<c>display(x)</c>, a progress bar, a markdown cell).</summary>
public sealed record DisplayDataOutput : MimeOutput
{
    /// <summary>Creates the output.</summary>
    public DisplayDataOutput(
        IReadOnlyDictionary<string, string> data,
        JsonObject? metadata = null,
        string? displayId = null
    )
        : base(data, metadata) => DisplayId = displayId;

    /// <summary>
    /// The transient display id, which later updates refer to. Not stored in the file (nbformat
    /// keeps transient data out of notebooks).
    /// </summary>
    public string? DisplayId { get; init; }

    /// <inheritdoc />
    public override string OutputType => "display_data";
}
