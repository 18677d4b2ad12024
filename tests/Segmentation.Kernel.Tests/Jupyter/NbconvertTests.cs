using System.Text.Json.Nodes;
using Segmentation.Testing;

namespace Segmentation.Kernel.Tests.Jupyter;

[Collection(JupyterCollection.Name)]
public sealed class NbconvertTests(InstalledKernel kernel)
{
    public static TheoryData<string> Notebooks() =>
        new(TestPaths.NotebookNames(Path.Combine(AppContext.BaseDirectory, "notebooks")));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_notebook_executes_through_the_kernel_with_nbconvert(string notebook)
    {
        var executed = Execute(notebook);

        foreach (var cell in Cells(executed).Where(c => c["cell_type"]!.GetValue<string>() == "code"))
        {
            Assert.NotNull(cell["execution_count"]);
            var expectsError =
                cell["metadata"]?["tags"]?.AsArray().Any(t => t!.GetValue<string>() == "raises-exception") == true;
            var errors = cell["outputs"]!.AsArray().Count(o => o!["output_type"]!.GetValue<string>() == "error");
            Assert.Equal(expectsError ? 1 : 0, errors);
        }
        var metadata = executed["metadata"]!;
        Assert.Equal("segmentation-csharp", metadata["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("csharp", metadata["language_info"]!["name"]!.GetValue<string>());
    }

    /// <summary>The workspace's walk-through notebooks (notebooks/ at the repository root).</summary>
    public static TheoryData<string> WorkspaceNotebooks() => new(TestPaths.WalkthroughNotebooks());

    [Theory]
    [MemberData(nameof(WorkspaceNotebooks))]
    public void Every_workspace_notebook_executes_with_nbconvert_via_the_kernel_and_its_html_draws_every_chart(
        string notebook
    )
    {
        var output = Directory
            .CreateDirectory(
                Path.Combine(kernel.Root, "nbconvert-workspace", Path.GetFileNameWithoutExtension(notebook))
            )
            .FullName;
        ExecuteWithNbconvert(
            kernel,
            Path.Combine(TestPaths.NotebooksDirectory(), notebook),
            output,
            TimeSpan.FromMinutes(10),
            SegmentationKernel
        );
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(output, notebook)))!;
        foreach (var cell in Cells(executed).Where(c => c["cell_type"]!.GetValue<string>() == "code"))
        {
            Assert.NotNull(cell["execution_count"]);
            Assert.DoesNotContain(cell["outputs"]!.AsArray(), o => o!["output_type"]!.GetValue<string>() == "error");
        }

        // nbconvert's HTML page loads require.js (Debian's local copy): the charts must still draw, offline.
        var (exitCode, log) = kernel.Run(
            InstalledKernel.Jupyter,
            ["nbconvert", "--to", "html", "--output-dir", output, Path.Combine(output, notebook)],
            output,
            TimeSpan.FromMinutes(5)
        );
        Assert.True(exitCode == 0, log);
        var page = Path.Combine(output, Path.ChangeExtension(notebook, ".html"));
        var html = File.ReadAllText(page);
        Assert.Contains("require", html, StringComparison.Ordinal);
        // our calls (plotly.js itself has "Plotly.newPlot(gd")
        var charts = System.Text.RegularExpressions.Regex.Matches(html, "Plotly\\.newPlot\\(['\"]").Count;
        var rendered = Segmentation.Testing.HeadlessBrowser.Render(page);
        Assert.Empty(rendered.ScriptErrors);
        Assert.Equal(charts, rendered.DrawnCharts);
    }

