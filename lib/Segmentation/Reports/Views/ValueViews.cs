using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using Segmentation.Charts;
using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Segmenting.Rules;
using Segmentation.Value;
using Chart = Plotly.NET.CSharp.Chart;

namespace Segmentation.Reports.Views;

/// <summary>
/// Charts of customer-value results (CLV model checks, CLV against acquisition cost). Titles and axis labels are in the
/// language given, by default <see cref="Language.Current"/>.
/// </summary>
public static class ValueViews
{
    /// <summary>
    /// The purchase model's holdout check: mean actual against mean predicted holdout purchases, per calibration
    /// frequency (the last group open-ended, e.g. "7+").
    /// </summary>
    public static GenericChart HoldoutFit(IReadOnlyList<HoldoutBucket> buckets, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var t = language ?? Language.Current;
        var groups = buckets
            .Select(b =>
                string.Create(CultureInfo.InvariantCulture, $"{b.CalibrationFrequency}{(b.IsOpenEnded ? "+" : "")}")
            )
            .ToArray();
        return Grouped(
            groups,
            [
                (t["View_Actual"], buckets.Select(b => b.MeanActual).ToArray()),
                (t["View_Predicted"], buckets.Select(b => b.MeanPredicted).ToArray()),
            ],
            t["View_HoldoutFit"],
            t["View_CalibrationPurchases"],
            t["View_HoldoutPurchases"]
        );
    }

    /// <summary>Mean CLV beside mean acquisition cost (CAC) per acquisition channel.</summary>
    public static GenericChart ChannelValue(IReadOnlyList<ChannelValue> channels, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var t = language ?? Language.Current;
        return Grouped(
            channels.Select(c => c.Channel).ToArray(),
            [
                (t["Col_MeanClv"], channels.Select(c => c.MeanClv).ToArray()),
                (t["Col_MeanCac"], channels.Select(c => c.MeanAcquisitionCost).ToArray()),
            ],
            t["View_ChannelValue"],
            t["Col_Channel"],
            t["View_PerCustomer"]
        );
    }

    /// <summary>
    /// Share of customers beside share of total CLV for the high, medium and low CLV tiers
    /// (<see cref="TierLevels.Text(TierLevel, Language?)"/>), highest first.
    /// </summary>
    public static GenericChart ClvTiers(ClvTiering tiers, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var t = language ?? Language.Current;
        TierLevel[] order = [TierLevel.High, TierLevel.Medium, TierLevel.Low];
        var total = tiers.Customers.Sum(c => c.Clv);
        var customerShare = order.Select(l => tiers.Count(l) / (double)tiers.Customers.Count).ToArray();
        var clvShare = order.Select(l => tiers.Customers.Where(c => c.Tier == l).Sum(c => c.Clv) / total).ToArray();
        return Grouped(
            order.Select(l => TierLevels.Text(l, t)).ToArray(),
            [(t["Chart_ShareOfCustomers"], customerShare), (t["Chart_ShareOfClv"], clvShare)],
            t["View_ClvTiers"],
            t["Col_ClvTier"],
            t["Chart_Share"]
        );
    }

    /// <summary>
    /// Mean CLV of the customers of each named RFM segment (<see cref="RfmSegmentRules.Text"/>), highest first; every
    /// customer of <paramref name="customers"/> must have a segment in <paramref name="segmentation"/>.
    /// </summary>
    public static GenericChart MeanClvByRfmSegment(
        IReadOnlyList<CustomerValue> customers,
        RfmSegmentation segmentation,
        Language? language = null
    )
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(segmentation);
        var t = language ?? Language.Current;
        var segmentOf = segmentation
            .Scores.Rows.Select((r, i) => (r.CustomerId, Segment: segmentation.Segments[i]))
            .ToDictionary(p => p.CustomerId, p => p.Segment, StringComparer.Ordinal);
        var bySegment = customers
            .GroupBy(c =>
                segmentOf.TryGetValue(c.CustomerId, out var s)
                    ? s
                    : throw new OptionsException($"customer '{c.CustomerId}' has a CLV but no RFM segment")
            )
            .OrderByDescending(g => g.Average(c => c.Clv))
            .ToList();
        return SegmentCharts.Columns(
            bySegment.Select(g => RfmSegmentRules.Text(g.Key, t)).ToList(),
            bySegment.Select(g => g.Average(c => c.Clv)).ToList(),
            t["Label_MeanClvByRfmSegment"],
            t["Col_MeanClv"]
        );
    }

    private static GenericChart Grouped(
        IReadOnlyList<string> groups,
        IReadOnlyList<(string Name, double[] Values)> series,
        string title,
        string groupTitle,
        string valueTitle
    ) =>
        Chart
            .Combine(series.Select(s => SegmentCharts.Columns(groups, s.Values, title, s.Name)))
            .WithXAxisStyle<double, double, string>(TitleText: groupTitle)
            .WithYAxisStyle<double, double, string>(TitleText: valueTitle);
}
