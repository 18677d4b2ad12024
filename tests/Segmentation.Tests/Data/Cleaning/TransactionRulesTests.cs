using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Testing;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Data.Cleaning;

/// <summary>
/// Every declared check (<see cref="TransactionRules.Checks"/>) runs through both paths — the full DuckDB load (the
/// checks rendered as SQL) and the streamed reader (the checks evaluated in C#) — on the same records, in several rule
/// orders.
/// </summary>
public sealed class TransactionRulesTests
{
    internal const string Header =
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    private const string CleanLine = "1001,A1,MUG,2,12/4/2024 18:27,1.50,17850,United Kingdom";

    /// <summary>For each check (rule, test, field): a line that fails it and no check declared before it.</summary>
    private static readonly Dictionary<(string Rule, RowTest Test, RowField Field), string> Examples = new()
    {
        [(CleaningRuleNames.Unparseable, RowTest.Missing, RowField.OrderId)] =
            ",A3,CUP,1,1/6/2025 10:00,2.00,12347,Iceland",
        [(CleaningRuleNames.Unparseable, RowTest.Missing, RowField.Timestamp)] = "1020,A3,CUP,1,,2.00,12347,Iceland",
        [(CleaningRuleNames.Unparseable, RowTest.Unreadable, RowField.Timestamp)] =
            "1010,A3,CUP,1,2/30/2024 10:00,2.00,12347,Iceland",
        [(CleaningRuleNames.Unparseable, RowTest.Missing, RowField.Quantity)] =
            "1021,A3,CUP,,1/6/2025 10:00,2.00,12347,Iceland",
        [(CleaningRuleNames.Unparseable, RowTest.Unreadable, RowField.Quantity)] =
            "1009,A3,CUP,abc,1/6/2025 10:00,2.00,12347,Iceland",
        [(CleaningRuleNames.Unparseable, RowTest.Missing, RowField.UnitPrice)] =
            "1022,A3,CUP,1,1/6/2025 10:00,,12347,Iceland",
        [(CleaningRuleNames.Unparseable, RowTest.Unreadable, RowField.UnitPrice)] =
            "1023,A3,CUP,1,1/6/2025 10:00,x1,12347,Iceland",
        [(CleaningRuleNames.MissingCustomerId, RowTest.Missing, RowField.CustomerId)] =
            "1008,A3,CUP,1,1/6/2025 10:00,2.00,,Iceland",
        [(CleaningRuleNames.Duplicates, RowTest.Duplicate, RowField.None)] = CleanLine,
        [(CleaningRuleNames.Returns, RowTest.Negative, RowField.Quantity)] =
            "1003,A3,CUP,-1,1/6/2025 10:00,2.00,17850,United Kingdom",
        [(CleaningRuleNames.Returns, RowTest.StartsWith, RowField.OrderId)] =
            "C1004,A3,CUP,1,1/6/2025 10:00,2.00,12347,Iceland",
        [(CleaningRuleNames.NonPositive, RowTest.NonPositive, RowField.Quantity)] =
            "1005,A3,CUP,0,1/6/2025 10:00,2.00,12347,Iceland",
        [(CleaningRuleNames.NonPositive, RowTest.NonPositive, RowField.UnitPrice)] =
            "1006,A3,CUP,1,1/6/2025 10:00,0,12347,Iceland",
        [(CleaningRuleNames.TimestampWindow, RowTest.OutsideWindow, RowField.Timestamp)] =
            "1007,A3,CUP,1,1/6/1980 10:00,2.00,12347,Iceland",
    };

    /// <summary>
    /// The online-retail file of a clean line and one example per check of <paramref name="options"/> (the rules test
    /// of every engine reads it, so a new check without an example fails them all).
    /// </summary>
    internal static string ExampleFile(CleaningOptions options) =>
        Header
        + string.Join(
            "\n",
            [CleanLine, .. TransactionRules.Checks(options).Select(c => Examples[(c.Rule, c.Test, c.Field)])]
        )
        + "\n";

    public static TheoryData<string> RuleOrders()
    {
        var data = new TheoryData<string> { "default", "reversed", "none" };
        foreach (var rule in Enum.GetValues<CleaningRule>())
            data.Add(CleaningRuleNames.Of(rule));
        return data;
    }

    private static CleaningOptions OptionsFor(string order) =>
        new()
        {
            ProfileColumns = false,
            OutlierFence = null,
            Rules = order switch
            {
                "default" => CleaningOptions.Default.Rules,
                "reversed" => CleaningOptions.Default.Rules.Reverse().ToList(),
                "none" => [],
                _ => [CleaningRuleNames.Parse(order)],
            },
        };

    [Fact]
    public void Every_declared_check_has_an_example_line_so_a_new_rule_cannot_skip_the_two_path_test()
    {
        var declared = TransactionRules.Checks(CleaningOptions.Default).Select(c => (c.Rule, c.Test, c.Field)).ToList();

        Assert.Empty(declared.Except(Examples.Keys));
        Assert.Equal(declared.Count, declared.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(RuleOrders))]
    public void Every_rule_sends_the_same_records_to_the_same_place_in_the_sql_load_and_the_streamed_reader(
        string order
    )
    {
        var options = OptionsFor(order);
        var checks = TransactionRules.Checks(options);
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("t.csv", ExampleFile(options));

        using var full = TransactionStore.InMemory();
        var expected = TransactionLoader.Load(full, path, ColumnMapping.OnlineRetail, options);
        using var store = TransactionStore.InMemory();
        var streamed = StreamedLoads.TryOnlineRetail(store, path, options, sink: new DiscardingSink());

        Assert.Null(streamed.NotStreamedBecause);
        var result = streamed.Result!;
        Assert.Equal(
            (expected.RowsIn, expected.Clean, expected.Returns, expected.Quarantined),
            (result.RowsIn, result.Clean, result.Returns, result.Quarantined)
        );
        const string quarantine =
            "SELECT line_number, rule, reason, column_name, \"value\", raw FROM quarantine ORDER BY line_number";
        var rows = StoreQueries.Rows(full, quarantine);
        Assert.Equal(rows, StoreQueries.Rows(store, quarantine));
        Assert.Equal(expected.Rules.Select(r => (r.Rule, r.Rows)), result.Rules.Select(r => (r.Rule, r.Rows)));
        // Each example went where its check sends it (line k + 3 holds the example of check k): the quarantine with
        // that check's rule, reason and column, or the returns. (Reversed, the negative-quantity return is non-positive
        // first.)
        for (var k = 0; k < checks.Count && order != "reversed"; k++)
        {
            var line = (k + 3).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var row = rows.SingleOrDefault(r => r[0] == line);
            if (checks[k].Rule == CleaningRuleNames.Returns)
            {
                Assert.Null(row);
                continue;
            }
            Assert.NotNull(row);
            Assert.Equal((checks[k].Rule, checks[k].Column), (row[1], row[3]));
            Assert.StartsWith(checks[k].Reason, row[2], StringComparison.Ordinal);
        }
        if (order != "reversed")
            Assert.Equal(checks.Count(c => c.Rule == CleaningRuleNames.Returns), result.Returns);
    }
}
