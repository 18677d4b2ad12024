using System.Text.Json;
using Plotly.NET;
using Segmentation.Reports.Views;

namespace Segmentation.Tests.Reports.Views;

public sealed class AgreementViewsTests
{
    private static readonly string[] Truth = ["loyal", "new", "loyal", "new", "loyal", "at_risk"];
    private static readonly string[] Clusters = ["c1", "c0", "c1", "c0", "c0", "c2"];

    [Fact]
    public void Counts_every_pair_of_labels_with_both_label_sets_in_ordinal_order()
    {
        var counts = AgreementViews.Count(Truth, Clusters, out var rows, out var columns);

        Assert.Equal(["at_risk", "loyal", "new"], rows);
        Assert.Equal(["c0", "c1", "c2"], columns);
        Assert.Equal(
            new double[,]
            {
                { 0, 0, 1 },
                { 1, 2, 0 },
                { 2, 0, 0 },
            },
            counts
        );
    }

    [Fact]
    public void The_cross_tab_chart_is_a_heatmap_of_the_counts_with_both_labelings_named()
    {
        using var figure = JsonDocument.Parse(
            GenericChart.toFigureJson(AgreementViews.CrossTab(Truth, Clusters, "planted group", "cluster"))
        );

        var trace = Assert.Single(figure.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal([1.0, 2.0, 0.0], trace.GetProperty("z")[1].EnumerateArray().Select(v => v.GetDouble()));
        var layout = figure.RootElement.GetProperty("layout");
        Assert.Equal(
            "Customers by planted group (rows) and cluster (columns)",
            layout.GetProperty("title").GetProperty("text").GetString()
        );
        Assert.Equal("cluster", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("planted group", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void Labelings_of_different_lengths_are_refused_with_both_counts()
    {
        var e = Assert.Throws<OptionsException>(() => AgreementViews.Count(Truth, ["c0"], out _, out _));

        Assert.Equal("columns=1 labels must equal rows=6 labels", e.Message);
    }
}
