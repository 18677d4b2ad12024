using System.Globalization;
using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Validation;
using Segmentation.Value;

namespace Segmentation.Reports;

/// <summary>
/// HTML tables shared by report.html and the notebook views, so both show a result the same way: numbers to three
/// decimals, words from the language's resources, and groups under the disclosure minimum never shown with their count.
/// </summary>
public static class ReportTables
{
    /// <summary>Silhouette, Calinski–Harabasz and Davies–Bouldin with the direction that is better.</summary>
    public static string QualityIndices(QualitySummary quality, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(quality);
        var t = language ?? Language.English;
        return HtmlPage.HtmlTable(
            [t["Col_Index"], t["Col_Value"], t["Col_Direction"]],
            [
                [t["Index_silhouette"], t.Number(quality.Silhouette), t["Direction_SilhouetteHigher"]],
                [t["Index_calinskiHarabasz"], t.Number(quality.CalinskiHarabaszIndex), t["Direction_Higher"]],
                [t["Index_daviesBouldin"], t.Number(quality.DaviesBouldinIndex), t["Direction_Lower"]],
            ],
            t["Caption_InternalQuality"]
        );
    }

    /// <summary>The CLV tiers with their rule; a tier under <paramref name="minimumGroupSize"/> customers shows as
    /// "&lt;k".</summary>
    public static string ClvTiers(ClvValueDimension clv, int minimumGroupSize, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(clv);
        var t = language ?? Language.English;
        var tiers = clv.Tiers;
        string Count(TierLevel tier) => Customers(tiers.Count(tier), minimumGroupSize, t);
        return HtmlPage.HtmlTable(
            [t["Col_ClvTier"], t["Col_Customers"], t["Col_Rule"]],
            [
                [TierLevels.Text(TierLevel.Low, t), Count(TierLevel.Low), "clv < " + t.Number(tiers.LowCut)],
                [
                    TierLevels.Text(TierLevel.Medium, t),
                    Count(TierLevel.Medium),
                    t.Number(tiers.LowCut) + " <= clv < " + t.Number(tiers.HighCut),
                ],
                [TierLevels.Text(TierLevel.High, t), Count(TierLevel.High), "clv >= " + t.Number(tiers.HighCut)],
            ],
            t.Format("Caption_ClvTiers", clv.Result.Months, t.Date(DateOnly.FromDateTime(clv.Result.CalibrationEnd)))
        );
    }

    /// <summary>
    /// CLV against acquisition cost per channel, channels under <paramref name="minimumGroupSize"/> customers left out
    /// (the caption says how many); empty when the data have no channel and cost.
    /// </summary>
    public static string ClvByChannel(ClvValueDimension clv, int minimumGroupSize, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(clv);
        var t = language ?? Language.English;
        if (clv.ByChannel is not { } channels)
            return "";
        var shown = channels.Where(c => c.Customers >= minimumGroupSize).ToList();
        var hidden = channels.Count - shown.Count;
        return HtmlPage.HtmlTable(
            [t["Col_Channel"], t["Col_Customers"], t["Col_MeanCac"], t["Col_MeanClv"], t["Col_ClvToCac"]],
            shown.Select(c =>
                (IReadOnlyList<string>)
                    [
                        c.Channel,
                        t.Count(c.Customers),
                        t.Number(c.MeanAcquisitionCost),
                        t.Number(c.MeanClv),
                        c.ClvToCacRatio is { } r ? t.Number(r) : "–",
                    ]
            ),
            t["Caption_ClvByChannel"] + (hidden > 0 ? t.Format("Caption_ChannelsHidden", hidden, minimumGroupSize) : "")
        );
    }

    /// <summary>A count, or "&lt;k" when it is a group smaller than the disclosure minimum.</summary>
    public static string Customers(int count, int minimumGroupSize, Language? language = null) =>
        count > 0 && count < minimumGroupSize
            ? "<" + minimumGroupSize.ToString(CultureInfo.InvariantCulture)
            : (language ?? Language.English).Count(count);

    /// <summary>A number to at most three decimals.</summary>
    public static string Number(double value, Language? language = null) =>
        (language ?? Language.English).Number(value);
}
