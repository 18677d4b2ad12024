using System.Text.RegularExpressions;
using Segmentation.Common.Text;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Notebooks.Display;
using Segmentation.Privacy;
using Segmentation.Profiling;
using Segmentation.Reports;
using Segmentation.Segmenting.Rules;
using Segmentation.Testing;
using Segmentation.Validation;

namespace Segmentation.Notebooks.Tests.Display;

public sealed partial class ResultViewsTests
{
    public ResultViewsTests() => Formatters.RegisterDefaults();

    /// <summary>Six customers in two groups of three, far apart on the one feature <c>f</c> (1, 2, 3 and 10, 11,
    /// 12).</summary>
    private static readonly double[] TwoGroups = [1, 2, 3, 10, 11, 12];

    private static HoldoutResult TwoGroupsHoldout() => Holdout.Evaluate(["a", "a", "a", "b", "b", "b"], TwoGroups);

    private static SegmentDifferenceReport TwoGroupsDifferences() =>
        SegmentDifferences.Evaluate(new FeatureMatrix(["f"], TwoGroups), [0, 0, 0, 1, 1, 1]);

    [Fact]
    public void Library_results_display_as_tables_with_a_short_plain_text()
    {
        var (holdout, differences) = (TwoGroupsHoldout(), TwoGroupsDifferences());

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
    public void A_customer_load_its_rules_and_a_stability_rating_display_in_the_current_language()
    {
        using var temp = new TempDirectory();
        var file = Path.Combine(temp.Path, "customers.csv");
        File.WriteAllText(file, "customer_id,age\n1,30\n2,40\n2,41\n");
        using var store = TransactionStore.InMemory();
        var customers = CustomerLoader.Load(store, file);
        var outliers = new RuleText("Rule_OutliersOff");
        var stability = new StabilityResult(
            [0, 0],
            [new ClusterStability(0, 2, 0.9, 0, 10, 10, StabilityRating.HighlyStable)],
            10
        );

        // Three records: customer 2 appears twice, so one record is quarantined.
        Assert.Equal((3L, 2L, 1L), (customers.RowsIn, customers.Loaded, customers.Quarantined));
        var english = MimeBundles.Create(customers);
        Assert.Equal(customers.ToString(), english["text/plain"]);
        Assert.Contains("<p>3 rows in = 2 loaded + 1 quarantined.</p>", english["text/html"], StringComparison.Ordinal);
        Assert.Equal("outlier flagging is off", MimeBundles.Create(outliers)["text/plain"]);
        Assert.Contains("<td>highly stable</td>", MimeBundles.Create(stability)["text/html"], StringComparison.Ordinal);
        using (Language.Use(Language.Chinese))
        {
            var chinese = MimeBundles.Create(customers);
            Assert.Equal($"客户载入结果：读入 3 行，载入 2 行，隔离记录 1 行（{file}）", chinese["text/plain"]);
            Assert.Contains(
                "<p>输入 3 行 = 2 行已载入 + 1 行隔离。</p>",
                chinese["text/html"],
                StringComparison.Ordinal
            );
            Assert.Equal("<p>未启用异常值标记</p>", MimeBundles.Create(outliers)["text/html"]);
            Assert.Contains("<td>非常稳定</td>", MimeBundles.Create(stability)["text/html"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void While_the_current_language_is_chinese_table_headers_and_captions_are_chinese()
    {
        var earlier = Enumerable.Range(0, 40).ToDictionary(i => $"c{i}", i => i < 20 ? "A" : "B");
        var later = Enumerable.Range(0, 40).ToDictionary(i => $"c{i}", i => i < 30 ? "A" : "B");
        object[] results = [TwoGroupsHoldout(), TwoGroupsDifferences(), Migration.Between(earlier, later)];
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

    [Fact]
    public void While_the_current_language_is_chinese_rfm_names_the_small_groups_note_and_plain_summaries_are_chinese()
    {
        var rfm = SmallShopRfm();
        var ids = Enumerable.Range(0, 40).Select(i => $"c{i}").ToArray();
        var table = new FeatureTable(ids).WithNumeric(
            "monetary",
            ids.Select((_, i) => i < 20 ? 100.0 : 10.0).ToArray()
        );
        object[] results =
        [
            rfm,
            Holdout.Evaluate(["a", "a", "a", "b", "b", "b"], [1, 2, 3, 10, 11, 12]),
            Migration.Between(ids.ToDictionary(id => id, _ => "A"), ids.ToDictionary(id => id, _ => "B")),
            Personas.Describe(table, ids.Select((_, i) => i < 20 ? "A" : "B").ToArray()),
            FeatureMatrix
                .FromRows(
                    ["f"],
                    [
                        [1.0],
                        [2.0],
                    ]
                )
                .Columns.Select(c => new { feature = c }),
        ];
        using (Language.Use(Language.Chinese))
        {
            var html = MimeBundles.Create(rfm)["text/html"];
            var cells = CellsAndNotes()
                .Matches(html)
                .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
                .ToList();
            Assert.Contains("class=\"note\"", html, StringComparison.Ordinal);
            Assert.Contains(cells, c => Regex.IsMatch(c, "[\u4e00-\u9fff]"));
            Assert.True(!cells.Any(c => EnglishWord().IsMatch(c)), string.Join(" | ", cells));
            foreach (var result in results)
            {
                var plain = MimeBundles.Create(result)["text/plain"];
                var english = EnglishWord()
                    .Matches(plain)
                    .Select(m => m.Value)
                    .Where(w => w is not ("feature" or "RFM"))
                    .ToList();
                Assert.True(
                    Regex.IsMatch(plain, "[\u4e00-\u9fff]") && english.Count == 0,
                    $"{result.GetType().Name}: {plain}"
                );
            }
        }
    }

    [Fact]
    public void In_english_the_rfm_table_names_segments_as_the_report_does_and_its_summary_and_note_read_as_before()
    {
        var rfm = SmallShopRfm();
        var bundle = MimeBundles.Create(rfm);
        var protection = SmallGroups.Protect(rfm.Counts.Select(c => new GroupCount(c.Segment, c.Customers)).ToList());

        Assert.Equal(rfm.ToString(), bundle["text/plain"]);
        Assert.Contains(
            $"<p class=\"note\">{HtmlPage.Encode(protection.Note)}</p>",
            bundle["text/html"],
            StringComparison.Ordinal
        );
        var names = Regex
            .Matches(bundle["text/html"], "<tr><td>(.*?)</td>")
            .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));
        Assert.Equal(protection.Shown.Select(g => Language.English.Find("Rfm_" + g.Name) ?? g.Name), names);
        Assert.DoesNotContain(names, n => Regex.IsMatch(n, "[\u4e00-\u9fff]"));
    }

    /// <summary>120 customers whose R and F scores leave some named segments under the disclosure minimum.</summary>
    private static RfmSegmentation SmallShopRfm() =>
        RfmSegmentation.FromRfm(
            new RfmTable(
                new DateOnly(2026, 1, 1),
                Enumerable
                    .Range(0, 120)
                    .Select(i => new CustomerRfm(
                        $"c{i:000}",
                        RecencyDays: (i * 37) % 365,
                        Frequency: 1 + (i * 11) % 13,
                        Monetary: 10 + i
                    ))
                    .ToArray()
            )
        );

    [GeneratedRegex("<(?:td|p class=\"note\")>(.*?)</(?:td|p)>", RegexOptions.Singleline)]
    private static partial Regex CellsAndNotes();

    [GeneratedRegex("<(?:th|caption)>(.*?)</(?:th|caption)>", RegexOptions.Singleline)]
    private static partial Regex HeadersAndCaptions();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();
}
