using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Running;
using Segmentation.Testing;

namespace Segmentation.Notebooks.Tests.Running;

[Collection(SerialCollection.Name)]
public sealed class DialectRunTests
{
    private const string Dib = """
        #!meta

        {"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}

        #!csharp

        var n = 3;

        #!sql

        #!share --from csharp n
        select $n * 2 as doubled

        #!markdown

        Text.

        """;

    [Fact]
    public async Task A_polyglot_ipynb_runs_each_cell_in_the_kernel_its_metadata_names()
    {
        using var temp = new TempDirectory();
        var notebook = new Notebook();
        notebook.Metadata["polyglot_notebook"] = new System.Text.Json.Nodes.JsonObject
        {
            ["defaultKernelName"] = "sql",
        };
        notebook.Cells.Add(NotebookCell.Code("select 7 as seven"));
        var csharp = NotebookCell.Code("6 * 7");
        PolyglotMetadata.SetKernelName(csharp, "csharp");
        notebook.Cells.Add(csharp);
        notebook.Save(temp.File("polyglot.ipynb"));

        var run = await NotebookRunner.RunAsync(temp.File("polyglot.ipynb"));

        Assert.True(run.Succeeded, run.Failure?.ToString());
        Assert.Contains(
            "seven",
            ((ExecuteResultOutput)run.Executed.Cells[0].Outputs.Single()).PlainText,
            StringComparison.Ordinal
        );
        Assert.Equal("42", ((ExecuteResultOutput)run.Executed.Cells[1].Outputs.Single()).PlainText);
    }

    [Fact]
    public async Task A_cell_in_a_kernel_the_workspace_does_not_run_fails_with_one_line()
    {
        using var temp = new TempDirectory();
        var notebook = new Notebook();
        var fsharp = NotebookCell.Code("let x = 1");
        PolyglotMetadata.SetKernelName(fsharp, "fsharp");
        notebook.Cells.Add(fsharp);
        notebook.Save(temp.File("fsharp.ipynb"));

        var run = await NotebookRunner.RunAsync(temp.File("fsharp.ipynb"));

        Assert.Equal(
            "cell 1 is in kernel 'fsharp', which the workspace does not run; it runs csharp, sql, "
                + "markdown, html, javascript, mermaid, value",
            run.Failure!.Error.Value
        );
    }

    [Fact]
    public void Seg_notebooks_run_executes_a_dib_file()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("dialect.dib"), Dib);

        var (code, stderr, _) = CliTests.Seg("notebooks", "run", temp.File("dialect.dib"), "--out", temp.File("out"));

        Assert.True(code == 0, stderr);
        var executed = Notebook.Load(temp.File("out/dialect.ipynb"));
        Assert.Contains(
            "6",
            ((ExecuteResultOutput)executed.Cells[1].Outputs.Single()).PlainText,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Seg_notebooks_convert_goes_to_ipynb_and_back_without_losing_a_byte()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("a.dib"), Dib);

        var there = CliTests.Seg("notebooks", "convert", temp.File("a.dib"), temp.File("b.ipynb"));
        var back = CliTests.Seg("notebooks", "convert", temp.File("b.ipynb"), temp.File("c.dib"));

        Assert.Equal((0, 0), (there.Code, back.Code));
        Assert.Equal(3, Notebook.Load(temp.File("b.ipynb")).Cells.Count);
        Assert.Equal(File.ReadAllBytes(temp.File("a.dib")), File.ReadAllBytes(temp.File("c.dib")));
    }
}
