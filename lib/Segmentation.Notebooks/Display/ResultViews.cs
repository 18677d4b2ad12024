using System.Globalization;
using Segmentation.Data.Cleaning;
using Segmentation.Features;
using Segmentation.Privacy;
using Segmentation.Profiling;
using Segmentation.Reports;
using Segmentation.Segmenting;
using Segmentation.Segmenting.Rules;
using Segmentation.Validation;
using Segmentation.Value;
using Segmentation.Workflow;

namespace Segmentation.Notebooks.Display;

/// <summary>
/// Readable notebook views of the library's own results: tables built from the typed results (never
/// object trees), registered once by <see cref="Formatters.RegisterDefaults"/>. Groups under the
/// disclosure minimum are merged as in reports.
/// </summary>
internal static class ResultViews
{
    public static void Register()
    {
        Formatters.Register<CleaningResult>(Cleaning, c => c.ToString() ?? "");
        Formatters.Register<QualityReport>(Quality, q => Invariant($"QualityReport: {q.RowsIn:N0} rows in = {q.Kept:N0} kept + {q.Returns:N0} returns + {q.Quarantined:N0} quarantined"));
        Formatters.Register<RfmSegmentation>(RfmSegments, r => r.ToString() ?? "");
        Formatters.Register<KScanResult>(KScan, k => Invariant($"KScanResult: k = {k.KMin}..{k.KMax}, recommended k = {k.Recommendation.K} ({k.Recommendation.VoteCount} of {k.Recommendation.Votes.Count} votes{(k.Recommendation.Consensus ? "" : "; no consensus, decided by " + k.Recommendation.Decision)})"));
        Formatters.Register<PersonaReport>(p => PersonaDocuments.ToHtmlCards(p), p => Invariant($"PersonaReport: {p.Personas.Count} personas of {p.Customers:N0} customers"));
        Formatters.Register<StabilityResult>(Stability, s => Invariant($"StabilityResult: {s.Clusters.Count} clusters, {s.Replicates} replicates"));
        Formatters.Register<SegmentDifferenceReport>(Differences, d => Invariant($"SegmentDifferenceReport: {d.Features.Count} features, {d.Segments.Count} segments"));
        Formatters.Register<HoldoutResult>(Holdout, h => Invariant($"HoldoutResult: η² = {h.EtaSquared:0.000} over {h.Customers:N0} customers"));
        Formatters.Register<MigrationMatrix>(Migration, m => Invariant($"MigrationMatrix: {m.From.Count} × {m.To.Count}, {m.Counts.Sum(r => r.Sum()):N0} customers"));
        Formatters.Register<ValidationSummary>(Validation, v => Invariant($"ValidationSummary: silhouette {v.Quality.Silhouette:0.###}, {v.Differences.Segments.Count} segments"));
        Formatters.Register<ClvValueDimension>(LifetimeValue, c => Invariant($"ClvValueDimension: {c.Result.Customers.Count:N0} customers, CLV tiers cut at {c.Tiers.LowCut:0.##} and {c.Tiers.HighCut:0.##}"));
    }

    /// <summary>Counts with shares of the row; cells under the disclosure minimum show as "&lt;10".</summary>
    internal static string Migration(MigrationMatrix m)
    {
        var k = DisclosureOptions.DefaultMinimumGroupSize;
        var rows = m.From.Select((from, i) => (IReadOnlyList<string>)
            [from, .. m.To.Select((_, j) => m.Counts[i][j] is var n && n >= k ? Invariant($"{n:N0} ({m.RowShares[i][j]:P0})") : ReportTables.Customers(n, k)), ]);
        return HtmlPage.HtmlTable(["from \\ to", .. m.To], rows, Invariant($"Migration from period {m.FromPeriod} to period {m.ToPeriod} (customers, share of the row)"));
    }

