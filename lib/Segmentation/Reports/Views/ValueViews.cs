using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using Segmentation.Charts;
using Segmentation.Common.Text;
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
