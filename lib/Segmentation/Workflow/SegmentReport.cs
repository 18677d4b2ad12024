using System.Globalization;
using Segmentation.Charts;
using Segmentation.Data.Cleaning;
using Segmentation.Features;
using Segmentation.Privacy;
using Segmentation.Reports;
using Segmentation.Segmenting;
using Segmentation.Segmenting.Rules;
using Segmentation.Validation;
using Segmentation.Value;

namespace Segmentation.Workflow;

/// <summary>
/// The one-page offline report of a segmentation run: data quality, RFM segments, the k-scan, the
/// cluster map, personas with strategies, validation and migration. Groups smaller than the
/// disclosure minimum are merged, suppressed or shown as "&lt;k", and the page says so.
/// </summary>
public static class SegmentReport
{
    private const int MaximumMapPoints = 2_000;

    /// <summary>Builds the report page.</summary>
    public static HtmlPage Build(SegmentWorkflowResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var k = result.Options.MinimumGroupSize;
        var page = new HtmlPage("Customer segmentation report");
        var source = result.Cleaning is { } cleaning
            ? Invariant($"As of {result.AsOf:yyyy-MM-dd}: {result.CustomerIds.Count:N0} customers from {cleaning.File}")
            : Invariant($"{result.CustomerIds.Count:N0} customers of {result.Options.Customers}, segmented on their attributes alone");
        page.Paragraph(Invariant($"{source}, {result.Clusters} segments ({result.Options.Method}, seed {result.Options.Seed}). No group of fewer than {k} customers is shown on its own."));

        if (result.Cleaning is not null) DataQuality(page, result.Cleaning);
        if (result.Rfm is not null) RfmSegments(page, result.Rfm, k);
        if (result.Features is not null) LifetimeValue(page, result, result.Features, k);
        FeaturesSection(page, result.FeatureSelection);
        ChoosingK(page, result);
        ClusterMap(page, result);
        PersonasSection(page, result);
        ValidationSection(page, result, k);
        MigrationSection(page, result, k);
        return page;
    }

    private static void DataQuality(HtmlPage page, CleaningResult c)
    {
        page.Heading("Data quality");
        page.Paragraph(Invariant($"{c.RowsIn:N0} rows in = {c.Clean:N0} clean + {c.Returns:N0} returns + {c.Quarantined:N0} quarantined ({(c.RowsIn == c.Clean + c.Returns + c.Quarantined ? "balanced" : "NOT balanced")}); {c.Outliers:N0} outliers flagged and kept."));
        if (c.MissingColumns.Count > 0) page.Paragraph("Columns the input lacks (features needing them are not computed): " + string.Join(", ", c.MissingColumns) + ".");
        page.Table(["rule", "destination", "rows", "what it does"], c.Rules.Select(rule => (IReadOnlyList<string>)[rule.Rule, rule.Destination, Invariant($"{rule.Rows:N0}"), rule.Description]));
        page.Chart(SegmentCharts.Columns(c.Rules.Select(rule => rule.Rule).ToArray(), c.Rules.Select(rule => (double)rule.Rows).ToArray(), "Rows taken by each cleaning rule", "rows"));
    }

    private static void RfmSegments(HtmlPage page, RfmSegmentation rfm, int k)
    {
        page.Heading("RFM segments");
        var protectedCounts = SmallGroups.Protect(rfm.Counts.Select(s => new GroupCount(s.Segment, s.Customers)).ToList(), new DisclosureOptions { MinimumGroupSize = k });
        var total = (double)rfm.Scores.Rows.Count;
        page.Table(["RFM segment", "customers", "share"], protectedCounts.Shown.Select(g => (IReadOnlyList<string>)[g.Name, Invariant($"{g.Count:N0}"), Invariant($"{g.Count / total:P1}")]));
        if (!protectedCounts.Unchanged) page.Raw($"<p class=\"note\">{HtmlPage.Encode(protectedCounts.Note)}</p>");
        page.Chart(SegmentCharts.Columns(protectedCounts.Shown.Select(g => g.Name).ToArray(), protectedCounts.Shown.Select(g => (double)g.Count).ToArray(), "Customers per RFM segment", "customers"));
    }

