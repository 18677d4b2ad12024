using System.Globalization;
using System.Text;
using Segmentation.Charts;
using Segmentation.Common.Text;
using Segmentation.Data.Cleaning;
using Segmentation.Features;
using Segmentation.Privacy;
using Segmentation.Profiling;
using Segmentation.Reports.Views;
using Segmentation.Segmenting;
using Segmentation.Segmenting.Rules;
using Segmentation.Validation;

namespace Segmentation.Reports;

/// <summary>What a segmentation run hands to <see cref="SegmentReport.Build"/> (the workflow fills it; the report
/// computes nothing).</summary>
public sealed record SegmentReportInput
{
    /// <summary>As-of date of the features; null for a segmentation of attributes alone.</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Customers segmented.</summary>
    public required int Customers { get; init; }

    /// <summary>The customer table's file (named when there is no transaction log).</summary>
    public string? CustomersFile { get; init; }

    /// <summary>Loading and cleaning of the transaction log; null without one.</summary>
    public CleaningResult? Cleaning { get; init; }

    /// <summary>RFM scores and segments; null without a transaction log.</summary>
    public RfmSegmentation? Rfm { get; init; }

    /// <summary>Per-customer features of the transaction log; null without one.</summary>
    public CustomerFeatureSet? Features { get; init; }

    /// <summary>The clustering features and their diagnostic.</summary>
    public required FeatureSelection FeatureSelection { get; init; }

    /// <summary>The k-scan; null when k was given.</summary>
    public KScanResult? Scan { get; init; }

    /// <summary>Number of segments.</summary>
    public required int Clusters { get; init; }

    /// <summary>Method name as the run file writes it (kmeans, kprototypes).</summary>
    public required string Method { get; init; }

    /// <summary>Seed of the run.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Two principal components per customer.</summary>
    public required FeatureMatrix Projection { get; init; }

    /// <summary>Explained-variance ratio of the two components.</summary>
    public required IReadOnlyList<double> ProjectionVariance { get; init; }

    /// <summary>Segment label per customer ("S1" …), in projection order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Personas with strategies.</summary>
    public required PersonaReport Personas { get; init; }

    /// <summary>Validation evidence.</summary>
    public required ValidationSummary Validation { get; init; }

    /// <summary>Migration between two as-of dates; null when the data are too short.</summary>
    public MigrationSummary? Migration { get; init; }

    /// <summary>Days without a purchase after which a customer no longer counts as active (migration).</summary>
    public required int ActiveWindowDays { get; init; }

    /// <summary>Groups smaller than this are never shown on their own.</summary>
    public required int MinimumGroupSize { get; init; }
}

/// <summary>
/// The one-page offline report of a segmentation run, written for the people who act on it: an executive summary
/// (one line per segment), persona cards side by side, the segment charts (size and value, snake plot, CLV, RFM grid,
/// migration), then the analyst's record (data quality, CLV model, features, the k-scan, cluster map, validation).
/// Every word comes from the language's resources; groups smaller than the disclosure minimum are merged, suppressed
/// or shown as "&lt;k", and the page says so.
/// </summary>
public static class SegmentReport
{
    /// <summary>Section ids, in page order (sections without data are left out).</summary>
    public static IReadOnlyList<string> SectionIds { get; } = ["summary", "segments", "charts", "rfm", "record"];

    private const int MaximumMapPoints = 2_000;

    /// <summary>Builds the report page in <paramref name="language"/> (default English).</summary>
    public static HtmlPage Build(SegmentReportInput input, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var t = language ?? Language.English;
        var page = new HtmlPage(t["Report_Title"], t);
        var source =
            input.Cleaning is { } cleaning && input.AsOf is { } asOf
                ? t.Format("Report_Source", t.Date(asOf), t.Count(input.Customers), cleaning.File)
                : t.Format("Report_SourceAttributes", t.Count(input.Customers), input.CustomersFile ?? "");
        page.Subtitle(
            source
                + " "
                + t.Format(
                    "Report_Run",
                    input.Clusters,
                    t["Method_" + input.Method],
                    input.Seed,
                    input.MinimumGroupSize
                )
        );

        Summary(page, input, t);
        Cards(page, input.Personas, t);
        Charts(page, input, t);
        if (input.Rfm is not null)
            RfmSection(page, input.Rfm, input.MinimumGroupSize, t);
        page.Section("record", t["Report_Record"]);
        page.Paragraph(t["Report_RecordIntro"]);
        if (input.Cleaning is not null)
            DataQuality(page, input.Cleaning, t);
        if (input.Features is not null)
            LifetimeValue(page, input, input.Features, t);
        FeaturesSection(page, input.FeatureSelection, t);
        ChoosingK(page, input, t);
        ClusterMap(page, input, t);
        ValidationSection(page, input, t);
        page.Section("lift", t["Report_Lift"], 3);
        page.Chart(PersonaCharts.LiftHeatmap(input.Personas, t));
        return page;
    }

