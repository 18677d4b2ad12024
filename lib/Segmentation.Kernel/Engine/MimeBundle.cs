using System.Text.Json.Nodes;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// One value in several representations, mime type → content. Text types hold the text; JSON types
/// (<c>application/json</c>, <c>application/*+json</c>) hold JSON text and are sent as JSON.
/// </summary>
/// <param name="Data">Content by mime type; should hold <c>text/plain</c>.</param>
/// <param name="Metadata">Output metadata, or null for none.</param>
public sealed record MimeBundle(IReadOnlyDictionary<string, string> Data, JsonObject? Metadata = null)
{
    /// <summary>A bundle with only <c>text/plain</c>.</summary>
    public static MimeBundle PlainText(string text) => new(new Dictionary<string, string> { ["text/plain"] = text });
}
