using Segmentation.Segmenting;
using static System.FormattableString;

namespace Segmentation.Reports;

/// <summary>
/// The evidence for k as the report and the notebooks show it: one row per k (every index, prediction strength, the
/// smallest cluster's share), the votes, and the decision in words — "no consensus" said plainly when it applies.
/// </summary>
public static class KChoiceTables
{
    /// <summary>One row per k scanned.</summary>
    public static string PerK(KScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return HtmlPage.HtmlTable(["k", "inertia", "silhouette", "Calinski–Harabasz", "Davies–Bouldin", "gap", "prediction strength", "smallest cluster"],
            scan.PerK.Select(row => (IReadOnlyList<string>)
            [
                Invariant($"{row.K}"), Invariant($"{row.Inertia:G6}"), Invariant($"{row.Silhouette:0.000}"), Invariant($"{row.CalinskiHarabaszIndex:0.0}"),
                Invariant($"{row.DaviesBouldinIndex:0.000}"), row.Gap is { } gap ? Invariant($"{gap:0.000}") : "–",
                row.PredictionStrength is { } ps ? Invariant($"{ps:0.000}") : "–", Invariant($"{row.SmallestClusterShare:P1}"),
            ]), "Evidence for k");
    }

    /// <summary>Every index's vote.</summary>
    public static string Votes(KScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return HtmlPage.HtmlTable(["index", "votes for k", "rule"],
            scan.Recommendation.Votes.Select(v => (IReadOnlyList<string>)[v.Index, v.K is { } k ? Invariant($"{k}") : "no clear choice", v.Rule]));
    }

    /// <summary>The decision in one sentence.</summary>
    public static string Decision(KScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var choice = scan.Recommendation;
        return choice.Decision switch
        {
            KScanDecision.Majority => Invariant($"Recommended k = {choice.K}: {choice.VoteCount} of {choice.Votes.Count} indices agree."),
            KScanDecision.PredictionStrength => Invariant(
                $"No consensus: no k has more than half of the {choice.Votes.Count} indices' votes. Prediction strength decides: k = {choice.K}, the reproducible k (prediction strength ≥ {choice.PredictionStrengthCutoff:0.00}) after which it falls most steeply ({scan.PerK.Single(row => row.K == choice.K).PredictionStrength:0.000}). Overrule it with a fixed k when the table argues otherwise."),
            _ => Invariant($"No consensus: no k has more than half of the {choice.Votes.Count} indices' votes and prediction strength was not computed; k = {choice.K} has the most votes ({choice.VoteCount})."),
        };
    }

    /// <summary>The three together, as one HTML fragment.</summary>
    public static string Html(KScanResult scan) =>
        PerK(scan) + Votes(scan) + "<p>" + HtmlPage.Encode(Decision(scan)) + "</p>";
}
