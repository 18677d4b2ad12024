using System.Text.Json;
using Plotly.NET;
using Segmentation.Charts;

namespace Segmentation.Tests.Charts;

public sealed class SegmentChartsTests
{
    private static readonly string[] Segments = ["champions", "at risk", "new"];
    private static readonly string[] Features = ["recency", "frequency"];
    private static readonly double[,] Grid =
    {
        { 1.5, 2.0 },
        { 0.5, 0.7 },
        { 1.0, 0.2 },
    };

    public static TheoryData<string, string> EveryChart =>
        new()
        {
            { "sizes", "bar" },
            { "heatmap", "heatmap" },
            { "profile", "scatter" },
            { "treemap", "treemap" },
            { "clustermap", "scatter" },
            { "indexcurves", "scatter" },
            { "migration", "sankey" },
            { "columns", "bar" },
        };

    private static GenericChart Build(string name) =>
        name switch
        {
            "sizes" => SegmentCharts.SizesAndRevenue(Segments, [0.2, 0.3, 0.5], [0.6, 0.3, 0.1]),
            "heatmap" => SegmentCharts.Heatmap(Segments, Features, Grid, "Lift"),
            "profile" => SegmentCharts.Profile(Segments, Features, Grid),
            "treemap" => SegmentCharts.Treemap(Segments, [20, 30, 50]),
            "clustermap" => SegmentCharts.ClusterMap([0, 1, 2, 3], [1, 0, 1, 0], ["a", "b", "a", "b"]),
            "indexcurves" => SegmentCharts.IndexCurves(
                [2, 3, 4],
                [("inertia", [10.0, 5.0, 4.0]), ("silhouette", [0.4, 0.6, 0.5])]
            ),
            "migration" => SegmentCharts.Migration(["a", "a", "b"], ["a", "b", "b"], [5, 2, 7]),
            "columns" => SegmentCharts.Columns(["rule1", "rule2"], [3, 4], "Rows removed", "rows"),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };

    [Theory]
    [MemberData(nameof(EveryChart))]
    public void Every_chart_has_a_title_and_traces_of_its_type_and_is_deterministic(string name, string traceType)
    {
        var json = GenericChart.toFigureJson(Build(name));
        using var figure = JsonDocument.Parse(json);
        var data = figure.RootElement.GetProperty("data");
        Assert.True(data.GetArrayLength() > 0);
        Assert.All(data.EnumerateArray(), trace => Assert.Equal(traceType, trace.GetProperty("type").GetString()));
        Assert.Equal(json, GenericChart.toFigureJson(Build(name)));
    }

    [Fact]
    public void Sizes_chart_carries_both_shares_per_segment()
    {
        using var figure = JsonDocument.Parse(
            GenericChart.toFigureJson(SegmentCharts.SizesAndRevenue(Segments, [0.2, 0.3, 0.5], [0.6, 0.3, 0.1]))
        );
        var traces = figure.RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["share of customers", "share of revenue"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([0.6, 0.3, 0.1], traces[1].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(Segments, traces[1].GetProperty("x").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public void Sizes_chart_adds_the_clv_share_when_given()
    {
        using var figure = JsonDocument.Parse(
            GenericChart.toFigureJson(
                SegmentCharts.SizesAndRevenue(Segments, [0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [0.5, 0.4, 0.1])
            )
        );
        var traces = figure.RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(
            ["share of customers", "share of revenue", "share of lifetime value (CLV)"],
            traces.Select(t => t.GetProperty("name").GetString())
        );
        Assert.Equal([0.5, 0.4, 0.1], traces[2].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Throws<OptionsException>(() =>
            SegmentCharts.SizesAndRevenue(Segments, [0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [1.0])
        );
    }

    [Theory]
    [InlineData(null, null, "segment", "feature")]
    [InlineData("recency score", "frequency score", "recency score", "frequency score")]
    public void Heatmap_axes_say_what_rows_and_columns_are(
        string? rowTitle,
        string? columnTitle,
        string expectedY,
        string expectedX
    )
    {
        var chart = rowTitle is null
            ? SegmentCharts.Heatmap(Segments, Features, Grid, "Lift")
            : SegmentCharts.Heatmap(Segments, Features, Grid, "Lift", rowTitle, columnTitle!);
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(chart));
        var layout = figure.RootElement.GetProperty("layout");
        Assert.Equal(expectedX, layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal(expectedY, layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Cluster_map_has_one_trace_per_segment_with_its_points()
    {
        using var figure = JsonDocument.Parse(
            GenericChart.toFigureJson(SegmentCharts.ClusterMap([0, 1, 2, 3], [1, 0, 1, 0], ["b", "a", "b", "a"]))
        );
        var traces = figure.RootElement.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["a", "b"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal([1.0, 3.0], traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public void Migration_links_earlier_segments_to_later_ones()
    {
        using var figure = JsonDocument.Parse(
            GenericChart.toFigureJson(SegmentCharts.Migration(["a", "a", "b"], ["a", "b", "b"], [5, 2, 7]))
        );
        var trace = figure.RootElement.GetProperty("data")[0];
        Assert.Equal(
            ["a (before)", "b (before)", "a (after)", "b (after)"],
            trace.GetProperty("node").GetProperty("label").EnumerateArray().Select(v => v.GetString())
        );
        Assert.Equal(
            [0, 0, 1],
            trace.GetProperty("link").GetProperty("source").EnumerateArray().Select(v => v.GetInt32())
        );
        Assert.Equal(
            [2, 3, 3],
            trace.GetProperty("link").GetProperty("target").EnumerateArray().Select(v => v.GetInt32())
        );
    }

    [Fact]
    public void Mismatched_lengths_are_refused_with_both_counts()
    {
        var e = Assert.Throws<OptionsException>(() => SegmentCharts.Treemap(Segments, [1, 2]));
        Assert.Equal("sizes has 2 values; expected 3", e.Message);
    }
}
