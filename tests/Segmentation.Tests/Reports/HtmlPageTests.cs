using System.Text.RegularExpressions;
using Segmentation.Charts;
using Segmentation.Reports;

namespace Segmentation.Tests.Reports;

public sealed class HtmlPageTests
{
    private static HtmlPage TwoChartPage() =>
        new HtmlPage("Report <test>")
            .Heading("Sizes")
            .Chart(SegmentCharts.Treemap(["a", "b"], [3, 4]))
            .Table(
                ["segment", "n"],
                [
                    ["a & co", "3"],
                ]
            )
            .Chart(SegmentCharts.Columns(["x"], [1], "t", "v"));

    [Fact]
    public void Plotly_is_embedded_once_and_every_chart_is_drawn_by_id()
    {
        var html = TwoChartPage().ToString();
        Assert.Single(Regex.Matches(html, Regex.Escape("window.define=undefined")));
        Assert.Contains("plotly.js v" + PlotlyAssets.Version, html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot('chart-1'", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot('chart-2'", html, StringComparison.Ordinal);
        Assert.True(
            html.IndexOf("window.define=undefined", StringComparison.Ordinal)
                < html.IndexOf("Plotly.newPlot", StringComparison.Ordinal)
        );
    }

    [Fact]
    public void Page_references_nothing_on_the_network_and_encodes_text()
    {
        // plotly.js itself holds attribution links (map tiles) that are never fetched; check our markup.
        var html = TwoChartPage().ToString().Replace(PlotlyAssets.ScriptElement(), "", StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=\\s*[\"']?(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.Contains("<title>Report &lt;test&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<td>a &amp; co</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_content_gives_the_same_bytes_and_a_page_without_charts_has_no_script()
    {
        Assert.Equal(TwoChartPage().ToString(), TwoChartPage().ToString());
        Assert.DoesNotContain("<script", new HtmlPage("plain").Paragraph("text").ToString(), StringComparison.Ordinal);
    }
}

public sealed class HtmlPageBrowserTests
{
    [Fact]
    public void Charts_draw_offline_in_headless_chromium_without_script_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"seg-page-{Guid.NewGuid():N}.html");
        new HtmlPage("Browser check")
            .Chart(SegmentCharts.Treemap(["a", "b"], [3, 4]))
            .Chart(SegmentCharts.ClusterMap([0, 1, 2], [2, 1, 0], ["x", "y", "x"]))
            .Chart(SegmentCharts.Migration(["a"], ["b"], [3]))
            .Save(path);
        try
        {
            var result = Segmentation.Testing.HeadlessBrowser.Render(path);
            Assert.Empty(result.ScriptErrors);
            Assert.True(result.DrawnCharts >= 3, $"drew {result.DrawnCharts} charts");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
