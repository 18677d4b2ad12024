using System.Text.Json;

namespace Segmentation.Notebooks.Execution;

/// <summary>The value of a <c>#!set --value</c> written in the magic itself: text, or JSON when the mime type says
/// so.</summary>
internal static class SharedValue
{
    /// <summary>
    /// Text as it is; with <c>application/json</c>, a JSON boolean becomes <see cref="bool"/>, a number
    /// <see cref="double"/>, a string <see cref="string"/> and anything else a <see cref="JsonDocument"/> (as .NET
    /// Interactive does).
    /// </summary>
    public static object? FromText(string text, string? mimeType)
    {
        if (mimeType != "application/json")
            return text;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new Magics.MagicException($"--value is not valid JSON ({e.Message.Split('.')[0]}): {text}");
        }
        switch (document.RootElement.ValueKind)
        {
            case JsonValueKind.True:
            case JsonValueKind.False:
                var flag = document.RootElement.GetBoolean();
                document.Dispose();
                return flag;
            case JsonValueKind.Number:
                var number = document.RootElement.GetDouble();
                document.Dispose();
                return number;
            case JsonValueKind.String:
                var value = document.RootElement.GetString();
                document.Dispose();
                return value;
            default:
                return document;
        }
    }
}
