using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Tests.Documents;

public sealed class DibFormatTests
{
    private const string Dib = $$"""
        #!meta

        {{Meta}}

        #!markdown

        # Title

        Some *text*.

        #!csharp

        var x = 1;

        x + 1

        #!sql

        select 42 as answer

        #!csharp

        #!value --name v
        not a cell boundary

        #!html

        <b>hi</b>

        """;

    private const string Meta =
        """{"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"},"""
        + """{"aliases":[],"languageName":"SQL","name":"sql"}]}}""";

    [Fact]
    public void Dib_to_ipynb_to_dib_is_byte_equal()
    {
        var ipynb = DibFormat.Read(Dib).ToJson();

        var back = DibFormat.Write(Notebook.Parse(ipynb));

        Assert.Equal(Dib, back);
    }

    [Fact]
    public void Dib_cells_keep_their_kernel_in_polyglot_metadata_and_markdown_is_a_markdown_cell()
    {
        var notebook = DibFormat.Read(Dib);

        Assert.Equal(["markdown", "code", "code", "code", "code"], notebook.Cells.Select(c => c.CellType));
        Assert.Equal(
            ["markdown", "csharp", "sql", "csharp", "html"],
            notebook.Cells.Select(c => PolyglotMetadata.KernelName(notebook, c))
        );
        Assert.Equal("sql", notebook.Cells[2].Metadata["dotnet_interactive"]!["language"]!.GetValue<string>());
        Assert.Equal("csharp", PolyglotMetadata.DefaultKernelName(notebook));
        Assert.Equal(
            "sql",
            notebook.Metadata["polyglot_notebook"]!["kernelInfo"]!["items"]![1]!["name"]!.GetValue<string>()
        );
    }

    [Fact]
    public void A_magic_with_arguments_stays_in_its_cell()
    {
        var notebook = DibFormat.Read(Dib);

        Assert.Equal("#!value --name v\nnot a cell boundary", notebook.Cells[3].Source);
    }

    [Fact]
    public void Ipynb_to_dib_keeps_cells_and_languages_but_not_outputs()
    {
        var notebook = new Notebook();
        var sql = NotebookCell.Code("select 1");
        PolyglotMetadata.SetKernelName(sql, "sql");
        sql.Outputs.Add(new StreamOutput("stdout", "ignored"));
        notebook.Cells.Add(NotebookCell.Markdown("# Heading"));
        notebook.Cells.Add(NotebookCell.Code("var y = 2;"));
        notebook.Cells.Add(sql);

        var dib = DibFormat.Write(notebook);

        Assert.Equal("#!markdown\n\n# Heading\n\n#!csharp\n\nvar y = 2;\n\n#!sql\n\nselect 1\n", dib);
    }
}
