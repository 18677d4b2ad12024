using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using Segmentation.Charts;
using Segmentation.Common.Text;
using Segmentation.Features;
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

    /// <summary>
    /// Customers per named RFM segment as a treemap, every segment of the rule table (table order) by its name in
    /// <paramref name="language"/> (<see cref="RfmSegmentRules.Text"/>).
    /// </summary>
    public static GenericChart RfmSegments(RfmSegmentation segmentation, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        var t = language ?? Language.Current;
        return SegmentCharts.Treemap(
            segmentation.Counts.Select(c => RfmSegmentRules.Text(c.Segment, t)).ToList(),
            segmentation.Counts.Select(c => (double)c.Customers).ToList(),
            language: t
        );
    }

    /// <summary>
    /// Share of customers beside share of spend (<see cref="CustomerFeatures.Monetary"/>) for the high-value, potential
    /// and low-value customers (<see cref="ValueTierNames.Text"/>); <paramref name="features"/> are the rows the tiers
    /// were assigned to, in the same order.
    /// </summary>
    public static GenericChart ValueTiers(
        CustomerValueTiers tiers,
        CustomerFeatureSet features,
        Language? language = null
    )
    {
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(features);
        if (!tiers.CustomerIds.SequenceEqual(features.Rows.Select(r => r.CustomerId), StringComparer.Ordinal))
            throw new OptionsException("the value tiers were assigned to other customers than the feature rows given");
        var t = language ?? Language.Current;
        ValueTier[] order = [ValueTier.HighValue, ValueTier.Potential, ValueTier.LowValue];
        var spend = features.Rows.Select(r => (double)r.Monetary).ToArray();
        var total = spend.Sum();
        return SegmentCharts.SizesAndRevenue(
            order.Select(v => ValueTierNames.Text(v, t)).ToList(),
            order.Select(v => tiers.Tiers.Count(x => x == v) / (double)tiers.Tiers.Count).ToList(),
            order.Select(v => spend.Where((_, i) => tiers.Tiers[i] == v).Sum() / total).ToList(),
            language: t
        );
    }
}
