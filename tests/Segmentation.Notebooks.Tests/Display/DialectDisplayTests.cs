using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Tests.Display;

public sealed class DialectDisplayTests
{
    [Fact]
    public async Task Display_extension_returns_a_handle_whose_update_replaces_the_output()
    {
        var result = await Cells.RunAloneAsync("var handle = \"first\".Display();\nhandle.Update(\"second\");");

        var display = Cells.SingleOutput<DisplayDataOutput>(result);
        Assert.Equal("second", display.PlainText);
        Assert.StartsWith("seg-display-", display.DisplayId, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_formatter_registered_in_a_cell_shapes_the_html_of_its_type()
    {
        var result = await Cells.RunAfterAsync(
            "using Microsoft.DotNet.Interactive.Formatting;\npublic record Temperature(double "
                + "Celsius);\nFormatter.Register<Temperature>(t => $\"<b>{t.Celsius} °C</b>\", \"text/html\");",
            "new Temperature(21.5)"
        );

        Assert.Equal("<b>21.5 °C</b>", Cells.SingleOutput<ExecuteResultOutput>(result).Html);
    }

    [Fact]
    public async Task A_Plotly_NET_CSharp_chart_displayed_with_Display_is_drawn_with_its_figure_json()
    {
        var result = await Cells.RunAloneAsync(
            "Plotly.NET.CSharp.Chart.Column<int, string, string>(new[] { 3, 5 }, new[] { \"a\", \"b\" }).Display();"
        );

        Assert.True(result.Succeeded, result.Error?.Value);
        var chart = Assert.IsType<DisplayDataOutput>(result.Outputs.Last());
        Assert.Contains("Plotly.newPlot", chart.Html, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"bar\"", chart.Data[MimeTypes.PlotlyJson], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_MLNET_data_view_is_shown_as_a_table_of_its_rows()
    {
        var result = await Cells.RunAfterAsync(
            "public sealed class Point { public float X { get; set; } public string Label { get; set; } = \"\"; }",
            "var ml = new Microsoft.ML.MLContext(1);\nml.Data.LoadFromEnumerable(new[] { new Point { X = "
                + "1.5f, Label = \"a\" }, new Point { X = 2, Label = \"b\" } })"
        );

        var table = Cells.SucceededWith<ExecuteResultOutput>(result);
        Cells.AssertTable(table, "<th>X</th><th>Label</th>", "<td>1.5</td><td>a</td>", "2 rows × 2 columns");
    }

    [Fact]
    public async Task A_transformed_data_view_shows_the_visible_column_not_the_one_it_replaced()
    {
        var result = await Cells.RunAfterAsync(
            "public sealed class Reading { public float Value { get; set; } }",
            "using Microsoft.ML;\nvar ml = new MLContext(1);\nvar data = ml.Data.LoadFromEnumerable(new[] "
                + "{ new Reading { Value = 2 }, new Reading { Value = 4 } "
                + "});\nml.Transforms.NormalizeMinMax(\"Value\").Fit(data).Transform(data)"
        );

        var table = Cells.SucceededWith<ExecuteResultOutput>(result);
        Cells.AssertTable(table, "<th>Value</th></tr>", "<td>0.5</td>", "2 rows × 1 column");
        Assert.DoesNotContain("<td>4</td>", table.Html, StringComparison.Ordinal);
    }
}
