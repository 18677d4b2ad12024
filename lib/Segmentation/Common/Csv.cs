using System.Globalization;

namespace Segmentation.Common;

/// <summary>The workspace's CSV output conventions: comma separated, "\n" line ends, invariant numbers, RFC 4180
/// quoting.</summary>
internal static class Csv
{
    /// <summary>A field, quoted when it holds a comma, a quote, a line break or surrounding spaces.</summary>
    public static string Field(string value)
    {
        var quote =
            value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>A double, shortest round-trip form; empty when null.</summary>
    public static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>An integer count.</summary>
    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Money: at least two decimals, at most seven (the scale of quantity × unit price).</summary>
    public static string Money(decimal value) => value.ToString("0.00#####", CultureInfo.InvariantCulture);

    /// <summary>Writes one record and the line end.</summary>
    public static void WriteRow(TextWriter writer, IEnumerable<string> fields)
    {
        writer.Write(string.Join(',', fields));
        writer.Write('\n');
    }
}