    [Fact]
    public void Hello_notebook_keeps_state_across_cells_and_records_streams_and_results()
    {
        var cells = Cells(Execute("hello.ipynb")).Where(c => c["cell_type"]!.GetValue<string>() == "code").ToList();

        var first = cells[0]["outputs"]!.AsArray();
        Assert.Equal("stream", first[0]!["output_type"]!.GetValue<string>());
        Assert.Equal("hello from C#\n", Text(first[0]!["text"]!));
        Assert.Equal("42", Text(first[1]!["data"]!["text/plain"]!));
        Assert.Equal(1, first[1]!["execution_count"]!.GetValue<int>());
        Assert.Equal("84", Text(cells[1]["outputs"]![0]!["data"]!["text/plain"]!));
        var error = cells[2]["outputs"]!.AsArray().Single()!;
        Assert.EndsWith("InvalidOperationException", error["ename"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("6", Text(cells[3]["outputs"]![0]!["data"]!["text/plain"]!));
    }

    [Fact]
    public void The_chinese_kernelspec_runs_cells_with_chinese_as_the_current_language()
    {
        var output = Directory.CreateDirectory(Path.Combine(kernel.Root, "nbconvert-zh")).FullName;
        var source = Path.Combine(output, "zh.ipynb");
        File.WriteAllText(
            source,
            """
            {
             "cells": [
              {"cell_type": "code", "execution_count": null, "id": "language", "metadata": {}, "outputs": [],
               "source": ["Segmentation.Common.Text.Language.Current.Code"]},
              {"cell_type": "code", "execution_count": null, "id": "chart", "metadata": {}, "outputs": [],
               "source": ["Segmentation.Common.Text.Language.Current[\"Chart_SegmentsBySize\"]"]}
             ],
             "metadata": {
              "kernelspec": {"display_name": "C# (Segmentation, 中文)", "language": "csharp",
               "name": "segmentation-csharp-zh"},
              "language_info": {"name": "csharp"}
             },
             "nbformat": 4,
             "nbformat_minor": 5
            }
            """
        );
        // No kernel on the command line: nbconvert takes the kernelspec the notebook names.
        ExecuteWithNbconvert(kernel, source, output, TimeSpan.FromMinutes(5), "--output", "executed");

        var cells = Cells(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "executed.ipynb")))!).ToList();
        Assert.Equal("zh-CN", Text(cells[0]["outputs"]![0]!["data"]!["text/plain"]!));
        Assert.Equal(
            Segmentation.Common.Text.Language.Chinese["Chart_SegmentsBySize"],
            Text(cells[1]["outputs"]![0]!["data"]!["text/plain"]!)
        );
    }

    private JsonNode Execute(string notebook) =>
        JsonNode.Parse(File.ReadAllText(Execute(kernel, notebook, Path.GetFileNameWithoutExtension(notebook))))!;

    /// <summary>Runs <c>jupyter nbconvert --execute</c> on one of the test notebooks; returns the executed copy's
    /// path.</summary>
    internal static string Execute(InstalledKernel kernel, string notebook, string outputName)
    {
        var output = Directory.CreateDirectory(Path.Combine(kernel.Root, "nbconvert", outputName)).FullName;
        var source = Path.Combine(AppContext.BaseDirectory, "notebooks", notebook);
        ExecuteWithNbconvert(kernel, source, output, TimeSpan.FromMinutes(10), SegmentationKernel);
        return Path.Combine(output, notebook);
    }

    /// <summary>nbconvert's option that runs a notebook under the workspace's kernel whatever its metadata
    /// says.</summary>
    private const string SegmentationKernel = "--ExecutePreprocessor.kernel_name=segmentation-csharp";

    /// <summary>Runs <c>jupyter nbconvert --to notebook --execute</c> with <paramref name="options"/> and a
    /// ten-minute cell timeout on <paramref name="source"/> into <paramref name="output"/>; fails the test unless it
    /// succeeded.</summary>
    private static void ExecuteWithNbconvert(
        InstalledKernel kernel,
        string source,
        string output,
        TimeSpan timeout,
        params string[] options
    )
    {
        var (exitCode, log) = kernel.Run(
            InstalledKernel.Jupyter,
            [
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                .. options,
                "--ExecutePreprocessor.timeout=600",
                "--output-dir",
                output,
                source,
            ],
            output,
            timeout
        );
        Assert.True(exitCode == 0, log);
    }

    private static IEnumerable<JsonNode> Cells(JsonNode notebook) => notebook["cells"]!.AsArray().Select(c => c!);

    /// <summary>nbformat stores multi-line text as a list of lines or as one string.</summary>
    private static string Text(JsonNode text) =>
        text is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : text.GetValue<string>();
}
