namespace Segmentation.Notebooks.Documents;

/// <summary>Python's <c>str.splitlines(True)</c>, which nbformat uses to store multi-line text as a list of
/// lines.</summary>
internal static class PythonLines
{
    /// <summary>Splits after every line boundary Python recognises, keeping the boundary characters.</summary>
    public static IReadOnlyList<string> SplitKeepEnds(string text)
    {
        var lines = new List<string>();
        var start = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (IsBoundary(c))
            {
                var end = c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
                lines.Add(text[start..end]);
                start = end;
                i = end;
            }
            else
            {
                i++;
            }
        }
        if (start < text.Length)
            lines.Add(text[start..]);
        return lines;
    }

    private static bool IsBoundary(char c) =>
        c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';
}
