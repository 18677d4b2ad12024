using System.Globalization;

namespace Segmentation.Notebooks.Display;

/// <summary>Invariant-culture text of a single value in a table or a short text output.</summary>
internal static class DisplayText
{
    /// <summary>The longest text/plain the runtime sends; longer text is cut with a note.</summary>
    public const int PlainTextLimit = 4000;

    public static string Format(object? value) =>
        value switch
        {
            null => "",
            string s => s,
            double d => FormatReal(d),
            float f => FormatReal(f),
            DateTime t => t.TimeOfDay == TimeSpan.Zero
                ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                : t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    /// <summary>A count with thousands separators: 4338 → "4,338".</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Cuts text longer than <see cref="PlainTextLimit"/>.</summary>
    public static string Shorten(string text) =>
        text.Length <= PlainTextLimit
            ? text
            : string.Concat(
                text.AsSpan(0, PlainTextLimit),
                "\n… (",
                Count(text.Length - PlainTextLimit),
                " more characters)"
            );

    private static string FormatReal(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d) || d == 0)
            return d.ToString(CultureInfo.InvariantCulture);
        var magnitude = Math.Abs(d);
        return magnitude is >= 1e-4 and < 1e15
            ? d.ToString("0.####", CultureInfo.InvariantCulture)
            : d.ToString("G6", CultureInfo.InvariantCulture);
    }
}