    private static void LifetimeValue(HtmlPage page, SegmentWorkflowResult r, CustomerFeatureSet features, int k)
    {
        page.Heading("Customer lifetime value");
        if (features.Clv is not { } clv)
        {
            var reason = features.NotComputable.FirstOrDefault(m => m.Name == FeatureCatalog.Clv)?.Reason ?? "not computed";
            page.Paragraph("CLV is not part of this report: " + reason + ".");
            return;
        }
        var m = clv.Result;
        var p = m.PurchaseModel.Parameters;
        var s = m.SpendModel.Parameters;
        page.Paragraph(Invariant(
            $"BG/NBD (r = {p.R:0.####}, α = {p.Alpha:0.####}, a = {p.A:0.####}, b = {p.B:0.####}) and Gamma–Gamma (p = {s.P:0.####}, q = {s.Q:0.####}, γ = {s.Gamma:0.####}) fitted on the purchases up to {r.AsOf:yyyy-MM-dd}; CLV is the value expected over the next {m.Months} months, discounted at {m.MonthlyDiscountRate:P1} a month. It feeds the value tier of the personas and the clv_tier feature."));
        page.Raw(ReportTables.ClvTiers(clv, k));
        page.Raw(ReportTables.ClvByChannel(clv, k));
    }

    private static void ChoosingK(HtmlPage page, SegmentWorkflowResult r)
    {
        page.Heading("Choosing k");
        if (r.Scan is not { } scan)
        {
            page.Paragraph(Invariant($"k = {r.Clusters} was given; no scan was run."));
            return;
        }
        var ks = scan.PerK.Select(row => row.K).ToArray();
        var curves = new List<(string, IReadOnlyList<double>)>
        {
            ("inertia", scan.PerK.Select(row => row.Inertia).ToArray()),
            ("silhouette", scan.PerK.Select(row => row.Silhouette).ToArray()),
            ("Calinski–Harabasz", scan.PerK.Select(row => row.CalinskiHarabaszIndex).ToArray()),
            ("Davies–Bouldin", scan.PerK.Select(row => row.DaviesBouldinIndex).ToArray()),
        };
        if (scan.PerK.All(row => row.Gap is not null)) curves.Add(("gap", scan.PerK.Select(row => row.Gap!.Value).ToArray()));
        page.Chart(SegmentCharts.IndexCurves(ks, curves));
        page.Raw(KChoiceTables.Html(scan));
    }

    private static void FeaturesSection(HtmlPage page, FeatureSelection selection)
    {
        page.Heading("Clustering features");
        page.Paragraph(selection.Automatic
            ? Invariant($"Chosen automatically ({selection.Basis}): {string.Join(", ", selection.Chosen)}. Each candidate was diagnosed before clustering; missing, constant, redundant and noise features are left out.")
            : Invariant($"Named by the analyst: {string.Join(", ", selection.Chosen)}. The diagnostic flags, it does not remove."));
        page.Table(["feature", "verdict", "missing", "most common value", "skew", "bimodality", "structure η²", "strongest correlation", "reason"],
            selection.Diagnostics.Select(d => (IReadOnlyList<string>)
            [
                d.Feature, d.Verdict.ToString(), Invariant($"{d.MissingShare:P1}"), Invariant($"{d.ModeShare:P1}"), Invariant($"{d.Skewness:0.00}"),
                Invariant($"{d.BimodalityCoefficient:0.000}"), d.ClusterStructure is { } eta ? Invariant($"{eta:0.000}") : "–",
                d.StrongestCorrelation is { } r ? Invariant($"{r:0.00} ({d.CorrelatedWith})") : "–", d.Reason,
            ]));
    }

    private static void ClusterMap(HtmlPage page, SegmentWorkflowResult r)
    {
        page.Heading("Cluster map");
        var n = r.Projection.Rows;
        var step = Math.Max(1, (n + MaximumMapPoints - 1) / MaximumMapPoints);
        var rows = Enumerable.Range(0, n).Where(i => i % step == 0).ToArray();
        page.Paragraph(Invariant($"The first two principal components of the clustering features explain {r.ProjectionVariance.Sum():P0} of their variance; {rows.Length:N0} of {n:N0} customers drawn."));
        page.Chart(SegmentCharts.ClusterMap(
            rows.Select(i => r.Projection[i, 0]).ToArray(),
            rows.Select(i => r.Projection[i, 1]).ToArray(),
            rows.Select(i => ClusterNames.Of(r.Labels[i])).ToArray()));
    }

    private static void PersonasSection(HtmlPage page, SegmentWorkflowResult r)
    {
        page.Heading("Personas and strategies");
        page.Paragraph("Value tiers: " + r.Personas.TierRule);
        page.Chart(PersonaCharts.SizesAndRevenue(r.Personas));
        page.Chart(PersonaCharts.LiftHeatmap(r.Personas));
        page.Chart(PersonaCharts.Profile(r.Personas));
        page.Chart(PersonaCharts.Treemap(r.Personas));
        page.Raw(PersonaDocuments.ToHtmlCards(r.Personas));
    }

