using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Tests.Display;

public sealed class DialectDisplayTests
{
    [Fact]
    public async Task Display_extension_returns_a_handle_whose_update_replaces_the_output()
    {
        using var session = new NotebookSession();

        var result = await session.ExecuteAsync("var handle = \"first\".Display();\nhandle.Update(\"second\");");

        var display = Assert.IsType<DisplayDataOutput>(Assert.Single(result.Outputs));
        Assert.Equal("second", display.PlainText);
        Assert.StartsWith("seg-display-", display.DisplayId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_formatter_registered_in_a_cell_shapes_the_html_of_its_type()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("using Microsoft.DotNet.Interactive.Formatting;\npublic record Temperature(double Celsius);\nFormatter.Register<Temperature>(t => $\"<b>{t.Celsius} °C</b>\", \"text/html\");");

        var result = await session.ExecuteAsync("new Temperature(21.5)");

        Assert.Equal("<b>21.5 °C</b>", Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs)).Html);
    }

    [Fact]
    public async Task A_Plotly_NET_CSharp_chart_displayed_with_Display_is_drawn_with_its_figure_json()
    {
        using var session = new NotebookSession();

        var result = await session.ExecuteAsync("Plotly.NET.CSharp.Chart.Column<int, string, string>(new[] { 3, 5 }, new[] { \"a\", \"b\" }).Display();");

        Assert.True(result.Succeeded, result.Error?.Value);
        var chart = Assert.IsType<DisplayDataOutput>(result.Outputs.Last());
        Assert.Contains("Plotly.newPlot", chart.Html, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"bar\"", chart.Data[MimeTypes.PlotlyJson], StringComparison.Ordinal);
    }
}
