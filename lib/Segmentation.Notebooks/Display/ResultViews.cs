using System.Globalization;
using Segmentation.Common.Text;
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
/// disclosure minimum are merged as in reports. Headers and captions are in <see cref="Language.Current"/>, the
/// language of the notebook session (English unless the session was given another).
/// </summary>
internal static class ResultViews
{
    public static void Register()
    {
        Formatters.Register<CleaningResult>(Cleaning, c => c.ToString() ?? "");
        Formatters.Register<QualityReport>(Quality, q =>
            Invariant($"QualityReport: {q.RowsIn:N0} rows in = {q.Kept:N0} kept + {q.Returns:N0} returns + ")
            + Invariant($"{q.Quarantined:N0} quarantined")
        );
        Formatters.Register<RfmSegmentation>(RfmSegments, r => r.ToString() ?? "");
        Formatters.Register<KScanResult>(KScan, k =>
            Invariant($"KScanResult: k = {k.KMin}..{k.KMax}, recommended k = {k.Recommendation.K} ")
            + Invariant($"({k.Recommendation.VoteCount} of {k.Recommendation.Votes.Count} ")
            + Invariant(
                $"votes{(k.Recommendation.Consensus ? "" : "; no consensus, decided by " + k.Recommendation.Decision)}"
            )
            + ")"
        );
        Formatters.Register<PersonaReport>(
            p => PersonaDocuments.ToHtmlCards(p, Language.Current),
            p => Invariant($"PersonaReport: {p.Personas.Count} personas of {p.Customers:N0} customers")
        );
        Formatters.Register<StabilityResult>(Stability, s =>
            Invariant($"StabilityResult: {s.Clusters.Count} clusters, {s.Replicates} replicates")
        );
        Formatters.Register<SegmentDifferenceReport>(Differences, d =>
            Invariant($"SegmentDifferenceReport: {d.Features.Count} features, {d.Segments.Count} segments")
        );
        Formatters.Register<HoldoutResult>(Holdout, h =>
            Invariant($"HoldoutResult: η² = {h.EtaSquared:0.000} over {h.Customers:N0} customers")
        );
        Formatters.Register<MigrationMatrix>(Migration, m =>
            Invariant($"MigrationMatrix: {m.From.Count} × {m.To.Count}, {m.Counts.Sum(r => r.Sum()):N0} customers")
        );
        Formatters.Register<ValidationSummary>(Validation, v =>
            Invariant(
                $"ValidationSummary: silhouette {v.Quality.Silhouette:0.###}, {v.Differences.Segments.Count} segments"
            )
        );
        Formatters.Register<ClvValueDimension>(LifetimeValue, c =>
            Invariant($"ClvValueDimension: {c.Result.Customers.Count:N0} customers, CLV tiers cut at ")
            + Invariant($"{c.Tiers.LowCut:0.##} and {c.Tiers.HighCut:0.##}")
        );
    }

    /// <summary>Counts with shares of the row; cells under the disclosure minimum show as "&lt;10".</summary>
    internal static string Migration(MigrationMatrix m)
    {
        var t = Language.Current;
        var k = DisclosureOptions.DefaultMinimumGroupSize;
        var rows = m.From.Select(
            (from, i) =>
                (IReadOnlyList<string>)
                    [
                        Group(from, t),
                        .. m.To.Select(
                            (_, j) =>
                                m.Counts[i][j] is var n && n >= k
                                    ? $"{t.Count(n)} ({t.Percent(m.RowShares[i][j], 0)})"
                                    : ReportTables.Customers(n, k, t)
                        ),
                    ]
        );
        return HtmlPage.HtmlTable(
            [t["Col_FromTo"], .. m.To.Select(s => Group(s, t))],
            rows,
            t.Format("View_MigrationCaption", m.FromPeriod, m.ToPeriod)
        );
    }

    /// <summary>Internal quality, stability, differences and the holdout, as in report.html.</summary>
    internal static string Validation(ValidationSummary v)
    {
        var t = Language.Current;
        var html = ReportTables.QualityIndices(v.Quality, t);
        if (v.Stability is { } stability)
            html += Stability(stability);
        if (v.Agreement is { } a)
        {
            html +=
                "<p>"
                + HtmlPage.Encode(
                    t.Format(
                        "Validation_Agreement",
                        a.KnownSegments,
                        t.Count(a.Customers),
                        Fixed(a.AdjustedRandIndex),
                        Fixed(a.AdjustedMutualInformation),
                        Fixed(a.NormalizedMutualInformation)
                    )
                )
                + "</p>";
        }
        html += Differences(v.Differences);
        if (v.Holdout is { } h)
            html += Holdout(h.Revenue);
        return html;
    }