    private static void ValidationSection(HtmlPage page, SegmentWorkflowResult r, int k)
    {
        var v = r.Validation;
        page.Heading("Validation");
        page.Raw(ReportTables.QualityIndices(v.Quality));
        if (v.Stability is { } stability)
        {
            page.Table(["segment", "customers", "mean Jaccard", "rating"], stability.Clusters.Select(c => (IReadOnlyList<string>)
                [ClusterNames.Of(c.Cluster), Count(c.Size, k), Num(c.MeanJaccard), BootstrapStability.Describe(c.Rating)]),
                Invariant($"Bootstrap stability ({stability.Replicates} replicates; < 0.6 not trustworthy, ≥ 0.75 stable, ≥ 0.85 highly stable)"));
        }
        if (v.Agreement is { } a)
        {
            page.Paragraph(Invariant($"Agreement with known labels ({a.KnownSegments} known segments, {a.Customers:N0} customers): adjusted Rand index {a.AdjustedRandIndex:0.000}, adjusted mutual information {a.AdjustedMutualInformation:0.000}, normalised mutual information {a.NormalizedMutualInformation:0.000}."));
        }
        page.Table(["feature", "Kruskal–Wallis H", "p-value", "effect size ε²"], v.Differences.Features.Select(f => (IReadOnlyList<string>)
            [f.Feature, Num(f.Test.H), f.Test.PValue.ToString("0.###E+0", CultureInfo.InvariantCulture), Num(f.Test.EpsilonSquared)]), "Differences across segments");
        var small = v.Differences.Segments.Where(s => s.BelowMinimumShare).ToList();
        if (small.Count > 0) page.Paragraph("Segments under the minimum share: " + string.Join(", ", small.Select(s => ClusterNames.Of(s.Segment))) + ".");
        if (v.Holdout is { } h)
        {
            page.Paragraph(Invariant($"Holdout: segments fitted on purchases before {h.SplitDate:yyyy-MM-dd} (k = {h.Clusters}) explain η² = {h.Revenue.EtaSquared:0.000} of next-period revenue, {h.Orders.EtaSquared:0.000} of next-period orders and {h.Churn.EtaSquared:0.000} of churn (to {h.EndDate:yyyy-MM-dd})."));
            page.Table(["segment (earlier period)", "customers", "next revenue (mean)", "lift", "churn rate"],
                h.Revenue.Segments.Zip(h.Churn.Segments).Where(p => p.First.Count >= k).Select(p => (IReadOnlyList<string>)
                    [p.First.Segment, Invariant($"{p.First.Count:N0}"), Num(p.First.Mean), p.First.Lift is { } l ? Num(l) : "–", Invariant($"{p.Second.Mean:P0}")]));
        }
    }

    private static void MigrationSection(HtmlPage page, SegmentWorkflowResult r, int k)
    {
        page.Heading("Migration");
        if (r.Migration is not { } m)
        {
            page.Paragraph("The data cover too short a period for a second as-of date.");
            return;
        }
        var matrix = m.Matrix;
        var counts = new long[matrix.From.Count, matrix.To.Count];
        for (var i = 0; i < matrix.From.Count; i++)
        {
            for (var j = 0; j < matrix.To.Count; j++) counts[i, j] = matrix.Counts[i][j];
        }
        var (shown, suppressed) = SmallGroups.SuppressCells(counts, k);
        page.Paragraph(Invariant($"Customers active (bought within {r.Options.ActiveWindowDays} days) on {m.Earlier:yyyy-MM-dd} and on {m.Later:yyyy-MM-dd}, scored by the same model."));
        var links = matrix.Links.Where(l => l.Count >= k).ToList();
        page.Chart(SegmentCharts.Migration(links.Select(l => l.From).ToArray(), links.Select(l => l.To).ToArray(), links.Select(l => (double)l.Count).ToArray()));
        page.Table(["from \\ to", .. matrix.To], Enumerable.Range(0, matrix.From.Count).Select(i => (IReadOnlyList<string>)
            [matrix.From[i], .. Enumerable.Range(0, matrix.To.Count).Select(j => shown[i, j] is { } c ? c.ToString("N0", CultureInfo.InvariantCulture) : Invariant($"<{k}"))]));
        if (suppressed > 0) page.Raw(Invariant($"<p class=\"note\">{suppressed} cell(s) with fewer than {k} customers are shown as &lt;{k}, and their flows are left out of the chart.</p>"));
    }

    private static string Count(int n, int k) => ReportTables.Customers(n, k);

    private static string Num(double v) => ReportTables.Number(v);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
