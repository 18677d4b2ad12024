using Segmentation.Common.Text;
using Segmentation.Segmenting;

namespace Segmentation.Reports;

/// <summary>
/// The evidence for k as the report and the notebooks show it: one row per k (every index, prediction strength, the
/// smallest cluster's share), the votes, and the decision in words — "no consensus" said plainly when it applies. Each
/// is written in the language given, by default <see cref="Language.Current"/> (a notebook session's language).
/// </summary>
public static class KChoiceTables
{
    /// <summary>One row per k scanned.</summary>
    public static string PerK(KScanResult scan, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var t = language ?? Language.Current;
        string F(double v, string format) => v.ToString(format, t.Formats);
        return HtmlPage.HtmlTable(
            [
                "k",
                t["Index_inertia"],
                t["Index_silhouette"],
                t["Index_calinskiHarabasz"],
                t["Index_daviesBouldin"],
                t["Index_gap"],
                t["Index_predictionStrength"],
                t["Col_SmallestCluster"],
            ],
            scan.PerK.Select(row =>
                (IReadOnlyList<string>)
                    [
                        F(row.K, "0"),
                        F(row.Inertia, "G6"),
                        F(row.Silhouette, "0.000"),
                        F(row.CalinskiHarabaszIndex, "0.0"),
                        F(row.DaviesBouldinIndex, "0.000"),
                        row.Gap is { } gap ? F(gap, "0.000") : "–",
                        row.PredictionStrength is { } ps ? F(ps, "0.000") : "–",
                        t.Percent(row.SmallestClusterShare),
                    ]
            ),
            t["Caption_EvidenceForK"]
        );
    }

    /// <summary>Every index's vote.</summary>
    public static string Votes(KScanResult scan, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var t = language ?? Language.Current;
        return HtmlPage.HtmlTable(
            [t["Col_Index"], t["Col_VotesFor"], t["Col_Rule"]],
            scan.Recommendation.Votes.Select(v =>
                (IReadOnlyList<string>)
                    [
                        t.Find("Index_" + v.Index) ?? v.Index,
                        v.K is { } k ? k.ToString(t.Formats) : t["K_NoClearChoice"],
                        t.Find("VoteRule_" + v.Index) ?? v.Rule,
                    ]
            )
        );
    }

    /// <summary>The decision in one sentence.</summary>
    public static string Decision(KScanResult scan, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var t = language ?? Language.Current;
        var choice = scan.Recommendation;
        return choice.Decision switch
        {
            KScanDecision.Majority => t.Format("K_Majority", choice.K, choice.VoteCount, choice.Votes.Count),
            KScanDecision.PredictionStrength => t.Format(
                "K_PredictionStrength",
                choice.Votes.Count,
                choice.K,
                (choice.PredictionStrengthCutoff ?? 0).ToString("0.00", t.Formats),
                (scan.PerK.Single(row => row.K == choice.K).PredictionStrength ?? 0).ToString("0.000", t.Formats)
            ),
            _ => t.Format("K_Plurality", choice.Votes.Count, choice.K, choice.VoteCount),
        };
    }

    /// <summary>The three together, as one HTML fragment.</summary>
    public static string Html(KScanResult scan, Language? language = null) =>
        PerK(scan, language) + Votes(scan, language) + "<p>" + HtmlPage.Encode(Decision(scan, language)) + "</p>";
}