    /// <summary>Internal quality, stability, differences and the holdout, as in report.html.</summary>
    internal static string Validation(ValidationSummary v)
    {
        var html = ReportTables.QualityIndices(v.Quality);
        if (v.Stability is { } stability) html += Stability(stability);
        if (v.Agreement is { } a)
            html += Invariant($"<p>Agreement with known labels: adjusted Rand index {a.AdjustedRandIndex:0.000}, adjusted mutual information {a.AdjustedMutualInformation:0.000}, normalised mutual information {a.NormalizedMutualInformation:0.000}.</p>");
        html += Differences(v.Differences);
        if (v.Holdout is { } h) html += Holdout(h.Revenue);
        return html;
    }

    /// <summary>The CLV tiers with their cut points and CLV against acquisition cost by channel, as in report.html.</summary>
    internal static string LifetimeValue(ClvValueDimension c) =>
        ReportTables.ClvTiers(c, DisclosureOptions.DefaultMinimumGroupSize) + ReportTables.ClvByChannel(c, DisclosureOptions.DefaultMinimumGroupSize);

    internal static string Cleaning(CleaningResult c) =>
        Invariant($"<p>{c.RowsIn:N0} rows in = {c.Clean:N0} clean + {c.Returns:N0} returns + {c.Quarantined:N0} quarantined; {c.Outliers:N0} outliers flagged.</p>") + Quality(c.Report);

    internal static string Quality(QualityReport q) => HtmlPage.HtmlTable(["rule", "destination", "rows", "what it does"],
        q.Rules.Select(r => (IReadOnlyList<string>)[r.Rule, r.Destination, Invariant($"{r.Rows:N0}"), r.Description]),
        Invariant($"{q.File}: {q.RowsIn:N0} rows in ({(q.Balanced ? "balanced" : "NOT balanced")})"));

    internal static string RfmSegments(RfmSegmentation r)
    {
        var shown = SmallGroups.Protect(r.Counts.Select(c => new GroupCount(c.Segment, c.Customers)).ToList());
        var total = (double)r.Scores.Rows.Count;
        var table = HtmlPage.HtmlTable(["RFM segment", "customers", "share"],
            shown.Shown.Select(g => (IReadOnlyList<string>)[g.Name, Invariant($"{g.Count:N0}"), Invariant($"{g.Count / total:P1}")]),
            Invariant($"RFM segments as of {r.Scores.AsOf:yyyy-MM-dd}"));
        return shown.Unchanged ? table : table + $"<p class=\"note\">{HtmlPage.Encode(shown.Note)}</p>";
    }

    internal static string KScan(KScanResult k) => KChoiceTables.Html(k);

    internal static string Stability(StabilityResult s) => HtmlPage.HtmlTable(["cluster", "customers", "mean Jaccard", "rating"],
        s.Clusters.Select(c => (IReadOnlyList<string>)[Invariant($"{c.Cluster}"), Invariant($"{c.Size:N0}"), Num(c.MeanJaccard), BootstrapStability.Describe(c.Rating)]),
        Invariant($"Bootstrap stability ({s.Replicates} replicates)"));

    internal static string Differences(SegmentDifferenceReport d) => HtmlPage.HtmlTable(["feature", "Kruskal–Wallis H", "p-value", "ε²"],
        d.Features.Select(f => (IReadOnlyList<string>)[f.Feature, Num(f.Test.H), f.Test.PValue.ToString("0.###E+0", CultureInfo.InvariantCulture), Num(f.Test.EpsilonSquared)]),
        "Differences across segments");

    internal static string Holdout(HoldoutResult h) => HtmlPage.HtmlTable(["segment", "customers", "mean", "lift"],
        h.Segments.Select(s => (IReadOnlyList<string>)[s.Segment, Invariant($"{s.Count:N0}"), Num(s.Mean), s.Lift is { } l ? Num(l) : "–"]),
        Invariant($"Holdout: η² = {h.EtaSquared:0.000}"));

    private static string Num(double v) => ReportTables.Number(v);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
