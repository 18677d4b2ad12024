using System.Text.Json;
using Plotly.NET;
using Segmentation.Features;
using Segmentation.Reports.Views;
using Segmentation.Segmenting;

namespace Segmentation.Tests.Reports.Views;

public sealed class ClusteringViewsTests
{
    private static KScanResult Scan(bool withGap) =>
        new(
            RowCount: 100,
            ColumnCount: 2,
            KMin: 2,
            KMax: 4,
            Seed: 42,
            GapReferences: withGap ? 3 : 0,
            GapReferenceBox: GapReferenceBox.PrincipalComponents,
            SilhouetteSampleSize: null,
            PerK:
            [
                new KScanRow(
                    2,
                    2,
                    90,
                    0.41,
                    120,
                    0.9,
                    withGap ? 4.5 : null,
                    withGap ? 5.0 : null,
                    withGap ? 0.5 : null,
                    withGap ? 0.05 : null
                ),
                new KScanRow(
                    3,
                    3,
                    40,
                    0.62,
                    310,
                    0.6,
                    withGap ? 3.7 : null,
                    withGap ? 4.6 : null,
                    withGap ? 0.9 : null,
                    withGap ? 0.05 : null
                ),
                new KScanRow(
                    4,
                    4,
                    35,
                    0.55,
                    260,
                    0.8,
                    withGap ? 3.6 : null,
                    withGap ? 4.3 : null,
                    withGap ? 0.7 : null,
                    withGap ? 0.05 : null
                ),
            ],
            ElbowK: 3,
            ElbowDistance: 0.6,
            Recommendation: new KScanRecommendation(3, 3, [new KScanVote("silhouette", 3, "largest mean silhouette")])
        );

    private static JsonElement[] Traces(GenericChart chart)
    {
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(chart));
        return figure.RootElement.GetProperty("data").EnumerateArray().Select(t => t.Clone()).ToArray();
    }

    private static double[] Numbers(JsonElement trace, string axis) =>
        trace.GetProperty(axis).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void Index_curves_draw_every_index_of_the_scan_over_k_and_the_gap_only_when_computed()
    {
        var withGap = Traces(ClusteringViews.IndexCurves(Scan(withGap: true)));
        var withoutGap = Traces(ClusteringViews.IndexCurves(Scan(withGap: false)));

        Assert.Equal(5, withGap.Length);
        Assert.Equal(4, withoutGap.Length);
        Assert.All(withGap, trace => Assert.Equal([2.0, 3.0, 4.0], Numbers(trace, "x")));
        Assert.Equal([90.0, 40.0, 35.0], Numbers(withGap[0], "y"));
        Assert.Equal([0.41, 0.62, 0.55], Numbers(withGap[1], "y"));
        Assert.Equal([120.0, 310.0, 260.0], Numbers(withGap[2], "y"));
        Assert.Equal([0.9, 0.6, 0.8], Numbers(withGap[3], "y"));
        Assert.Equal([0.5, 0.9, 0.7], Numbers(withGap[4], "y"));
    }

    [Fact]
    public void Cluster_map_places_every_row_at_its_principal_component_scores_and_names_the_variance_kept()
    {
        var x = FeatureMatrix.FromRows(
            ["a", "b", "c"],
            [
                [0, 0, 1],
                [2, 1, 0],
                [4, 2, 1],
                [6, 3, 0],
                [1, 5, 1],
            ]
        );
        var pca = Pca.Fit(x, components: 2);
        var scores = pca.Project(x);
        string[] segments = ["s1", "s2", "s1", "s2", "s1"];

        var chart = ClusteringViews.ClusterMap(pca, x, segments);

        var traces = Traces(chart);
        Assert.Equal(["s1", "s2"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([scores[0, 0], scores[2, 0], scores[4, 0]], Numbers(traces[0], "x"));
        Assert.Equal([scores[1, 1], scores[3, 1]], Numbers(traces[1], "y"));
        var layout = GenericChart.toFigureJson(chart);
        Assert.Contains(
            $"PC1 ({Segmentation.Common.Text.Language.English.Percent(pca.ExplainedVarianceRatio[0], 0)} of variance)",
            layout,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Cluster_map_needs_two_components()
    {
        var x = FeatureMatrix.FromRows(
            ["a", "b"],
            [
                [0, 1],
                [1, 0],
                [2, 2],
            ]
        );

        var e = Assert.Throws<OptionsException>(() =>
            ClusteringViews.ClusterMap(Pca.Fit(x, components: 1), x, ["a", "b", "a"])
        );

        Assert.Equal("components=1 must be >= 2 for a cluster map", e.Message);
    }

    [Fact]
    public void Centroid_profile_draws_one_line_per_cluster_through_its_centre()
    {
        var centroids = FeatureMatrix.FromRows(
            ["recency", "frequency"],
            [
                [-1.0, 2.0],
                [0.5, -0.25],
            ]
        );

        var traces = Traces(ClusteringViews.CentroidProfile(centroids));

        Assert.Equal(["S1", "S2"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([-1.0, 2.0], Numbers(traces[0], "y"));
        Assert.Equal([0.5, -0.25], Numbers(traces[1], "y"));
        Assert.Equal(["recency", "frequency"], traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetString()));
    }
}
