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
        Formatters.Register<CleaningResult>(Cleaning, c =>
            Plain("Plain_Cleaning", c.RowsIn, c.Clean, c.Returns, c.Quarantined, c.Outliers, c.File, c.Mapping.Name)
        );
        Formatters.Register<CustomerLoadResult>(CustomerLoad, c =>
            Plain("Plain_CustomerLoad", c.RowsIn, c.Loaded, c.Quarantined, c.File)
        );
        Formatters.Register<RuleText>(
            r => $"<p>{HtmlPage.Encode(r.In(Language.Current))}</p>",
            r => r.In(Language.Current)
        );
        Formatters.Register<QualityReport>(Quality, q =>
            Plain("Plain_Quality", q.RowsIn, q.Kept, q.Returns, q.Quarantined)
        );
        Formatters.Register<RfmSegmentation>(RfmSegments, r =>
            Plain(
                "Plain_RfmSegments",
                r.Scores.Rows.Count,
                r.Scores.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Counts.Count(c => c.Customers > 0),
                r.OtherCount
            )
        );
        Formatters.Register<KScanResult>(KScan, k =>
            k.Recommendation is var choice && choice.Consensus
                ? Plain("Plain_KScan", k.KMin, k.KMax, choice.K, choice.VoteCount, choice.Votes.Count)
                : Plain(
                    "Plain_KScanNoConsensus",
                    k.KMin,
                    k.KMax,
                    choice.K,
                    choice.VoteCount,
                    choice.Votes.Count,
                    Language.Current["KDecision_" + choice.Decision]
                )
        );
        Formatters.Register<PersonaReport>(
            p => PersonaDocuments.ToHtmlCards(p, Language.Current),
            p => Plain("Plain_Personas", p.Personas.Count, p.Customers)
        );
        Formatters.Register<StabilityResult>(Stability, s => Plain("Plain_Stability", s.Clusters.Count, s.Replicates));
        Formatters.Register<SegmentDifferenceReport>(Differences, d =>
            Plain("Plain_Differences", d.Features.Count, d.Segments.Count)
        );
        Formatters.Register<HoldoutResult>(Holdout, h => Plain("Plain_Holdout", h.EtaSquared, h.Customers));
        Formatters.Register<MigrationMatrix>(Migration, m =>
            Plain("Plain_Migration", m.From.Count, m.To.Count, m.Counts.Sum(r => r.Sum()))
        );
        Formatters.Register<ValidationSummary>(Validation, v =>
            Plain("Plain_Validation", v.Quality.Silhouette, v.Differences.Segments.Count)
        );
        Formatters.Register<ClvValueDimension>(LifetimeValue, c =>
            Plain("Plain_LifetimeValue", c.Result.Customers.Count, c.Tiers.LowCut, c.Tiers.HighCut)
        );
    }

    /// <summary>
    /// A result's short text/plain summary in <see cref="Language.Current"/> (shown where HTML is not rendered).
    /// </summary>
    private static string Plain(string key, params object[] figures) => Language.Current.Format(key, figures);

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

    internal static string CustomerLoad(CustomerLoadResult c)
    {
        var t = Language.Current;
        return "<p>"
            + HtmlPage.Encode(
                t.Format("View_CustomerLoad", t.Count(c.RowsIn), t.Count(c.Loaded), t.Count(c.Quarantined))
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
        var k = DisclosureOptions.DefaultMinimumGroupSize;
        var shown = SmallGroups.Protect(
            r.Counts.Select(c => new GroupCount(c.Segment, c.Customers)).ToList(),
            new DisclosureOptions { MinimumGroupSize = k, MergedGroupName = t["Group_Merged"] }
        );
        var total = (double)r.Scores.Rows.Count;
        var table = HtmlPage.HtmlTable(
            [t["Col_RfmSegment"], t["Col_Customers"], t["View_Share"]],
            shown.Shown.Select(g =>
                (IReadOnlyList<string>)[RfmSegmentRules.Text(g.Name, t), t.Count(g.Count), t.Percent(g.Count / total)]
            ),
            t.Format("View_RfmCaption", r.Scores.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
        );
        if (shown.Unchanged)
            return table;
        var note =
            shown.MergedGroups.Count > 0
                ? t.Format(
                    "View_SmallGroupsMerged",
                    shown.MergedGroups.Count,
                    k,
                    t["Group_Merged"],
                    shown.Shown[^1].Count
                )
                : t.Format("Privacy_Suppressed", shown.SuppressedGroups.Count, k, shown.SuppressedCount);
        return table + $"<p class=\"note\">{HtmlPage.Encode(note)}</p>";
    }

    internal static string KScan(KScanResult k) => KChoiceTables.Html(k, Language.Current);

    internal static string Stability(StabilityResult s)
    {
        var t = Language.Current;
        return HtmlPage.HtmlTable(
            [t["View_Cluster"], t["Col_Customers"], t["Col_MeanJaccard"], t["Col_Rating"]],
            s.Clusters.Select(c =>
                (IReadOnlyList<string>)[Invariant($"{c.Cluster}"), t.Count(c.Size), Num(c.MeanJaccard), c.RatingText(t)]
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
