using System.Text.Json.Nodes;
using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Tests.Documents;

public sealed class NotebookTests
{
    [Fact]
    public void A_notebook_written_by_jupyter_round_trips_byte_for_byte()
    {
        var original = Fixture.Text("jupyter-written.ipynb.json");

        var written = Notebook.Parse(original).ToJson();

        Assert.Equal(original, written);
    }

    [Fact]
    public void Unknown_fields_survive_at_every_level()
    {
        var notebook = Notebook.Parse(Fixture.Text("jupyter-written.ipynb.json"));

        Assert.Equal("yes", notebook.Extra["x-unknown-top"]!["kept"]!.GetValue<string>());
        Assert.Equal(
            "iVBORw0KGgo=",
            notebook.Cells[0].Extra["attachments"]!["image.png"]!["image/png"]!.GetValue<string>()
        );
        Assert.Equal(7, notebook.Cells[1].Metadata["x-cell-unknown"]!.GetValue<int>());
        var result = Assert.IsType<ExecuteResultOutput>(notebook.Cells[1].Outputs[2]);
        Assert.Equal("kept", result.Extra!["x-output-unknown"]!.GetValue<string>());
        var future = Assert.IsType<UnknownOutput>(notebook.Cells[1].Outputs[4]);
        Assert.Equal("future_output", future.OutputType);
    }

    [Fact]
    public void Line_lists_are_joined_on_read_and_json_data_stays_json()
    {
        var notebook = Notebook.Parse(Fixture.Text("jupyter-written.ipynb.json"));
        var code = notebook.Cells[1];

        Assert.Equal("var x = 1;\r\nConsole.WriteLine(x);\nx", code.Source);
        Assert.Equal(new StreamOutput("stdout", "1\nsecond line\n"), code.Outputs[0]);
        var display = Assert.IsType<DisplayDataOutput>(code.Outputs[1]);
        Assert.Equal("a\nb", display.PlainText);
        Assert.Equal(0.1, JsonNode.Parse(display.Data["application/json"])!["k"]![2]!["z"]!.GetValue<double>());
    }

    [Fact]
    public void Clearing_outputs_leaves_sources_and_metadata()
    {
        var notebook = Notebook.Parse(Fixture.Text("jupyter-written.ipynb.json"));

        notebook.ClearOutputs();

        Assert.All(notebook.Cells.Where(c => c.IsCode), c =>
        {
            Assert.Empty(c.Outputs);
            Assert.Null(c.ExecutionCount);
        });
        Assert.Contains("\"execution_count\": null,", notebook.ToJson(), StringComparison.Ordinal);
        Assert.Equal("# Title\n", notebook.Cells[0].Source[..8]);
    }

    [Fact]
    public void A_new_notebook_is_written_like_jupyter_writes_it()
    {
        var notebook = new Notebook();
        notebook.Cells.Add(NotebookCell.Code("var a = 1;\na", id: "c1"));

        Assert.Equal(
            "{\n \"cells\": [\n  {\n   \"cell_type\": \"code\",\n   \"execution_count\": null,\n   \"id\": \"c1\",\n"
                + "   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": [\n    \"var a = 1;\\n\",\n    "
                + "\"a\"\n   ]\n  }\n ],\n"
                + " \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n",
            notebook.ToJson()
        );
    }

    [Theory]
    [InlineData("[]", "a notebook is a JSON object")]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "nbformat=3 is not supported; expected 4")]
    [InlineData("{\"nbformat\": 4}", "missing 'cells' array")]
    [InlineData("{", "not valid JSON")]
    public void Malformed_notebooks_are_rejected_with_the_reason(string json, string reason)
    {
        var error = Assert.Throws<NotebookFormatException>(() => Notebook.Parse(json));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
