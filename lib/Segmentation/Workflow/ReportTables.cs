using System.Globalization;
using Segmentation.Features;
using Segmentation.Reports;
using Segmentation.Value;

namespace Segmentation.Workflow;

/// <summary>
/// HTML tables shared by report.html and the notebook views, so both show a result the same way: numbers to three
/// decimals, and groups under the disclosure minimum never shown with their count.
/// </summary>
public static class ReportTables
{
    /// <summary>Silhouette, Calinski–Harabasz and Davies–Bouldin with the direction that is better.</summary>
    public static string QualityIndices(QualitySummary quality)
    {
        ArgumentNullException.ThrowIfNull(quality);
        return HtmlPage.HtmlTable(["index", "value", "direction"],
        [
            ["silhouette", Number(quality.Silhouette), "higher is better (−1 to 1)"],
            ["Calinski–Harabasz", Number(quality.CalinskiHarabaszIndex), "higher is better"],
            ["Davies–Bouldin", Number(quality.DaviesBouldinIndex), "lower is better"],
        ], "Internal quality");
    }

    /// <summary>The CLV tiers with their rule; a tier under <paramref name="minimumGroupSize"/> customers shows as "&lt;k".</summary>
    public static string ClvTiers(ClvValueDimension clv, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(clv);
        var t = clv.Tiers;
        string Count(ClvTier tier) => Customers(t.Count(tier), minimumGroupSize);
        return HtmlPage.HtmlTable(["CLV tier", "customers", "rule"],
        [
            ["low", Count(ClvTier.Low), Invariant($"clv < {Number(t.LowCut)}")],
            ["medium", Count(ClvTier.Medium), Invariant($"{Number(t.LowCut)} <= clv < {Number(t.HighCut)}")],
            ["high", Count(ClvTier.High), Invariant($"clv >= {Number(t.HighCut)}")],
        ], Invariant($"CLV over {clv.Result.Months} months as of {clv.Result.CalibrationEnd:yyyy-MM-dd}"));
    }

    /// <summary>
    /// CLV against acquisition cost per channel, channels under <paramref name="minimumGroupSize"/> customers left out
    /// (the caption says how many); empty when the data have no channel and cost.
    /// </summary>
    public static string ClvByChannel(ClvValueDimension clv, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(clv);
        if (clv.ByChannel is not { } channels) return "";
        var shown = channels.Where(c => c.Customers >= minimumGroupSize).ToList();
        var hidden = channels.Count - shown.Count;
        return HtmlPage.HtmlTable(["acquisition channel", "customers", "mean CAC", "mean CLV", "CLV / CAC"],
            shown.Select(c => (IReadOnlyList<string>)
                [c.Channel, Invariant($"{c.Customers:N0}"), Number(c.MeanAcquisitionCost), Number(c.MeanClv), c.ClvToCacRatio is { } r ? Number(r) : "–"]),
            "CLV against acquisition cost (CAC) by acquisition channel; customers acquired without a purchase count with CLV 0" +
            (hidden > 0 ? Invariant($"; {hidden} channel(s) with fewer than {minimumGroupSize} customers not shown") : ""));
    }

    /// <summary>A count, or "&lt;k" when it is a group smaller than the disclosure minimum.</summary>
    public static string Customers(int count, int minimumGroupSize) =>
        count > 0 && count < minimumGroupSize ? Invariant($"<{minimumGroupSize}") : Invariant($"{count:N0}");

    /// <summary>A number to at most three decimals, invariant.</summary>
    public static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
