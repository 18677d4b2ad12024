using System.Globalization;
using System.Net;
using Segmentation.Common.Text;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Reports;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Reports;

/// <summary>The cleaning rules on the quality page read in the page's language, with their figures.</summary>
public sealed class QualityPageTests
{
    private static readonly CleaningOptions NonDefault = new()
    {
        Earliest = new DateTime(2024, 1, 1),
        Latest = new DateTime(2024, 2, 1),
        CancellationPrefix = "RX",
        OutlierFence = 1.5,
    };

    private static string File()
    {
        var lines = Enumerable
            .Range(0, 40)
            .Select(i =>
                FormattableString.Invariant(
                    $"c{i % 7},o{i},2024-01-{1 + i % 28:00} 10:00:00,{1 + i % 6},{2.5 + i % 9}\n"
                )
            );
        return "customer_id,order_id,timestamp,quantity,unit_price\n"
            + string.Concat(lines)
            + "c1,RX9,2024-01-03 10:00:00,1,2.00\n"
            + "c2,o99,2023-06-01 10:00:00,1,2.00\n";
    }

    [Fact]
    public void The_chinese_page_names_the_window_the_prefix_and_the_fences_in_chinese_sentences()
    {
        using var store = TransactionStore.InMemory();
        using var scratch = new ScratchDirectory();
        var result = TransactionLoader.Load(store, scratch.Write("t.csv", File()), options: NonDefault);
        var t = result.Thresholds;
        Assert.NotNull(t.QuantityLow);
        Assert.NotNull(t.AmountLow);
        static string G6(double? v) => v!.Value.ToString("G6", CultureInfo.InvariantCulture);

        var page = WebUtility.HtmlDecode(QualityPage.Build([result.Report], Language.Chinese).ToString());

        Assert.Contains("时间不在 2024-01-01 00:00:00 至 2024-02-01 00:00:00 之间", page, StringComparison.Ordinal);
        Assert.Contains("订单号以“RX”开头", page, StringComparison.Ordinal);
        Assert.Contains("[Q1 − 1.5·IQR, Q3 + 1.5·IQR]", page, StringComparison.Ordinal);
        Assert.Contains(
            $"数量超出 [{G6(t.QuantityLow)}, {G6(t.QuantityHigh)}]；金额超出 [{G6(t.AmountLow)}, {G6(t.AmountHigh)}]",
            page,
            StringComparison.Ordinal
        );
        foreach (var rule in result.Rules)
        {
            Assert.NotNull(rule.Text);
            Assert.Contains(rule.Text.In(Language.Chinese), page, StringComparison.Ordinal);
            Assert.DoesNotContain(rule.Description, page, StringComparison.Ordinal);
        }

        var english = WebUtility.HtmlDecode(QualityPage.Build([result.Report], Language.English).ToString());
        Assert.Contains(
            "timestamp outside [2024-01-01 00:00:00, 2024-02-01 00:00:00)",
            english,
            StringComparison.Ordinal
        );
        Assert.Contains("negative quantity, or order id starting with 'RX'", english, StringComparison.Ordinal);
        Assert.DoesNotContain("Rule_", QualityReportWriter.ToJson([result.Report]), StringComparison.Ordinal);
    }

    [Fact]
    public void English_descriptions_are_todays_sentences()
    {
        Assert.Equal(
            "timestamp outside [1990-01-01 00:00:00, 2100-01-01 00:00:00)",
            TransactionRules.Description(CleaningRule.TimestampWindow, CleaningOptions.Default)
        );
        Assert.Equal(
            "negative quantity, or order id starting with 'C'",
            TransactionRules.Description(CleaningRule.Returns, CleaningOptions.Default)
        );
        Assert.Equal(
            "negative quantity",
            TransactionRules.Description(CleaningRule.Returns, new CleaningOptions { CancellationPrefix = "" })
        );
        Assert.Equal(
            "malformed lines, and missing or unreadable order id, timestamp, quantity or unit price",
            TransactionRules.UnparseableDescription
        );
        Assert.Equal(
            "log(quantity) or log(quantity × unit price) outside [Q1 − 2·IQR, Q3 + 2·IQR] of the clean "
                + "lines: quantity outside [0.333333, 12]; amount outside [1.5, 2000]",
            new OutlierThresholds(2, 1.0 / 3, 12, 1.5, 2000).Description
        );
        Assert.Equal(
            "log(quantity) or log(quantity × unit price) outside [Q1 − 1.5·IQR, Q3 + 1.5·IQR] of the clean "
                + "lines: no quantity fence (IQR = 0); amount outside [1.5, 2000]",
            new OutlierThresholds(1.5, null, null, 1.5, 2000).Description
        );
        Assert.Equal("outlier flagging is off", new OutlierThresholds(null, null, null, null, null).Description);
    }

    [Fact]
    public void Every_rule_sentence_has_text_in_every_language_with_its_figures()
    {
        var texts = new List<RuleText> { TransactionRules.UnparseableText };
        foreach (var options in new[] { NonDefault, NonDefault with { CancellationPrefix = "" } })
            texts.AddRange(Enum.GetValues<CleaningRule>().Select(rule => TransactionRules.Text(rule, options)));
        texts.AddRange(
            new[]
            {
                new OutlierThresholds(2, 1, 12, 1.5, 2000),
                new OutlierThresholds(2, 1, 12, null, null),
                new OutlierThresholds(2, null, null, 1.5, 2000),
                new OutlierThresholds(2, null, null, null, null),
                new OutlierThresholds(null, null, null, null, null),
            }.Select(o => o.Text)
        );
        Assert.Equal(12, texts.Select(x => x.Key).Distinct().Count());
        foreach (var text in texts)
        {
            foreach (var language in Language.All)
            {
                var sentence = text.In(language);
                Assert.DoesNotContain("{", sentence, StringComparison.Ordinal);
                Assert.All(text.Arguments, a => Assert.Contains(a, sentence, StringComparison.Ordinal));
            }
        }
    }
}
