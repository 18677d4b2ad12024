using System.Diagnostics;
using System.Text.RegularExpressions;
using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Tests.Running;
using Segmentation.Testing;
using Xunit.Abstractions;

namespace Segmentation.Notebooks.Tests;

/// <summary>
/// The walkthrough notebooks in <c>notebooks/</c>, one test case per file (a new notebook is picked up
/// from the directory listing): committed clean, opening with their aims and linking on; each runs
/// through the runner without an error, its executed copy is valid nbformat, and its HTML page draws
/// every chart offline without a script error.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed partial class WalkthroughNotebooksTests(ITestOutputHelper output)
{
    private static readonly string NotebooksDirectory = TestPaths.NotebooksDirectory();

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var name in NotebookNames())
            data.Add(name);
        return data;
    }

    [Fact]
    public void The_walkthrough_has_one_numbered_notebook_per_step_from_01_to_07()
    {
        var names = NotebookNames();

        Assert.All(names, name => Assert.Matches(NumberedName(), name));
        Assert.Equal(["01", "02", "03", "04", "05", "06", "07"], names.Select(n => n[..2]).Distinct().Take(7));
        Assert.Equal(names.Count, names.Select(n => n[..2]).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_committed_notebook_is_clean_nbformat_4_5_as_jupyter_writes_it(string name)
    {
        var path = Path.Combine(NotebooksDirectory, name);
        var text = File.ReadAllText(path);

        var notebook = Notebook.Parse(text);

        Assert.Equal((4, 5), (notebook.FormatMajor, notebook.FormatMinor));
        Assert.Equal(text, notebook.ToJson());
        Assert.All(notebook.Cells, cell => Assert.False(string.IsNullOrEmpty(cell.Id), $"a cell of {name} has no id"));
        Assert.Equal(notebook.Cells.Count, notebook.Cells.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(notebook.Cells.Where(c => c.IsCode), cell =>
        {
            Assert.Empty(cell.Outputs);
            Assert.Null(cell.ExecutionCount);
        });
        Assert.Equal("csharp", notebook.Metadata["language_info"]?["name"]?.GetValue<string>());
        AssertValidNbformat(path);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_opens_with_its_aims_references_the_workspace_first_and_links_to_the_next(string name)
    {
        var notebook = Notebook.Load(Path.Combine(NotebooksDirectory, name));
        var names = NotebookNames();
        var next = names[(names.IndexOf(name) + 1) % names.Count];

        var first = notebook.Cells[0];
        Assert.Equal(CellTypes.Markdown, first.CellType);
        Assert.Contains("In this notebook you will", first.Source, StringComparison.Ordinal);
        Assert.Contains("**Inputs:**", first.Source, StringComparison.Ordinal);
        Assert.Contains("**Outputs:**", first.Source, StringComparison.Ordinal);
        Assert.StartsWith("#r \"workspace\"", notebook.Cells.First(c => c.IsCode).Source, StringComparison.Ordinal);
        var last = notebook.Cells[^1];
        Assert.Equal(CellTypes.Markdown, last.CellType);
        Assert.Contains("## Exercises", last.Source, StringComparison.Ordinal);
        Assert.Contains($"]({next})", last.Source, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_notebook_encodes_features_with_the_library_default_and_takes_k_from_a_scan_or_a_saved_model(
        string name
    )
    {
        var code = string.Join(
            "\n",
            Notebook.Load(Path.Combine(NotebooksDirectory, name)).Cells.Where(c => c.IsCode).Select(c => c.Source)
        );

        // One encoding for the workflow and the notebooks (FeaturePipeline.Default), and no k written by hand: a
        // notebook that continues another loads the model it saved, so the two cannot disagree on k.
        Assert.DoesNotContain("new FeaturePipeline(", code, StringComparison.Ordinal);
        Assert.DoesNotMatch(HandWrittenK(), code);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task The_notebook_runs_without_errors_and_its_page_draws_every_chart_offline(string name)
    {
        using var temp = new TempDirectory();

        var run = await WalkthroughRun.RunAsync(Path.Combine(NotebooksDirectory, name), temp.Path);

        output.WriteLine($"{name}: {run.Duration.TotalSeconds:0.0} s");
        var cells = run.Executed.Cells.Where(c => c.IsCode).ToList();
        Assert.All(cells, cell => Assert.NotNull(cell.ExecutionCount));
        Assert.Empty(cells.SelectMany(c => c.Outputs).OfType<ErrorOutput>());

        var executed = Path.Combine(temp.Path, Path.GetFileNameWithoutExtension(name) + ".ipynb");
        AssertValidNbformat(executed);
        var shown = Notebook
            .Load(executed)
            .Cells.SelectMany(c => c.Outputs)
            .OfType<MimeOutput>()
            .Where(o => !DocumentAssets.IsPlotlyLoader(o))
            .ToList();
        Assert.All(shown, o => Assert.DoesNotMatch(NetworkReference(), string.Concat(o.Data.Values)));
        var charts = shown.Sum(o => Regex.Matches(o.Html ?? "", Regex.Escape("Plotly.newPlot(")).Count);
        Assert.True(charts > 0, $"{name} shows no chart");

        var page = Path.Combine(temp.Path, Path.GetFileNameWithoutExtension(name) + ".html");
        var html = File.ReadAllText(page)
            .Replace(Segmentation.Reports.PlotlyAssets.ScriptElement(), "", StringComparison.Ordinal);
        Assert.DoesNotMatch(NetworkReference(), html);
        var rendered = HeadlessBrowser.Render(page);
        Assert.Empty(rendered.ScriptErrors);
        Assert.Equal(charts, rendered.DrawnCharts);
    }

    [GeneratedRegex(@"Clusters\s*=\s*[0-9]")]
    private static partial Regex HandWrittenK();

    private static List<string> NotebookNames() => TestPaths.WalkthroughNotebooks().ToList();

    private static void AssertValidNbformat(string path)
    {
        using var check = Process.Start(
            new ProcessStartInfo(
                "/usr/bin/python3",
                ["-c", "import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], 4))", path]
            )
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            }
        )!;
        var stderr = check.StandardError.ReadToEndAsync();
        check.StandardOutput.ReadToEnd();
        check.WaitForExit();
        Assert.True(
            check.ExitCode == 0,
            $"{path} is not valid nbformat (tests/setup.sh installs python3-nbformat): {stderr.Result}"
        );
    }

    [GeneratedRegex("^[0-9]{2}-[a-z0-9-]+\\.ipynb$")]
    private static partial Regex NumberedName();

    [GeneratedRegex("(src|href)\\s*=\\s*[\"']?(https?:)?//", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkReference();
}
