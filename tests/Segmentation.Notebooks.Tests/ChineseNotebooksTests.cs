using System.Text.RegularExpressions;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Tests.Running;
using Segmentation.Testing;
using Xunit.Abstractions;

namespace Segmentation.Notebooks.Tests;

/// <summary>
/// <c>notebooks/zh-CN/</c>: the same walk-through with Chinese narrative. Every English notebook has a Chinese twin
/// whose code cells are identical (same cells, same order, same ids); only the narrative differs, and it is Chinese.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed partial class ChineseNotebooksTests(ITestOutputHelper output)
{
    private static readonly string EnglishDirectory = TestPaths.NotebooksDirectory();
    private static readonly string ChineseDirectory = TestPaths.NotebooksDirectory("zh-CN");

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var name in TestPaths.WalkthroughNotebooks())
            data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_chinese_twin_has_the_same_code_cells_and_chinese_narrative(string name)
    {
        var chinesePath = Path.Combine(ChineseDirectory, name);
        Assert.True(File.Exists(chinesePath), $"notebooks/zh-CN/{name} is missing");
        var english = Notebook.Load(Path.Combine(EnglishDirectory, name));
        var chinese = Notebook.Load(chinesePath);

        Assert.Equal(english.Cells.Select(c => (c.Id, c.CellType)), chinese.Cells.Select(c => (c.Id, c.CellType)));
        for (var i = 0; i < english.Cells.Count; i++)
        {
            if (english.Cells[i].IsCode)
                Assert.True(
                    english.Cells[i].Source == chinese.Cells[i].Source,
                    $"{name}, cell {i + 1}: the code differs from the English notebook's"
                );
            else
                Assert.Matches(Chinese(), chinese.Cells[i].Source);
        }
        Assert.Contains("在本笔记本中，你将", chinese.Cells[0].Source, StringComparison.Ordinal);
        Assert.Contains("**输入：**", chinese.Cells[0].Source, StringComparison.Ordinal);
        Assert.Contains("**输出：**", chinese.Cells[0].Source, StringComparison.Ordinal);
        Assert.Contains("## 练习", chinese.Cells[^1].Source, StringComparison.Ordinal);
        Assert.Equal(
            Links().Matches(english.Cells[^1].Source).Select(m => m.Value),
            Links().Matches(chinese.Cells[^1].Source).Select(m => m.Value)
        );
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_chinese_notebook_is_committed_clean_as_jupyter_writes_it(string name)
    {
        var text = File.ReadAllText(Path.Combine(ChineseDirectory, name));
        var notebook = Notebook.Parse(text);
        Assert.Equal(text, notebook.ToJson());
        Assert.All(notebook.Cells.Where(c => c.IsCode), cell => Assert.Empty(cell.Outputs));
    }

    [Fact]
    public void The_chinese_notebooks_read_the_workspace_data_through_the_data_link()
    {
        // The code is the English code, so "../data/sample" must mean the same folder from notebooks/zh-CN.
        Assert.True(File.Exists(Path.Combine(ChineseDirectory, "..", "data", "sample", "transactions.csv")));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task The_chinese_notebook_runs_without_errors(string name)
    {
        using var temp = new TempDirectory();
        var run = await WalkthroughRun.RunAsync(
            Path.Combine(ChineseDirectory, name),
            temp.Path,
            Segmentation.Common.Text.Language.Chinese
        );
        output.WriteLine($"zh-CN/{name}: {run.Duration.TotalSeconds:0.0} s");
        Assert.Contains(
            "lang=\"zh-CN\"",
            File.ReadAllText(Path.Combine(temp.Path, "index.html")),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task The_chinese_cluster_analysis_notebook_draws_its_charts_with_chinese_titles()
    {
        using var temp = new TempDirectory();
        var run = await WalkthroughRun.RunAsync(
            Path.Combine(ChineseDirectory, "04-cluster-analysis.ipynb"),
            temp.Path,
            Segmentation.Common.Text.Language.Chinese
        );

        var titles = run
            .Executed.Cells.SelectMany(c => c.Outputs)
            .SelectMany(OutputTexts)
            .SelectMany(html =>
                ChartTitle()
                    .Matches(html)
                    .Select(m => System.Text.Json.JsonSerializer.Deserialize<string>("\"" + m.Groups[1].Value + "\"")!)
            )
            .ToList();
        output.WriteLine(string.Join("\n", titles));

        Assert.NotEmpty(titles);
        Assert.All(titles, title => Assert.Matches(Chinese(), title));
        string[] english =
        [
            "Cluster centres",
            "Cluster map",
            "Choosing k",
            "Customers by",
            "of variance",
            "higher is better",
        ];
        Assert.DoesNotContain(titles, title => english.Any(e => title.Contains(e, StringComparison.Ordinal)));
    }

    private static IEnumerable<string> OutputTexts(CellOutput output) =>
        output is MimeOutput { Html: { } html } ? [html] : [];

    /// <summary>A plotly title's text in a figure's JSON (the chart's, an axis's): "title":{"text":"…"}.</summary>
    [GeneratedRegex("\"title\":\\{\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex ChartTitle();

    [GeneratedRegex("[\u4e00-\u9fff]")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"\]\([0-9]{2}-[a-z-]+\.ipynb\)")]
    private static partial Regex Links();
}