    /// <summary>The executive summary table: one row per segment, with its figures as data attributes (invariant) for
    /// tools.</summary>
    public static string SummaryTable(PersonaReport personas, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(personas);
        var t = language ?? Language.English;
        var withValue = personas.Revenue is not null;
        var withClv = personas.Personas.Count > 0 && personas.Personas.All(p => p.ClvShare is not null);
        var html = new StringBuilder("<table class=\"summary\">\n<thead><tr>");
        var header = new List<string> { t["Col_Segment"], t["Col_Customers"], t["Col_CustomerShare"] };
        if (withValue)
            header.Add(t["Col_RevenueShare"]);
        if (withClv)
            header.Add(t["Col_ClvShare"]);
        if (withValue)
            header.Add(t["Col_ValueTier"]);
        header.Add(t["Col_FirstAction"]);
        foreach (var h in header)
            html.Append("<th>").Append(HtmlPage.Encode(h)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var p in personas.Personas)
        {
            html.Append(
                    CultureInfo.InvariantCulture,
                    $"<tr data-segment=\"{HtmlPage.Encode(p.Segment)}\" data-customers=\"{p.Customers}\" "
                )
                .Append(CultureInfo.InvariantCulture, $"data-customer-share=\"{p.CustomerShare:R}\"");
            if (p.RevenueShare is { } revenue)
                html.Append(CultureInfo.InvariantCulture, $" data-revenue-share=\"{revenue:R}\"");
            if (p.ClvShare is { } clv)
                html.Append(CultureInfo.InvariantCulture, $" data-clv-share=\"{clv:R}\"");
            html.Append(" data-tier=\"")
                .Append(ValueTierNames.Of(p.Tier))
                .Append("\" data-colour=\"")
                .Append(SegmentColours.For(p.Segment))
                .Append("\">");
            html.Append("<td>")
                .Append(HtmlPage.Swatch(SegmentColours.For(p.Segment), PersonaCharts.Label(p)))
                .Append("</td>");
            html.Append("<td class=\"n\">")
                .Append(t.Count(p.Customers))
                .Append("</td><td class=\"n\">")
                .Append(t.Percent(p.CustomerShare))
                .Append("</td>");
            if (withValue)
                html.Append("<td class=\"n\">").Append(t.Percent(p.RevenueShare ?? 0)).Append("</td>");
            if (withClv)
                html.Append("<td class=\"n\">").Append(t.Percent(p.ClvShare ?? 0)).Append("</td>");
            if (withValue)
                html.Append("<td>").Append(HtmlPage.Encode(StrategyPlaybook.TierLabel(p.Tier, t))).Append("</td>");
            html.Append("<td>").Append(HtmlPage.Encode(p.Strategies.FirstOrDefault() ?? "–")).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        return html.ToString();
    }

    /// <summary>
    /// The persona cards side by side: who they are, what sets them apart, what to do, what to measure; each card in
    /// its segment's colour.
    /// </summary>
    public static string PersonaCards(PersonaReport personas, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(personas);
        var t = language ?? Language.English;
        // Inline styles as well as the page's classes, so that the cards read the same in a notebook, which has no page
        // CSS.
        var html = new StringBuilder(
            "<div class=\"cards\" style=\"display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,"
                + "1fr));gap:1em\">\n"
        );
        foreach (var p in personas.Personas)
        {
            var colour = SegmentColours.For(p.Segment);
            html.Append("<div class=\"card\" data-segment=\"")
                .Append(HtmlPage.Encode(p.Segment))
                .Append("\" style=\"--segment:")
                .Append(colour)
                .Append(";border:1px solid #ccd;border-top:8px solid ")
                .Append(colour)
                .Append(";border-radius:8px;padding:0.8em 1em\">\n");
            html.Append("<h3>").Append(HtmlPage.Encode(p.Name)).Append("</h3>\n<p>").Append(HtmlPage.Encode(p.Segment));
            if (p.Tier != ValueTier.NotAssessed)
                html.Append("<span class=\"tier\">")
                    .Append(HtmlPage.Encode(StrategyPlaybook.TierLabel(p.Tier, t)))
                    .Append("</span>");
            html.Append("</p>\n<h4>")
                .Append(HtmlPage.Encode(t["Card_Who"]))
                .Append("</h4>\n<p>")
                .Append(HtmlPage.Encode(p.Description))
                .Append("</p>\n");
            var apart = p
                .Features.Where(f => Math.Abs(f.StandardizedDifference) >= 0.5)
                .Take(4)
                .Select(f =>
                    t.Format(
                        f.StandardizedDifference > 0 ? "Card_Higher" : "Card_Lower",
                        Personas.FeatureName(f.Feature, t),
                        f.Lift is { } lift ? lift.ToString("0.0#", t.Formats) : t.Number(f.Mean, 2),
                        t.Number(f.Mean, 2),
                        t.Number(f.OverallMean, 2)
                    )
                )
                .Concat(
                    p.OverRepresented.Take(2)
                        .Select(c =>
                            t.Format(
                                "Card_Category",
                                Personas.FeatureName(c.Feature, t),
                                t.Find($"Category_{c.Feature}_{c.Category}") ?? c.Category,
                                t.Percent(c.Share, 0),
                                t.Percent(c.OverallShare, 0)
                            )
                        )
                )
                .ToList();
            if (apart.Count == 0)
                apart.Add(t["Card_NothingApart"]);
            List(html, t["Card_Apart"], apart);
            List(html, t["Card_Do"], p.Strategies.Take(4));
            List(html, t["Card_Measure"], t["Measure_" + p.Tier].Split('|'));
            html.Append("</div>\n");
        }
        html.Append("</div>\n");
        if (personas.PrivacyNote.Length > 0)
            html.Append("<p class=\"note\">").Append(HtmlPage.Encode(personas.PrivacyNote)).Append("</p>\n");
        return html.ToString();
    }

    private static void List(StringBuilder html, string heading, IEnumerable<string> items)
    {
        html.Append("<h4>").Append(HtmlPage.Encode(heading)).Append("</h4>\n<ul>\n");
        foreach (var item in items)
            html.Append("<li>").Append(HtmlPage.Encode(item)).Append("</li>\n");
        html.Append("</ul>\n");
    }

    private static void Summary(HtmlPage page, SegmentReportInput input, Language t)
    {
        page.Section("summary", t["Report_Summary"]);
        page.Paragraph(input.Personas.Revenue is null ? t["Report_SummaryIntroAttributes"] : t["Report_SummaryIntro"]);
        page.Raw(SummaryTable(input.Personas, t));
        if (input.Personas.Revenue is not null)
            page.Note(t["Report_TierRule"] + " " + input.Personas.TierRule);
    }

    private static void Cards(HtmlPage page, PersonaReport personas, Language t)
    {
        page.Section("segments", t["Report_Segments"]);
        page.Raw(PersonaCards(personas, t));
    }

    private static void Charts(HtmlPage page, SegmentReportInput input, Language t)
    {
        var personas = input.Personas;
        page.Section("charts", t["Report_Charts"]);
        page.Section("size-value", t["Report_SizeValue"], 3);
        page.Chart(PersonaCharts.SizesAndRevenue(personas, t));
        page.Chart(PersonaCharts.Treemap(personas, t));
        page.Section("snake", t["Report_Snake"], 3);
        page.Paragraph(t["Report_SnakeIntro"]);
        page.Chart(PersonaCharts.Profile(personas, input.FeatureSelection.Chosen, t));
        if (PersonaCharts.ClvBySegment(personas, language: t) is { } clv)
        {
            page.Section("clv-segments", t["Report_ClvBySegment"], 3);
            page.Chart(clv);
        }
        page.Section("migration", t["Report_Migration"], 3);
        MigrationSection(page, input, t);
    }

    private static void RfmSection(HtmlPage page, RfmSegmentation rfm, int k, Language t)
    {
        page.Section("rfm", t["Report_Rfm"]);
        page.Paragraph(t["Report_RfmIntro"]);
        var grid = new int[RfmScores.Levels, RfmScores.Levels];
        foreach (var row in rfm.Scores.Rows)
            grid[row.RecencyScore - 1, row.FrequencyScore - 1]++;
        page.Chart(SegmentCharts.RfmGrid(grid, k, t));
        var protectedCounts = SmallGroups.Protect(
            rfm.Counts.Select(s => new GroupCount(s.Segment, s.Customers)).ToList(),
            new DisclosureOptions { MinimumGroupSize = k, MergedGroupName = t["Group_Merged"] }
        );
        var total = (double)rfm.Scores.Rows.Count;
        page.Table(
            [t["Col_RfmSegment"], t["Col_Customers"], t["Col_CustomerShare"]],
            protectedCounts.Shown.Select(g =>
                (IReadOnlyList<string>)[RfmSegmentRules.Text(g.Name, t), t.Count(g.Count), t.Percent(g.Count / total)]
            )
        );
        if (!protectedCounts.Unchanged)
            page.Note(t.Format("Report_SmallGroupsMerged", k));
    }

    private static void DataQuality(HtmlPage page, CleaningResult c, Language t)
    {
        page.Section("quality", t["Report_Quality"], 3);
        page.Paragraph(
            t.Format(
                c.RowsIn == c.Clean + c.Returns + c.Quarantined ? "Quality_Balanced" : "Quality_NotBalanced",
                t.Count(c.RowsIn),
                t.Count(c.Clean),
                t.Count(c.Returns),
                t.Count(c.Quarantined),
                t.Count(c.Outliers)
            )
        );
        if (c.MissingColumns.Count > 0)
            page.Paragraph(t.Format("Quality_MissingColumns", t.List(c.MissingColumns)));
        page.Table(
            [t["Col_Rule"], t["Col_Destination"], t["Col_Rows"], t["Col_WhatItDoes"]],
            c.Rules.Select(rule =>
                (IReadOnlyList<string>)
                    [
                        rule.Rule,
                        QualityPage.Destination(rule.Destination, t),
                        t.Count(rule.Rows),
                        QualityPage.RuleText(rule, t),
                    ]
            )
        );
        page.Chart(QualityViews.RowsPerRule(c, t));
    }

    private static void LifetimeValue(HtmlPage page, SegmentReportInput input, CustomerFeatureSet features, Language t)
    {
        page.Section("clv", t["Report_Clv"], 3);
        if (features.Clv is not { } clv)
        {
            page.Paragraph(t["Clv_NotComputed"]);
            return;
        }
        var m = clv.Result;
        var p = m.PurchaseModel.Parameters;
        var s = m.SpendModel.Parameters;
        string N(double v) => v.ToString("0.####", t.Formats);
        page.Paragraph(
            t.Format(
                "Clv_Models",
                N(p.R),
                N(p.Alpha),
                N(p.A),
                N(p.B),
                N(s.P),
                N(s.Q),
                N(s.Gamma),
                input.AsOf is { } asOf ? t.Date(asOf) : "",
                m.Months,
                t.Percent(m.MonthlyDiscountRate)
            )
        );
        page.Raw(ReportTables.ClvTiers(clv, input.MinimumGroupSize, t));
        page.Raw(ReportTables.ClvByChannel(clv, input.MinimumGroupSize, t));
    }

    private static void FeaturesSection(HtmlPage page, FeatureSelection selection, Language t)
    {
        page.Section("features", t["Report_Features"], 3);
        page.Paragraph(
            selection.Automatic
                ? t.Format(
                    "Features_Automatic",
                    t.List(selection.Chosen),
                    selection.BasisKeys.Count > 0
                        ? string.Concat(selection.BasisKeys.Select(key => t[key]))
                        : selection.Basis
                )
                : t.Format("Features_Named", t.List(selection.Chosen))
        );
        page.Table(
            [
                t["Col_Feature"],
                t["Col_Verdict"],
                t["Col_Missing"],
                t["Col_ModeShare"],
                t["Col_Skew"],
                t["Col_Bimodality"],
                t["Col_Structure"],
                t["Col_Correlation"],
                t["Col_Reason"],
            ],
            selection.Diagnostics.Select(d =>
                (IReadOnlyList<string>)
                    [
                        d.Feature,
                        FeatureSelection.VerdictText(d.Verdict, t),
                        t.Percent(d.MissingShare),
                        t.Percent(d.ModeShare),
                        d.Skewness.ToString("0.00", t.Formats),
                        d.BimodalityCoefficient.ToString("0.000", t.Formats),
                        d.ClusterStructure is { } eta ? eta.ToString("0.000", t.Formats) : "–",
                        d.StrongestCorrelation is { } r
                            ? r.ToString("0.00", t.Formats) + " (" + d.CorrelatedWith + ")"
                            : "–",
                        selection.ReasonText(d, t),
                    ]
            )
        );
    }

    private static void ChoosingK(HtmlPage page, SegmentReportInput input, Language t)
    {
        page.Section("k-scan", t["Report_ChoosingK"], 3);
        if (input.Scan is not { } scan)
        {
            page.Paragraph(t.Format("K_Given", input.Clusters));
            return;
        }
        var ks = scan.PerK.Select(row => row.K).ToArray();
        var curves = new List<(string, IReadOnlyList<double>)>
        {
            (t["Index_inertia"], scan.PerK.Select(row => row.Inertia).ToArray()),
            (t["Index_silhouette"], scan.PerK.Select(row => row.Silhouette).ToArray()),
            (t["Index_calinskiHarabasz"], scan.PerK.Select(row => row.CalinskiHarabaszIndex).ToArray()),
            (t["Index_daviesBouldin"], scan.PerK.Select(row => row.DaviesBouldinIndex).ToArray()),
        };
        if (scan.PerK.All(row => row.Gap is not null))
            curves.Add((t["Index_gap"], scan.PerK.Select(row => row.Gap!.Value).ToArray()));
        page.Chart(SegmentCharts.IndexCurves(ks, curves, t));
        page.Raw(KChoiceTables.Html(scan, t));
    }

    private static void ClusterMap(HtmlPage page, SegmentReportInput input, Language t)
    {
        page.Section("cluster-map", t["Report_ClusterMap"], 3);
        var n = input.Projection.Rows;
        var step = Math.Max(1, (n + MaximumMapPoints - 1) / MaximumMapPoints);
        var rows = Enumerable.Range(0, n).Where(i => i % step == 0).ToArray();
        page.Paragraph(
            t.Format("Map_Intro", t.Percent(input.ProjectionVariance.Sum(), 0), t.Count(rows.Length), t.Count(n))
        );
        // A segment the personas merged or suppressed (under the minimum size) is drawn as the merged group, never on
        // its own.
        var names = input.Personas.Personas.ToDictionary(p => p.Segment, PersonaCharts.Label, StringComparer.Ordinal);
        page.Chart(
            SegmentCharts.ClusterMap(
                rows.Select(i => input.Projection[i, 0]).ToArray(),
                rows.Select(i => input.Projection[i, 1]).ToArray(),
                rows.Select(i => names.TryGetValue(input.Labels[i], out var name) ? name : t["Group_Merged"]).ToArray(),
                language: t
            )
        );
    }

    private static void ValidationSection(HtmlPage page, SegmentReportInput input, Language t)
    {
        var v = input.Validation;
        var k = input.MinimumGroupSize;
        page.Section("validation", t["Report_Validation"], 3);
        page.Raw(ReportTables.QualityIndices(v.Quality, t));
        if (v.Stability is { } stability)
        {
            page.Section("stability", t["Report_Stability"], 3);
            page.Table(
                [t["Col_Segment"], t["Col_Customers"], t["Col_MeanJaccard"], t["Col_Rating"]],
                stability.Clusters.Select(c =>
                    (IReadOnlyList<string>)
                        [
                            Label(c.Cluster),
                            ReportTables.Customers(c.Size, k, t),
                            t.Number(c.MeanJaccard),
                            t["Stability_" + c.Rating],
                        ]
                ),
                t.Format("Caption_Stability", stability.Replicates)
            );
        }
        if (v.Agreement is { } a)
        {
            page.Paragraph(
                t.Format(
                    "Validation_Agreement",
                    a.KnownSegments,
                    t.Count(a.Customers),
                    t.Number(a.AdjustedRandIndex),
                    t.Number(a.AdjustedMutualInformation),
                    t.Number(a.NormalizedMutualInformation)
                )
            );
        }
        page.Table(
            [t["Col_Feature"], t["Col_KruskalWallis"], t["Col_PValue"], t["Col_EpsilonSquared"]],
            v.Differences.Features.Select(f =>
                (IReadOnlyList<string>)
                    [
                        f.Feature,
                        t.Number(f.Test.H),
                        f.Test.PValue.ToString("0.###E+0", CultureInfo.InvariantCulture),
                        t.Number(f.Test.EpsilonSquared),
                    ]
            ),
            t["Caption_Differences"]
        );
        var small = v.Differences.Segments.Where(s => s.BelowMinimumShare).ToList();
        if (small.Count > 0)
            page.Paragraph(t.Format("Validation_SmallSegments", t.List(small.Select(s => Label(s.Segment)))));
        if (v.Holdout is { } h)
        {
            page.Paragraph(
                t.Format(
                    "Validation_Holdout",
                    t.Date(h.SplitDate),
                    h.Clusters,
                    t.Number(h.Revenue.EtaSquared),
                    t.Number(h.Orders.EtaSquared),
                    t.Number(h.Churn.EtaSquared),
                    t.Date(h.EndDate)
                )
            );
            page.Table(
                [t["Col_EarlierSegment"], t["Col_Customers"], t["Col_NextRevenue"], t["Col_Lift"], t["Col_ChurnRate"]],
                h.Revenue.Segments.Zip(h.Churn.Segments)
                    .Where(p => p.First.Count >= k)
                    .Select(p =>
                        (IReadOnlyList<string>)
                            [
                                p.First.Segment,
                                t.Count(p.First.Count),
                                t.Number(p.First.Mean),
                                p.First.Lift is { } l ? t.Number(l) : "–",
                                t.Percent(p.Second.Mean, 0),
                            ]
                    )
            );
        }
    }

    private static void MigrationSection(HtmlPage page, SegmentReportInput input, Language t)
    {
        var k = input.MinimumGroupSize;
        if (input.Migration is not { } m)
        {
            page.Paragraph(t["Migration_TooShort"]);
            return;
        }
        var matrix = m.Matrix;
        var counts = new long[matrix.From.Count, matrix.To.Count];
        for (var i = 0; i < matrix.From.Count; i++)
        {
            for (var j = 0; j < matrix.To.Count; j++)
                counts[i, j] = matrix.Counts[i][j];
        }
        var (shown, suppressed) = SmallGroups.SuppressCells(counts, k);
        page.Paragraph(t.Format("Migration_Intro", input.ActiveWindowDays, t.Date(m.Earlier), t.Date(m.Later)));
        var links = matrix.Links.Where(l => l.Count >= k).ToList();
        page.Chart(
            SegmentCharts.Migration(
                links.Select(l => MigrationName(l.From, t)).ToArray(),
                links.Select(l => MigrationName(l.To, t)).ToArray(),
                links.Select(l => (double)l.Count).ToArray(),
                language: t
            )
        );
        page.Table(
            [t["Col_FromTo"], .. matrix.To.Select(s => MigrationName(s, t))],
            Enumerable
                .Range(0, matrix.From.Count)
                .Select(i =>
                    (IReadOnlyList<string>)
                        [
                            MigrationName(matrix.From[i], t),
                            .. Enumerable
                                .Range(0, matrix.To.Count)
                                .Select(j =>
                                    shown[i, j] is { } c ? t.Count(c) : "<" + k.ToString(CultureInfo.InvariantCulture)
                                ),
                        ]
                )
        );
        if (suppressed > 0)
            page.Note(t.Format("Migration_Suppressed", suppressed, k));
    }

    private static string MigrationName(string group, Language t) => t.Find("Migration_" + group) ?? group;

    private static string Label(int cluster) => ClusterNames.Of(cluster);
}
