using System.Globalization;

namespace Segmentation.Charts;

/// <summary>
/// The one colour of every segment, the same in every chart, notebook and page: segment "S1" is always the first
/// palette colour, "S2" the second, and so on, whatever order a chart lists them in. Anything that is not a numbered
/// segment (the merged small groups, "new", "lapsed") is grey.
/// </summary>
public static class SegmentColours
{
    /// <summary>Colour of a group that is not a numbered segment.</summary>
    public const string Other = "#8c8c8c";

    // Tableau 10 without its grey: distinguishable, print well, and are what analysts' tools show by default.
    private static readonly string[] Palette =
    [
        "#4e79a7",
        "#f28e2b",
        "#59a14f",
        "#e15759",
        "#76b7b2",
        "#edc948",
        "#b07aa1",
        "#ff9da7",
        "#9c755f",
        "#2f4b7c",
        "#a05195",
        "#665191",
    ];

    /// <summary>The colour of <paramref name="segment"/> ("S3", or a label that starts with it, such as "S3: Lapsed
    /// …").</summary>
    public static string For(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Length < 2 || segment[0] != 'S')
            return Other;
        var end = 1;
        while (end < segment.Length && char.IsAsciiDigit(segment[end]))
            end++;
        if (end == 1 || (end < segment.Length && segment[end] != ':' && segment[end] != ' '))
            return Other;
        var number = int.Parse(segment.AsSpan(1, end - 1), NumberStyles.None, CultureInfo.InvariantCulture);
        return number < 1 ? Other : Palette[(number - 1) % Palette.Length];
    }
}
