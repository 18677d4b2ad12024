using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Data.Cleaning;

public sealed class CleaningRulesTests
{
    // One line per rule, each with its expected destination (line numbers are the file's physical lines).
    private const string Fixture =
        "customer_id,order_id,timestamp,quantity,unit_price,category\n"
        + // 1 header
        "c1,o1,2024-01-02 10:00:00,2,3.50,books\n"
        + // 2 clean
        "c1,o1,2024-01-02 10:00:00,2,3.50,books\n"
        + // 3 duplicate of 2
        ",o2,2024-01-03 11:00:00,1,5.00,toys\n"
        + // 4 missing customer id
        "c2,o3,2024-01-04 12:00:00,-1,5.00,toys\n"
        + // 5 return (negative quantity)
        "c2,C4,2024-01-04 12:30:00,1,5.00,toys\n"
        + // 6 cancellation (order id starts with C)
        "c3,o5,2024-01-05 09:00:00,0,5.00,toys\n"
        + // 7 quantity zero
        "c3,o6,2024-01-05 09:00:00,1,0,toys\n"
        + // 8 price zero
        "c4,o7,1980-01-01 00:00:00,1,5.00,toys\n"
        + // 9 before the plausible window
        "c4,o8,2024-01-06 00:00:00,abc,5.00,toys\n"
        + // 10 quantity not a number
        "c4,o9,2024-02-30 00:00:00,1,5.00,toys\n"
        + // 11 impossible date
        "c5,o10,2024-01-07 08:00:00,1,5.00,toys\n"; // 12 clean

    private static CleaningResult Load(TransactionStore store, string content, CleaningOptions? options = null)
    {
        using var scratch = new ScratchDirectory();
        return TransactionLoader.Load(store, scratch.Write("t.csv", content), options: options);
    }

    [Fact]
    public void Every_rule_takes_exactly_its_planted_lines()
    {
        using var store = TransactionStore.InMemory();

        var result = Load(store, Fixture);

        Assert.Equal(11, result.RowsIn);
        Assert.Equal([2L, 12L], StoreQueries.Lines(store, TransactionStore.CleanTable));
        Assert.Equal([5L, 6L], StoreQueries.Lines(store, TransactionStore.ReturnsTable));
        Assert.Equal([10L, 11L], StoreQueries.Lines(store, TransactionStore.QuarantineTable, "rule = 'unparseable'"));
        Assert.Equal([4L], StoreQueries.Lines(store, TransactionStore.QuarantineTable, "rule = 'missing_customer_id'"));
        Assert.Equal([3L], StoreQueries.Lines(store, TransactionStore.QuarantineTable, "rule = 'duplicates'"));
        Assert.Equal([7L, 8L], StoreQueries.Lines(store, TransactionStore.QuarantineTable, "rule = 'non_positive'"));
        Assert.Equal([9L], StoreQueries.Lines(store, TransactionStore.QuarantineTable, "rule = 'timestamp_window'"));
        Assert.Equal(new long[] { 2, 1, 1, 2, 2, 1, 0 }, result.Rules.Select(r => r.Rows).ToArray());
        Assert.Equal(
            new[]
            {
                "unparseable",
                "missing_customer_id",
                "duplicates",
                "returns",
                "non_positive",
                "timestamp_window",
                "outliers",
            },
            result.Rules.Select(r => r.Rule).ToArray()
        );
    }

    [Fact]
    public void Rows_in_equals_clean_plus_returns_plus_quarantined_and_each_line_appears_once()
    {
        using var store = TransactionStore.InMemory();

        var result = Load(store, Fixture);

        Assert.Equal(result.RowsIn, result.Clean + result.Returns + result.Quarantined);
        Assert.True(result.Report.Balanced);
        var all = StoreQueries.Longs(
            store,
            """
            SELECT line_number FROM clean UNION ALL SELECT line_number FROM returns
            UNION ALL SELECT line_number FROM quarantine ORDER BY 1
            """
        );
        Assert.Equal(Enumerable.Range(2, 11).Select(i => (long)i), all);
    }