    /// <summary>The CLV tiers with their cut points and CLV against acquisition cost by channel, as in
    /// report.html.</summary>
    internal static string LifetimeValue(ClvValueDimension c) =>
        ReportTables.ClvTiers(c, DisclosureOptions.DefaultMinimumGroupSize, Language.Current)
        + ReportTables.ClvByChannel(c, DisclosureOptions.DefaultMinimumGroupSize, Language.Current);

    internal static string Cleaning(CleaningResult c)
    {
        var t = Language.Current;
        return "<p>"
            + HtmlPage.Encode(
                t.Format(
                    "View_Cleaning",
                    t.Count(c.RowsIn),
                    t.Count(c.Clean),
                    t.Count(c.Returns),
                    t.Count(c.Quarantined),
                    t.Count(c.Outliers)
                )
            )
            + "</p>"
            + Quality(c.Report);
    }

    internal static string Quality(QualityReport q)
    {
        var t = Language.Current;
        return HtmlPage.HtmlTable(
            [t["Col_Rule"], t["Col_Destination"], t["Col_Rows"], t["Col_WhatItDoes"]],
            q.Rules.Select(r =>
                (IReadOnlyList<string>)
                    [r.Rule, QualityPage.Destination(r.Destination, t), t.Count(r.Rows), QualityPage.RuleText(r, t)]
            ),
            t.Format(
                "View_QualityCaption",
                q.File,
                t.Count(q.RowsIn),
                t[q.Balanced ? "View_Balanced" : "View_NotBalanced"]
            )
        );
    }

    internal static string RfmSegments(RfmSegmentation r)
    {
        var t = Language.Current;
        var shown = SmallGroups.Protect(r.Counts.Select(c => new GroupCount(c.Segment, c.Customers)).ToList());
        var total = (double)r.Scores.Rows.Count;
        var table = HtmlPage.HtmlTable(
            [t["Col_RfmSegment"], t["Col_Customers"], t["View_Share"]],
            shown.Shown.Select(g => (IReadOnlyList<string>)[g.Name, t.Count(g.Count), t.Percent(g.Count / total)]),
            t.Format("View_RfmCaption", r.Scores.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        );
        return shown.Unchanged ? table : table + $"<p class=\"note\">{HtmlPage.Encode(shown.Note)}</p>";
    }

    internal static string KScan(KScanResult k) => KChoiceTables.Html(k, Language.Current);

    internal static string Stability(StabilityResult s)
    {
        var t = Language.Current;
        return HtmlPage.HtmlTable(
            [t["View_Cluster"], t["Col_Customers"], t["Col_MeanJaccard"], t["Col_Rating"]],
            s.Clusters.Select(c =>
                (IReadOnlyList<string>)
                    [Invariant($"{c.Cluster}"), t.Count(c.Size), Num(c.MeanJaccard), t["Stability_" + c.Rating]]
            ),
            t.Format("View_StabilityCaption", s.Replicates)
        );
    }

    internal static string Differences(SegmentDifferenceReport d)
    {
        var t = Language.Current;
        return HtmlPage.HtmlTable(
            [t["Col_Feature"], t["Col_KruskalWallis"], t["Col_PValue"], "ε²"],
            d.Features.Select(f =>
                (IReadOnlyList<string>)
                    [
                        f.Feature,
                        Num(f.Test.H),
                        f.Test.PValue.ToString("0.###E+0", CultureInfo.InvariantCulture),
                        Num(f.Test.EpsilonSquared),
                    ]
            ),
            t["Caption_Differences"]
        );
    }

    internal static string Holdout(HoldoutResult h)
    {
        var t = Language.Current;
        return HtmlPage.HtmlTable(
            [t["Col_Segment"], t["Col_Customers"], t["View_Mean"], t["Col_Lift"]],
            h.Segments.Select(s =>
                (IReadOnlyList<string>)[s.Segment, t.Count(s.Count), Num(s.Mean), s.Lift is { } l ? Num(l) : "–"]
            ),
            t.Format("View_HoldoutCaption", Fixed(h.EtaSquared))
        );
    }

    /// <summary>A migration group in words: the segments as they are, "new" and "lapsed" in the language.</summary>
    private static string Group(string group, Language t) => t.Find("Migration_" + group) ?? group;

    private static string Fixed(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Num(double v) => Language.Current.Number(v);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
