using System.Diagnostics;
using System.Text.RegularExpressions;
using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Running;
using Segmentation.Testing;

namespace Segmentation.Notebooks.Tests.Running;

[Collection(SerialCollection.Name)]
public sealed partial class RunnerTests
{
    [Fact]
    public async Task A_notebook_runs_in_its_own_directory_and_keeps_every_output()
    {
        using var temp = CopyFixtures();

        var run = await NotebookRunner.RunAsync(temp.File("tour.ipynb"));

        Assert.True(run.Succeeded, run.ToString());
        var cells = run.Executed.Cells;
        Assert.Equal(new StreamOutput("stdout", "read 30 points\n"), Assert.Single(cells[1].Outputs));
        Assert.Contains(
            "30 rows × 2 columns",
            Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[2].Outputs)).PlainText,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "3 rows × 3 columns",
            Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[4].Outputs)).PlainText,
            StringComparison.Ordinal
        );
        Assert.True(DocumentAssets.IsPlotlyLoader(cells[5].Outputs[0]));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], cells.Where(c => c.IsCode).Select(c => c.ExecutionCount ?? 0));
        Assert.Equal(AppContext.BaseDirectory.TrimEnd('/'), Environment.CurrentDirectory.TrimEnd('/'));
    }

    [Fact]
    public async Task A_display_updated_by_a_later_cell_is_stored_in_its_final_state()
    {
        using var temp = CopyFixtures();

        var run = await NotebookRunner.RunAsync(temp.File("tour.ipynb"));

        var bar = Assert.IsType<DisplayDataOutput>(Assert.Single(run.Executed.Cells[6].Outputs));
        Assert.Equal("scan [##############################] 100% (4/4)", bar.PlainText);
        Assert.Empty(run.Executed.Cells[7].Outputs);
    }

    [Fact]
    public async Task The_html_page_is_offline_with_plotly_js_once_and_draws_the_chart_without_errors()
    {
        using var temp = CopyFixtures();
        var output = temp.File("out");

        var runs = await NotebookBatch.RunAsync([temp.File("tour.ipynb")], output);

        Assert.True(runs[0].Succeeded);
        var html = File.ReadAllText(Path.Combine(output, "tour.html"));
        Assert.Equal(1, Count(html, "plotly.js v2.28.0"));
        var withoutPlotlyJs = html.Replace(
            Segmentation.Reports.PlotlyAssets.ScriptElement(),
            "",
            StringComparison.Ordinal
        );
        Assert.Equal(1, Count(withoutPlotlyJs, "Plotly.newPlot("));
        Assert.DoesNotContain("http", withoutPlotlyJs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalSource(), withoutPlotlyJs);
        Assert.Contains("<h1 id=\"a-tour-of-the-runtime\">A tour of the runtime</h1>", html, StringComparison.Ordinal);

        var page = HeadlessBrowser.Render(Path.Combine(output, "tour.html"));
        Assert.Empty(page.ScriptErrors);
        Assert.Equal(1, page.DrawnCharts);
    }

    [Fact]
    public async Task Executed_notebooks_are_valid_nbformat_and_reference_nothing_online()
    {
        using var temp = CopyFixtures();
        var output = temp.File("out");

        await NotebookBatch.RunAsync([temp.File("tour.ipynb")], output);

        var executed = Path.Combine(output, "tour.ipynb");
        var check = Process.Start(
            new ProcessStartInfo(
                "/usr/bin/python3",
                [
                    "-c",
                    "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], 4)); print('valid')",
                    executed,
                ]
            )
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )!;
        var stdout = await check.StandardOutput.ReadToEndAsync();
        var stderr = await check.StandardError.ReadToEndAsync();
        await check.WaitForExitAsync();
        Assert.True(
            check.ExitCode == 0,
            $"nbformat validation failed (tests/setup.sh installs python3-nbformat): {stderr}"
        );
        Assert.Equal("valid", stdout.Trim());

        var notebook = Notebook.Load(executed);
        var outputs = notebook
            .Cells.SelectMany(c => c.Outputs)
            .Where(o => !DocumentAssets.IsPlotlyLoader(o))
            .OfType<MimeOutput>();
        Assert.All(outputs, o =>
            Assert.DoesNotContain("http", string.Concat(o.Data.Values), StringComparison.OrdinalIgnoreCase)
        );
    }

    [Fact]
    public async Task Running_twice_writes_the_same_bytes()
    {
        using var temp = CopyFixtures();

        await NotebookBatch.RunAsync([temp.File("tour.ipynb")], temp.File("a"));
        await NotebookBatch.RunAsync([temp.File("tour.ipynb")], temp.File("b"));

        foreach (var file in new[] { "tour.ipynb", "tour.html", "index.html" })
        {
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(temp.File("a"), file)),
                File.ReadAllBytes(Path.Combine(temp.File("b"), file))
            );
        }
    }

    [Fact]
    public async Task A_failing_cell_stops_the_notebook_and_is_named_with_its_first_line()
    {
        using var temp = CopyFixtures();

        var run = await NotebookRunner.RunAsync(temp.File("failing.ipynb"));

        Assert.False(run.Succeeded);
        Assert.Equal(
            "failing.ipynb: cell 3 (`throw new InvalidOperationException(\"no data for segment\");`) "
                + "failed: System.InvalidOperationException: no data for segment",
            run.ToString()
        );
        Assert.Null(run.Executed.Cells[3].ExecutionCount);
        Assert.Empty(run.Executed.Cells[3].Outputs);
    }

    internal static TempDirectory CopyFixtures()
    {
        var temp = new TempDirectory();
        var source = Fixture.Path("notebooks");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(temp.Path, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return temp;
    }

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    [GeneratedRegex("(src|href)\\s*=\\s*[\"']?(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalSource();
}