    [Fact]
    public void Quarantine_names_the_column_the_value_and_the_reason()
    {
        using var store = TransactionStore.InMemory();

        Load(store, Fixture);

        var rows = StoreQueries.Rows(
            store,
            "SELECT line_number, column_name, \"value\", reason, raw FROM quarantine ORDER BY line_number"
        );
        Assert.Equal(
            new string?[] { "10", "quantity", "abc", "not a number", "c4,o8,2024-01-06 00:00:00,abc,5.00,toys" },
            rows.Single(r => r[0] == "10")
        );
        Assert.Equal(
            new string?[]
            {
                "11",
                "timestamp",
                "2024-02-30 00:00:00",
                "not a date/time",
                "c4,o9,2024-02-30 00:00:00,1,5.00,toys",
            },
            rows.Single(r => r[0] == "11")
        );
        Assert.Equal("exact duplicate of line 2", rows.Single(r => r[0] == "3")[3]);
        Assert.Equal("timestamp outside [1990-01-01 00:00:00, 2100-01-01 00:00:00)", rows.Single(r => r[0] == "9")[3]);
    }

    [Fact]
    public void Rule_order_decides_which_rule_takes_a_row()
    {
        using var store = TransactionStore.InMemory();
        var options = new CleaningOptions { Rules = [CleaningRule.NonPositive, CleaningRule.Returns] };

        var result = Load(store, Fixture, options);

        // Negative quantity is non-positive before it is a return; duplicates and old timestamps are not tested.
        Assert.Equal(
            [5L, 7L, 8L],
            StoreQueries.Lines(store, TransactionStore.QuarantineTable, "rule = 'non_positive'")
        );
        Assert.Equal([6L], StoreQueries.Lines(store, TransactionStore.ReturnsTable));
        Assert.Equal([2L, 3L, 4L, 9L, 12L], StoreQueries.Lines(store, TransactionStore.CleanTable));
        Assert.Equal(result.RowsIn, result.Clean + result.Returns + result.Quarantined);
    }

    [Fact]
    public void Timestamp_window_is_an_option_with_a_fixed_default()
    {
        using var store = TransactionStore.InMemory();
        var options = new CleaningOptions { Earliest = new DateTime(2024, 1, 5), Latest = new DateTime(2024, 1, 7) };

        Load(store, Fixture, options);

        // Lines 2 and 12 (Jan 2 and Jan 7) fall outside [Jan 5, Jan 7); line 9 (1980) too.
        Assert.Equal(
            [2L, 9L, 12L],
            StoreQueries.Lines(store, TransactionStore.QuarantineTable, "rule = 'timestamp_window'")
        );
        Assert.Equal(new DateTime(1990, 1, 1), CleaningOptions.Default.Earliest);
        Assert.Equal(new DateTime(2100, 1, 1), CleaningOptions.Default.Latest);
    }

    [Fact]
    public void Outliers_are_flagged_by_log_scale_fences_and_kept()
    {
        // log(quantity) = ln1, ln2 ×3, ln4 ×3, ln10000: Q1 = ln2, Q3 = ln4, IQR = ln2, so with k = 2 the fences are
        // exp(ln2 − 2 ln2) = 0.5 and exp(ln4 + 2 ln2) = 16. Prices are 1, so amounts have the same fences.
        var lines = new[] { 1, 2, 2, 2, 4, 4, 4, 10000 }.Select((q, i) => $"c{i},o{i},2024-01-01,{q},1\n");
        using var store = TransactionStore.InMemory();

        var result = Load(store, "customer_id,order_id,timestamp,quantity,unit_price\n" + string.Concat(lines));

        Assert.Equal(8, result.Clean);
        Assert.Equal(1, result.Outliers);
        Assert.Equal([9L], StoreQueries.Lines(store, TransactionStore.CleanTable, "is_outlier"));
        Assert.Equal(0.5, result.Thresholds.QuantityLow!.Value, 1e-9);
        Assert.Equal(16, result.Thresholds.QuantityHigh!.Value, 1e-9);
        Assert.Equal(16, result.Thresholds.AmountHigh!.Value, 1e-9);
        Assert.Equal(1, result.RowsTakenBy(CleaningRuleNames.Outliers));
        Assert.Equal(2.0, CleaningOptions.Default.OutlierFence);
    }

