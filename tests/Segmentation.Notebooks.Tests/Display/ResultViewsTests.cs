using System.Text.RegularExpressions;
using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Notebooks.Display;
using Segmentation.Profiling;
using Segmentation.Validation;

namespace Segmentation.Notebooks.Tests.Display;

public sealed partial class ResultViewsTests
{
    public ResultViewsTests() => Formatters.RegisterDefaults();

    [Fact]
    public void Library_results_display_as_tables_with_a_short_plain_text()
    {
        var x = FeatureMatrix.FromRows(
            ["f"],
            [
                [1.0],
                [2.0],
                [3.0],
                [10.0],
                [11.0],
                [12.0],
            ]
        );
        var holdout = Holdout.Evaluate(["a", "a", "a", "b", "b", "b"], [1, 2, 3, 10, 11, 12]);
        var differences = SegmentDifferences.Evaluate(x, [0, 0, 0, 1, 1, 1]);

        var holdoutBundle = MimeBundles.Create(holdout);
        Assert.Contains("<table>", holdoutBundle["text/html"], StringComparison.Ordinal);
        Assert.Contains("<td>a</td><td>3</td><td>2</td>", holdoutBundle["text/html"], StringComparison.Ordinal);
        Assert.StartsWith("HoldoutResult: η² = ", holdoutBundle["text/plain"], StringComparison.Ordinal);
        Assert.Contains("<td>f</td>", MimeBundles.Create(differences)["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Migration_shows_counts_with_row_shares_and_hides_cells_under_ten()
    {
        // 30 stay in A, 12 move A → B, 3 move B → A (hidden), 20 stay in B, 11 are new in B.
        var earlier = new Dictionary<string, string>();
        var later = new Dictionary<string, string>();
        void Add(string prefix, int n, string? from, string? to)
        {
            for (var i = 0; i < n; i++)
            {
                if (from is not null)
                    earlier[$"{prefix}{i}"] = from;
                if (to is not null)
                    later[$"{prefix}{i}"] = to;
            }
        }
        Add("aa", 30, "A", "A");
        Add("ab", 12, "A", "B");
        Add("ba", 3, "B", "A");
        Add("bb", 20, "B", "B");
        Add("nb", 11, null, "B");

        var bundle = MimeBundles.Create(Migration.Between(earlier, later));

        var html = bundle["text/html"];
        Assert.Contains("<td>A</td><td>30 (71%)</td><td>12 (29%)</td><td>0</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td>B</td><td>&lt;10</td><td>20 (87%)</td><td>0</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">3 (", html, StringComparison.Ordinal);
        Assert.Equal("MigrationMatrix: 3 × 3, 76 customers", bundle["text/plain"]);
    }

    [Fact]
    public void Personas_display_as_cards()
    {
        var ids = Enumerable.Range(0, 40).Select(i => $"c{i}").ToArray();
        var segments = ids.Select((_, i) => i < 20 ? "A" : "B").ToArray();
        var table = new FeatureTable(ids).WithNumeric(
            "monetary",
            ids.Select((_, i) => i < 20 ? 100.0 : 10.0).ToArray()
        );
        var bundle = MimeBundles.Create(Personas.Describe(table, segments));
        Assert.Equal(2, bundle["text/html"].Split("<div class=\"card\" data-segment=").Length - 1);
        Assert.Equal("PersonaReport: 2 personas of 40 customers", bundle["text/plain"]);
    }

    [Fact]
    public void While_the_current_language_is_chinese_table_headers_and_captions_are_chinese()
    {
        var x = FeatureMatrix.FromRows(
            ["f"],
            [
                [1.0],
                [2.0],
                [3.0],
                [10.0],
                [11.0],
                [12.0],
            ]
        );
        var earlier = Enumerable.Range(0, 40).ToDictionary(i => $"c{i}", i => i < 20 ? "A" : "B");
        var later = Enumerable.Range(0, 40).ToDictionary(i => $"c{i}", i => i < 30 ? "A" : "B");
        object[] results =
        [
            Holdout.Evaluate(["a", "a", "a", "b", "b", "b"], [1, 2, 3, 10, 11, 12]),
            SegmentDifferences.Evaluate(x, [0, 0, 0, 1, 1, 1]),
            Migration.Between(earlier, later),
        ];
        using (Language.Use(Language.Chinese))
        {
            foreach (var result in results)
            {
                var html = MimeBundles.Create(result)["text/html"];
                var words = HeadersAndCaptions().Matches(html).Select(m => m.Groups[1].Value).ToList();
                Assert.NotEmpty(words);
                Assert.Contains(words, w => Regex.IsMatch(w, "[\u4e00-\u9fff]"));
                // Names of methods stay as they are (Kruskal–Wallis H); every other word is Chinese.
                var english = words
                    .SelectMany(w => EnglishWord().Matches(w).Select(m => m.Value))
                    .Where(w => w is not ("Kruskal" or "Wallis"))
                    .ToList();
                Assert.True(english.Count == 0, $"{result.GetType().Name}: {string.Join(" | ", words)}");
            }
        }
    }

    [GeneratedRegex("<(?:th|caption)>(.*?)</(?:th|caption)>", RegexOptions.Singleline)]
    private static partial Regex HeadersAndCaptions();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();
}
