using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using Segmentation.Charts;
using Segmentation.Common.Text;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Reports.Views;

/// <summary>Charts of rule-based segmentations.</summary>
public static class RuleViews
{
    /// <summary>
    /// The classic RFM picture: customers per recency score (rows, R1–R5) and frequency score (columns, F1–F5).
    /// The named RFM segments are regions of this grid. Titles in <paramref name="language"/>, by default
    /// <see cref="Language.Current"/>.
    /// </summary>
    public static GenericChart RfmGrid(RfmScores scores, Language? language = null)
    {
        var t = language ?? Language.Current;
        ArgumentNullException.ThrowIfNull(scores);
        var counts = new double[RfmScores.Levels, RfmScores.Levels];
        foreach (var row in scores.Rows)
            counts[row.RecencyScore - 1, row.FrequencyScore - 1]++;
        var levels = Enumerable.Range(1, RfmScores.Levels).ToArray();
        return SegmentCharts.Heatmap(
            levels.Select(l => string.Create(CultureInfo.InvariantCulture, $"R{l}")).ToArray(),
            levels.Select(l => string.Create(CultureInfo.InvariantCulture, $"F{l}")).ToArray(),
            counts,
            t["View_RfmGrid"],
            t["View_RecencyScore"],
            t["View_FrequencyScore"],
            t
        );
    }
}
