using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>
/// Writes JSON exactly as Jupyter's nbformat does (<c>json.dumps(nb, sort_keys=True, indent=1,
/// ensure_ascii=False)</c>): keys sorted by code point, one space of indent per level, <c>": "</c>
/// and <c>","</c> separators, non-ASCII written as is, control characters escaped like Python.
/// Numbers read from a file keep their original text.
/// </summary>
internal static class JupyterJson
{
    /// <summary>Serialises a JSON tree in Jupyter's layout (no trailing newline).</summary>
    public static string Serialize(JsonNode? node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj, depth);
                break;
            case JsonArray array:
                WriteArray(builder, array, depth);
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }
        builder.Append("{\n");
        var first = true;
        foreach (var (key, value) in obj.OrderBy(p => p.Key, CodePointComparer.Instance))
        {
            if (!first)
                builder.Append(",\n");
            first = false;
            builder.Append(' ', depth + 1);
            WriteString(builder, key);
            builder.Append(": ");
            Write(builder, value, depth + 1);
        }
        builder.Append('\n').Append(' ', depth).Append('}');
    }

    private static void WriteArray(StringBuilder builder, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }
        builder.Append("[\n");
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
                builder.Append(",\n");
            builder.Append(' ', depth + 1);
            Write(builder, array[i], depth + 1);
        }
        builder.Append('\n').Append(' ', depth).Append(']');
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(builder, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                builder.Append(value.ToJsonString());
                break;
        }
    }

    /// <summary>Writes a JSON string literal the way Python's json module does with ensure_ascii=False.</summary>
    internal static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (c < ' ')
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }
        builder.Append('"');
    }

    /// <summary>Orders strings by Unicode code point, as Python sorts str keys.</summary>
    private sealed class CodePointComparer : IComparer<string>
    {
        public static readonly CodePointComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (ReferenceEquals(x, y))
                return 0;
            if (x is null)
                return -1;
            if (y is null)
                return 1;
            var a = x.EnumerateRunes().GetEnumerator();
            var b = y.EnumerateRunes().GetEnumerator();
            while (true)
            {
                var hasA = a.MoveNext();
                var hasB = b.MoveNext();
                if (!hasA || !hasB)
                    return hasA.CompareTo(hasB);
                var order = a.Current.Value.CompareTo(b.Current.Value);
                if (order != 0)
                    return order;
            }
        }
    }
}
