using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Kernel.Engine;

namespace Segmentation.Kernel.Hosting;

/// <summary>Reading request fields and writing output bodies.</summary>
internal static class MessageContent
{
    public static string Text(JsonObject content, string name, string fallback = "") =>
        content[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : fallback;

    public static bool Flag(JsonObject content, string name, bool fallback) =>
        content[name] is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : fallback;

    public static int Number(JsonObject content, string name, int fallback) =>
        content[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : fallback;

    /// <summary>A bundle's <c>data</c>: JSON mime types as JSON, others as strings.</summary>
    public static JsonObject Data(MimeBundle bundle)
    {
        var data = new JsonObject();
        foreach (var (mimeType, content) in bundle.Data.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data[mimeType] = IsJson(mimeType) ? ParseOrText(content) : JsonValue.Create(content);
        }
        return data;
    }

    public static JsonObject Metadata(MimeBundle bundle) =>
        (JsonObject?)bundle.Metadata?.DeepClone() ?? new JsonObject();

    public static JsonObject Error(ExecutionError error) =>
        new()
        {
            ["ename"] = error.Name,
            ["evalue"] = error.Value,
            ["traceback"] = new JsonArray(error.Traceback.Select(line => (JsonNode?)JsonValue.Create(line)).ToArray()),
        };

    public static bool IsJson(string mimeType) =>
        mimeType == "application/json"
        || (
            mimeType.StartsWith("application/", StringComparison.Ordinal)
            && mimeType.EndsWith("+json", StringComparison.Ordinal)
        );

    private static JsonNode? ParseOrText(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }
}