    [Fact]
    public void A_wider_fence_flags_less()
    {
        // k = 3 moves the upper fence to exp(ln4 + 3 ln2) = 32: quantity 20 is no longer flagged, 10000 still is.
        var lines = new[] { 1, 2, 2, 2, 4, 4, 4, 20, 10000 }.Select((q, i) => $"c{i},o{i},2024-01-01,{q},1\n");
        var text = "customer_id,order_id,timestamp,quantity,unit_price\n" + string.Concat(lines);
        using var narrow = TransactionStore.InMemory();
        using var wide = TransactionStore.InMemory();

        Load(narrow, text);
        Load(wide, text, new CleaningOptions { OutlierFence = 3 });

        Assert.Equal([9L, 10L], StoreQueries.Lines(narrow, TransactionStore.CleanTable, "is_outlier"));
        Assert.Equal([10L], StoreQueries.Lines(wide, TransactionStore.CleanTable, "is_outlier"));
    }

    [Fact]
    public void Outlier_flagging_can_be_switched_off()
    {
        var lines = new[] { 1, 2, 2, 2, 4, 4, 4, 10000 }.Select((q, i) => $"c{i},o{i},2024-01-01,{q},1\n");
        using var store = TransactionStore.InMemory();

        var result = Load(
            store,
            "customer_id,order_id,timestamp,quantity,unit_price\n" + string.Concat(lines),
            new CleaningOptions { OutlierFence = null }
        );

        Assert.Equal(0, result.Outliers);
        Assert.Null(result.Thresholds.QuantityHigh);
    }

    [Fact]
    public void A_measure_without_spread_flags_nothing()
    {
        var lines = Enumerable.Range(0, 6).Select(i => $"c{i},o{i},2024-01-01,1,{(i == 5 ? 500 : 2)}\n");
        using var store = TransactionStore.InMemory();

        var result = Load(store, "customer_id,order_id,timestamp,quantity,unit_price\n" + string.Concat(lines));

        // Every quantity is 1 (IQR 0: no quantity fence); amounts 2,2,2,2,2,500 also have IQR 0.
        Assert.Null(result.Thresholds.QuantityHigh);
        Assert.Null(result.Thresholds.AmountHigh);
        Assert.Equal(0, result.Outliers);
    }

    [Fact]
    public void Cancellation_prefix_is_configurable()
    {
        using var store = TransactionStore.InMemory();

        Load(store, Fixture, new CleaningOptions { CancellationPrefix = "" });

        Assert.Equal([5L], StoreQueries.Lines(store, TransactionStore.ReturnsTable));
        Assert.Contains(6L, StoreQueries.Lines(store, TransactionStore.CleanTable));
    }

    [Fact]
    public void Invalid_options_name_the_argument_and_the_value()
    {
        using var store = TransactionStore.InMemory();
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("t.csv", Fixture);

        var repeated = Assert.Throws<OptionsException>(() =>
            TransactionLoader.Load(
                store,
                path,
                options: new CleaningOptions { Rules = [CleaningRule.Returns, CleaningRule.Returns] }
            )
        );
        var window = Assert.Throws<OptionsException>(() =>
            TransactionLoader.Load(
                store,
                path,
                options: new CleaningOptions { Earliest = new DateTime(2030, 1, 1), Latest = new DateTime(2020, 1, 1) }
            )
        );
        var fence = Assert.Throws<OptionsException>(() =>
            TransactionLoader.Load(store, path, options: new CleaningOptions { OutlierFence = -1 })
        );

        Assert.Equal("rules lists 'returns' 2 times; each rule may appear once", repeated.Message);
        Assert.Equal("earliest=2030-01-01T00:00:00 must be < latest=2020-01-01T00:00:00", window.Message);
        Assert.Equal("outlier-fence=-1 must be a positive number", fence.Message);
    }
}
