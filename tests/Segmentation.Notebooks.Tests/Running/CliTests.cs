using Segmentation.Testing;

namespace Segmentation.Notebooks.Tests.Running;

[Collection(SerialCollection.Name)]
public sealed class CliTests
{
    [Fact]
    public void Notebooks_run_writes_pages_and_an_index_and_exits_zero()
    {
        using var temp = RunnerTests.CopyFixtures();

        var (code, _, stdout) = Seg("notebooks", "run", temp.File("tour.ipynb"), "--out", temp.File("out"));

        Assert.Equal(0, code);
        Assert.Contains("1 of 1 notebooks ran", stdout, StringComparison.Ordinal);
        var index = File.ReadAllText(temp.File("out/index.html"));
        Assert.Contains("<a href=\"tour.html\">tour</a>", index, StringComparison.Ordinal);
        Assert.True(File.Exists(temp.File("out/tour.ipynb")));
    }

    [Fact]
    public void A_failing_cell_exits_non_zero_naming_notebook_and_cell()
    {
        using var temp = RunnerTests.CopyFixtures();

        var (code, stderr, _) = Seg("notebooks", "run", temp.Path, "--out", temp.File("out"));

        Assert.Equal(1, code);
        Assert.Contains(
            "failing.ipynb: cell 3 (`throw new InvalidOperationException(\"no data for segment\");`) failed",
            stderr,
            StringComparison.Ordinal
        );
        Assert.Contains("failed", File.ReadAllText(temp.File("out/index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_timeout_option_stops_a_slow_cell()
    {
        using var temp = new TempDirectory();
        var notebook = new Segmentation.Notebooks.Documents.Notebook();
        notebook.Cells.Add(
            Segmentation.Notebooks.Documents.NotebookCell.Code("System.Threading.Thread.Sleep(30_000);", "slow")
        );
        notebook.Save(temp.File("slow.ipynb"));

        var (code, stderr, _) = Seg(
            "notebooks",
            "run",
            temp.File("slow.ipynb"),
            "--out",
            temp.File("out"),
            "--timeout",
            "1"
        );

        Assert.Equal(1, code);
        Assert.Contains(
            "slow.ipynb: cell 1 (`System.Threading.Thread.Sleep(30_000);`) failed: TimeoutError: cell 1 "
                + "exceeded the time limit of 1 s",
            stderr,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Report_runs_the_notebooks_directory_into_the_reports_directory()
    {
        using var temp = RunnerTests.CopyFixtures();
        File.Delete(temp.File("failing.ipynb"));

        var (code, _, _) = Seg("report", "--notebooks-only", "--notebooks", temp.Path, "--out", temp.File("reports"));

        Assert.Equal(0, code);
        Assert.True(File.Exists(temp.File("reports/tour.html")));
    }

    [Fact]
    public void A_missing_notebook_is_a_one_line_user_error()
    {
        var (code, stderr, _) = Seg("notebooks", "run", "/no/such/notebook.ipynb", "--out", "/tmp/unused");

        Assert.Equal(2, code);
        Assert.Equal("seg: /no/such/notebook.ipynb: file not found", stderr.Trim());
    }

    internal static (int Code, string Stderr, string Stdout) Seg(params string[] args) => SegCommand.Run(args);
}
