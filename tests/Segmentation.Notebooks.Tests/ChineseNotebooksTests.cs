using System.Text.RegularExpressions;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Features;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Running;
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
        var run = await RunInChinese(name, temp);
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
        var run = await RunInChinese("04-cluster-analysis.ipynb", temp);

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

    /// <summary>Calls whose outputs show value tiers, CLV tiers, RFM segment names, rules, ratings, quality indices, a
    /// result's summary, the choice of k, the feature catalogue, the feature diagnostic or personas as data.</summary>
    private static readonly string[] NamesAsData =
    [
        "rfmSegments",
        "RuleViews.ValueTiers",
        "ValueViews.ClvTiers",
        "ValueViews.MeanClvByRfmSegment",
        "TierLevels.Text",
        "RfmSegmentRules.Text",
        ".RuleText()",
        "StrategyPlaybook.ConditionText",
        "Migration.SegmentText",
        ".Summary()",
        "rfmHoldout.RfmSummary()",
        "AgreementSummary.RfmName()",
        "ClusterQuality.",
        "QualitySummary.",
        "BootstrapStability.",
        "KChoiceTables.",
        ".KindText()",
        ".FamilyText()",
        ".DescriptionText()",
        "FeatureSelection.VerdictText",
        ".ReasonText(",
        "Personas.Describe",
        ".TierRule",
        "p.Description",
        "PersonaDocuments.ToHtmlCards",
    ];

    /// <summary>Cells (by id) whose last expression is a load's result or its rules, shown by the notebook
    /// formatters.</summary>
    private static readonly string[] LoadResultCells = ["load-customers", "rule-table", "thresholds"];

    /// <summary>The cleaning rules' names (the quarantine table's <c>rule</c> column): code, as feature names
    /// are.</summary>
    private static readonly HashSet<string> RuleNames = typeof(CleaningRuleNames)
        .GetFields()
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Method names and units that are not words to translate.</summary>
    private static readonly HashSet<string> NotWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "RFM",
        "CLV",
        "CAC",
        "ARPU",
        "Plotly",
        // The gap statistic's authors and the elbow's method, cited by name (Tibshirani et al., 2001; Kneedle).
        "Tibshirani",
        "Kneedle",
        // The interquartile range in the outlier fences' formula (Q1 − 2·IQR).
        "IQR",
        // Words Chinese marketing text uses as they are (the playbook's VIP service, App push messages).
        "VIP",
        "App",
    };

    public static TheoryData<string> NotebooksWithNamesAsData =>
        [
            "01-data-collection.ipynb",
            "02-cleaning.ipynb",
            "03-features-and-tiers.ipynb",
            "04-cluster-analysis.ipynb",
            "05-personas-and-strategies.ipynb",
            "06-validation-and-migration.ipynb",
            "07-value.ipynb",
        ];

    [Theory]
    [MemberData(nameof(NotebooksWithNamesAsData))]
    public async Task The_chinese_notebook_shows_tier_and_segment_names_and_result_summaries_in_chinese(string name)
    {
        using var temp = new TempDirectory();
        // 05 and 06 load the model that 04 saves.
        if (name is "05-personas-and-strategies.ipynb" or "06-validation-and-migration.ipynb")
            await RunInChinese("04-cluster-analysis.ipynb", temp);
        var run = await RunInChinese(name, temp);
        // Data values from the input (channels, cities, categories, its column names: the sample's and the attribute
        // table's that 04 segments) are shown as they are, and so
        // are the names and paths the notebook's code writes itself (../data/sample/transactions.csv: its literals
        // without a space) and the names of the column mappings (workspace, custom), which run.json records.
        var input = new[] { "sample/transactions.csv", "sample/customers.csv", "attributes/customers.csv" }
            .Select(f => File.ReadAllText(Path.Combine(EnglishDirectory, "..", "data", f)))
            .Concat(
                run.Executed.Cells.Where(c => c.IsCode)
                    .SelectMany(c => NameOrPath().Matches(c.Source).Select(m => m.Groups[1].Value))
            )
            .Concat([ColumnMapping.WorkspacePresetName, ColumnMapping.OnlineRetailPresetName, ColumnMapping.CustomName])
            .SelectMany(text => EnglishWord().Matches(text).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        var featureNames = FeatureCatalog.All.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);

        var cells = run
            .Executed.Cells.Where(c =>
                c.IsCode
                && (
                    NamesAsData.Any(call => c.Source.Contains(call, StringComparison.Ordinal))
                    || LoadResultCells.Contains(c.Id)
                )
            )
            .ToList();
        Assert.NotEmpty(cells);
        foreach (var cell in cells)
        {
            var outputs = cell.Outputs.OfType<MimeOutput>().ToList();
            Assert.NotEmpty(outputs);
            foreach (var shown in outputs)
            {
                // Column headers are the names the cell's code gives its columns (clv_tier, customers), and a cell
                // holding a feature's or a cleaning rule's name (active_months, missing_customer_id) names a column
                // of the feature table or a value of the quarantine's rule column: code, not words.
                var headers = Header()
                    .Matches(shown.Html ?? "")
                    .Select(m => m.Groups[1].Value)
                    .Concat(
                        CellOrNote()
                            .Matches(shown.Html ?? "")
                            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
                            .Where(text => featureNames.Contains(text) || RuleNames.Contains(text))
                    )
                    .SelectMany(code => EnglishWord().Matches(code))
                    .Select(m => m.Value);
                var texts = ShownTexts(shown).ToList();
                output.WriteLine($"{name} `{cell.Source.Split('\n')[^1]}`:\n  " + string.Join("\n  ", texts));
                // An empty text shows no words in any language (the privacy note when no group had to be merged).
                if (texts.All(string.IsNullOrEmpty))
                    continue;
                Assert.Contains(texts, t => Chinese().IsMatch(t));
                var english = texts
                    .SelectMany(t => EnglishWord().Matches(t).Select(m => m.Value))
                    .Where(w => !NotWords.Contains(w) && !input.Contains(w) && !headers.Contains(w))
                    .Distinct()
                    .ToList();
                Assert.True(english.Count == 0, $"{name}, `{cell.Source}` shows English: {string.Join(", ", english)}");
            }
        }
    }

    /// <summary>Runs notebooks/zh-CN/<paramref name="name"/> with Chinese as the session's language;
    /// it must succeed.</summary>
    private static Task<NotebookRunResult> RunInChinese(string name, TempDirectory temp) =>
        WalkthroughRun.RunAsync(
            Path.Combine(ChineseDirectory, name),
            temp.Path,
            Segmentation.Common.Text.Language.Chinese
        );

    /// <summary>What an output shows as text: its plain text (the words of an HTML fragment shown as it is, such as the
    /// persona cards, whose plain text is the markup), its table cells and notes, its chart's titles and
    /// labels.</summary>
    private static IEnumerable<string> ShownTexts(MimeOutput output)
    {
        if (output.PlainText is { } plain)
            yield return plain.StartsWith('<') && output.Html is { } markup
                ? System.Net.WebUtility.HtmlDecode(Markup().Replace(markup, " "))
                : plain;
        if (output.Html is not { } html)
            yield break;
        foreach (Match m in CellOrNote().Matches(html))
            yield return System.Net.WebUtility.HtmlDecode(m.Groups[1].Value);
        foreach (Match m in ChartTitle().Matches(html))
            yield return Unescape(m.Groups[1].Value);
        foreach (Match m in ChartLabels().Matches(html))
        {
            foreach (Match label in JsonString().Matches(m.Groups[1].Value))
                yield return Unescape(label.Groups[1].Value);
        }
    }

    private static string Unescape(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<string>("\"" + json + "\"")!;

    private static IEnumerable<string> OutputTexts(CellOutput output) =>
        output is MimeOutput { Html: { } html } ? [html] : [];

    /// <summary>A plotly title's text in a figure's JSON (the chart's, an axis's): "title":{"text":"…"}.</summary>
    [GeneratedRegex("\"title\":\\{\"text\":\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex ChartTitle();

    /// <summary>A string literal of code without a space: a name or a path ("transactions.csv").</summary>
    [GeneratedRegex("\"([^\"\\s\\\\{}]+)\"")]
    private static partial Regex NameOrPath();

    /// <summary>An HTML tag with its attributes (class names and inline styles are code, not words).</summary>
    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Markup();

    [GeneratedRegex("[\u4e00-\u9fff]")]
    private static partial Regex Chinese();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();

    [GeneratedRegex("<th>(.*?)</th>", RegexOptions.Singleline)]
    private static partial Regex Header();

    [GeneratedRegex("<(?:td|p class=\"note\")>(.*?)</(?:td|p)>", RegexOptions.Singleline)]
    private static partial Regex CellOrNote();

    /// <summary>The category labels of a plotly trace (bars' x, a treemap's or Sankey's labels)
    /// as a JSON array.</summary>
    [GeneratedRegex("\"(?:x|labels|label)\":\\[((?:\"(?:[^\"\\\\]|\\\\.)*\",?)*)\\]")]
    private static partial Regex ChartLabels();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex JsonString();

    [GeneratedRegex(@"\]\([0-9]{2}-[a-z-]+\.ipynb\)")]
    private static partial Regex Links();
}
