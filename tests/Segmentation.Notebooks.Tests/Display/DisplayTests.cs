using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Tests.Display;

public sealed class DisplayTests
{
    [Fact]
    public async Task A_dataframe_shows_as_a_table_that_states_its_row_limit()
    {
        var result = await Cells.RunAloneAsync(
            """
            using Microsoft.Data.Analysis;
            var ids = new Int32DataFrameColumn("id", Enumerable.Range(1, 4338));
            var amounts = new DoubleDataFrameColumn("amount", Enumerable.Range(1, 4338).Select(i => i * 0.5));
            new DataFrame(ids, amounts)
            """
        );

        var output = Cells.SingleOutput<ExecuteResultOutput>(result);
        Assert.Contains(
            "<caption>showing 20 of 4,338 rows &#215; 2 columns</caption>",
            output.Html,
            StringComparison.Ordinal
        );
        Assert.Contains("<tr><td>20</td><td>10</td></tr>", output.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>21</td>", output.Html, StringComparison.Ordinal);
        Assert.Equal(20 + 3, output.PlainText!.Split('\n').Length);
        Assert.EndsWith("(showing 20 of 4,338 rows × 2 columns)", output.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sequence_of_records_shows_as_a_table()
    {
        var result = await Cells.RunAloneAsync(
            """
            record Customer(string Id, decimal Spend, DateTime First);
            Enumerable.Range(1, 25).Select(i => new Customer($"C{i}", i * 1.25m, new DateTime(2011, 1, i % 28 + 1)))
            """
        );

        var output = Cells.SingleOutput<ExecuteResultOutput>(result);
        Cells.AssertTable(
            output,
            "<thead><tr><th>Id</th><th>Spend</th><th>First</th></tr></thead>",
            "<tr><td>C2</td><td>2.50</td><td>2011-01-03</td></tr>",
            "showing 20 of 25 rows"
        );
    }

    [Fact]
    public async Task A_plotly_chart_carries_its_figure_json_and_plotly_js_comes_once_before_the_first_chart()
    {
        using var session = new NotebookSession(new NotebookSessionOptions { OutputIdPrefix = "nb1" });
        var first = await session.ExecuteAsync(
            """
            using Plotly.NET.CSharp;
            Chart.Point<int, int, string>(new[] { 1, 2, 3 }, new[] { 40, 50, 61 })
            """
        );
        var second = await session.ExecuteAsync(
            "display(Chart.Column<int, string, string>(new[] { 7, 8 }, new[] { \"a\", \"b\" }));"
        );

        Assert.True(first.Succeeded, first.Error?.Value);
        Assert.Equal(2, first.Outputs.Count);
        Assert.True(DocumentAssets.IsPlotlyLoader(first.Outputs[0]));
        var chart = Assert.IsType<ExecuteResultOutput>(first.Outputs[1]);
        Assert.Contains("\"y\":[40,50,61]", chart.Html, StringComparison.Ordinal);
        Assert.Contains("\"y\":[40,50,61]", chart.Data[MimeTypes.PlotlyJson], StringComparison.Ordinal);
        Assert.Contains("<div id=\"nb1-chart-1\"", chart.Html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot('nb1-chart-1'", chart.Html, StringComparison.Ordinal);
        Assert.Equal("Plotly chart (1 trace)", chart.PlainText);
        var secondChart = Cells.SingleOutput<DisplayDataOutput>(second);
        Assert.Contains("Plotly.newPlot('nb1-chart-2'", secondChart.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_xplot_chart_draws_with_the_same_embedded_plotly_js()
    {
        var result = await Cells.RunAloneAsync("XPlot.Plotly.Chart.Line(new[] { 3, 1, 2 })");

        Assert.True(result.Succeeded, result.Error?.Value);
        Assert.True(DocumentAssets.IsPlotlyLoader(result.Outputs[0]));
        var chart = Assert.IsType<ExecuteResultOutput>(result.Outputs[1]);
        Assert.Contains("<div id=\"seg-chart-1\"", chart.Html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot('seg-chart-1'", chart.Html, StringComparison.Ordinal);
        Assert.Contains("\"y\":[3,1,2]", chart.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_cells_render_as_markdown_and_html_with_raw_html_escaped()
    {
        var result = await Cells.RunAloneAsync(
            "#!markdown\n# Segments\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<script>alert(1)</script>"
        );

        var output = Cells.SingleOutput<DisplayDataOutput>(result);
        Assert.StartsWith("# Segments", output.Data[MimeTypes.Markdown], StringComparison.Ordinal);
        Assert.Contains("<h1", output.Html, StringComparison.Ordinal);
        Assert.Contains("<table>", output.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", output.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", output.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_progress_bar_keeps_its_final_state_and_updates_by_percent()
    {
        using var session = new NotebookSession();
        var updates = 0;
        session.OutputProduced += (_, e) =>
        {
            if (e.Change == OutputChange.Updated)
                Interlocked.Increment(ref updates);
        };
        var result = await session.ExecuteAsync(
            """
            var p = Progress.Start("k-scan", 1000);
            for (var i = 1; i <= 1000; i++) p.Report(i);
            p.Complete();
            """
        );

        var output = Cells.SingleOutput<DisplayDataOutput>(result);
        Assert.Equal("k-scan [##############################] 100% (1000/1000)", output.PlainText);
        Assert.Contains("<progress max=\"1000\" value=\"1000\"></progress>", output.Html, StringComparison.Ordinal);
        Assert.Equal(101, updates);
    }

    [Fact]
    public void Library_types_get_html_and_plain_text_through_one_registration()
    {
        Formatters.Register<SampleReport>(r => $"<p>{r.Name}</p>", r => $"report {r.Name}");

        var bundle = MimeBundles.Create(new SampleReport("quality"));

        Assert.Equal("<p>quality</p>", bundle[MimeTypes.Html]);
        Assert.Equal("report quality", bundle[MimeTypes.PlainText]);
    }

    public sealed record SampleReport(string Name);
}
