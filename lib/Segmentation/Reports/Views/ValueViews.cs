using System.Globalization;
using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;
using Segmentation.Charts;
using Segmentation.Value;

namespace Segmentation.Reports.Views;

/// <summary>Charts of customer-value results (CLV model checks, CLV against acquisition cost).</summary>
public static class ValueViews
{
    /// <summary>
    /// The purchase model's holdout check: mean actual against mean predicted holdout purchases, per calibration
    /// frequency (the last group open-ended, e.g. "7+").
    /// </summary>
    public static GenericChart HoldoutFit(IReadOnlyList<HoldoutBucket> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var groups = buckets.Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.CalibrationFrequency}{(b.IsOpenEnded ? "+" : "")}")).ToArray();
        return Grouped(groups,
            [("actual", buckets.Select(b => b.MeanActual).ToArray()), ("predicted (BG/NBD)", buckets.Select(b => b.MeanPredicted).ToArray())],
            "Holdout purchases: actual against predicted", "repeat purchases in calibration", "mean purchases in holdout");
    }

    /// <summary>Mean CLV beside mean acquisition cost (CAC) per acquisition channel.</summary>
    public static GenericChart ChannelValue(IReadOnlyList<ChannelValue> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return Grouped(channels.Select(c => c.Channel).ToArray(),
            [("mean CLV", channels.Select(c => c.MeanClv).ToArray()), ("mean CAC", channels.Select(c => c.MeanAcquisitionCost).ToArray())],
            "Customer lifetime value against acquisition cost, by channel", "acquisition channel", "per customer");
    }

    private static GenericChart Grouped(IReadOnlyList<string> groups, IReadOnlyList<(string Name, double[] Values)> series, string title, string groupTitle, string valueTitle) =>
        Chart.Combine(series.Select(s => SegmentCharts.Columns(groups, s.Values, title, s.Name)))
            .WithXAxisStyle<double, double, string>(TitleText: groupTitle)
            .WithYAxisStyle<double, double, string>(TitleText: valueTitle);
}
