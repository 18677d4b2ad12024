using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>
/// An output carrying a mime bundle: mime type → content. Text types hold the text; JSON types
/// (<c>application/json</c>, <c>application/*+json</c>) hold JSON text and are stored as JSON.
/// </summary>
public abstract record MimeOutput : CellOutput
{
    /// <summary>Creates the output.</summary>
    protected MimeOutput(IReadOnlyDictionary<string, string> data, JsonObject? metadata)
    {
        ArgumentNullException.ThrowIfNull(data);
        Data = data;
        Metadata = metadata ?? new JsonObject();
    }

    /// <summary>Content by mime type.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; }

    /// <summary>Output metadata (nbformat <c>metadata</c>).</summary>
    public JsonObject Metadata { get; init; }

    /// <summary>The text/plain content, or null.</summary>
    public string? PlainText => Data.GetValueOrDefault(MimeTypes.PlainText);

    /// <summary>The text/html content, or null.</summary>
    public string? Html => Data.GetValueOrDefault(MimeTypes.Html);
}
