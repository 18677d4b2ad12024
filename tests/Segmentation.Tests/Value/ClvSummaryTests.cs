using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Data;
using Segmentation.Value;

namespace Segmentation.Tests.Value;

public sealed class ClvSummaryTests
{
    private static readonly DateTime CalibrationEnd = new(2011, 1, 31);
    private static readonly DateTime HoldoutEnd = new(2011, 2, 28);

    // A: first day 01-03 (two lines, 14.50, excluded from monetary); repeat days 01-10 (6.00) and 01-20 (10.00 + 2.00);
    //    holdout days 02-07 and 02-08 (two lines), and 03-01 after the holdout end.
    // B: one purchase the day before the calibration end.
    // C: first purchase after the calibration end: not summarised.
    // D: 01-24 and a line at 23:59 on the calibration end day.
    private static readonly Transaction[] Lines =
    [
        new("A", "a1", new DateTime(2011, 1, 3, 10, 0, 0), 2m, 5.00m),
        new("A", "a2", new DateTime(2011, 1, 3, 15, 30, 0), 1m, 4.50m),
        new("A", "a3", new DateTime(2011, 1, 10, 9, 0, 0), 3m, 2.00m),
        new("A", "a4", new DateTime(2011, 1, 20, 12, 0, 0), 1m, 10.00m),
        new("A", "a5", new DateTime(2011, 1, 20, 18, 0, 0), 1m, 2.00m),
        new("A", "a6", new DateTime(2011, 2, 7, 11, 0, 0), 1m, 3.00m),
        new("A", "a7", new DateTime(2011, 2, 8, 11, 0, 0), 1m, 3.00m),
        new("A", "a8", new DateTime(2011, 2, 8, 12, 0, 0), 1m, 3.00m),
        new("A", "a9", new DateTime(2011, 3, 1, 12, 0, 0), 1m, 3.00m),
        new("B", "b1", new DateTime(2011, 1, 30, 8, 0, 0), 1m, 7.25m),
        new("C", "c1", new DateTime(2011, 2, 2, 8, 0, 0), 1m, 1.00m),
        new("D", "d1", new DateTime(2011, 1, 24, 8, 0, 0), 1m, 1.00m),
        new("D", "d2", new DateTime(2011, 1, 31, 23, 59, 0), 4m, 2.50m),
    ];

    [Fact]
    public void Summary_merges_same_day_purchases_and_excludes_the_first_purchase_from_monetary()
    {
        var summary = ClvSummary.FromTransactions(Lines, CalibrationEnd, HoldoutEnd, TimeUnit.Day);

        Assert.Equal(["A", "B", "D"], summary.Customers.Select(c => c.CustomerId));
        // A: x = 2 repeat days; t_x = 01-20 − 01-03 = 17 days; T = 01-31 − 01-03 = 28 days; monetary = (6 + 12) / 2.
        Assert.Equal(new CustomerSummary("A", 2, 17.0, 28.0, 9.0) { HoldoutFrequency = 2 }, summary.Customers[0]);
        Assert.Equal(new CustomerSummary("B", 0, 0.0, 1.0, 0.0), summary.Customers[1]);
        // D: the 23:59 line on the calibration end day belongs to the calibration period.
        Assert.Equal(new CustomerSummary("D", 1, 7.0, 7.0, 10.0), summary.Customers[2]);
        Assert.Equal(28.0, summary.HoldoutDuration);
    }

    [Fact]
    public void Summary_in_weeks_divides_days_by_seven_without_rounding()
    {
        var summary = ClvSummary.FromTransactions(Lines, CalibrationEnd, HoldoutEnd, TimeUnit.Week);

        var a = summary.Customers[0];
        Assert.Equal(17.0 / 7.0, a.Recency);
        Assert.Equal(4.0, a.T);
        Assert.Equal(1.0 / 7.0, summary.Customers[1].T);
        Assert.Equal(4.0, summary.HoldoutDuration);
    }

    [Fact]
    public void Summary_without_holdout_counts_no_holdout_purchases()
    {
        var summary = ClvSummary.FromTransactions(Lines, CalibrationEnd, null, TimeUnit.Day);

        Assert.All(summary.Customers, c => Assert.Equal(0, c.HoldoutFrequency));
        Assert.Equal(0.0, summary.HoldoutDuration);
    }

    [Fact]
    public void The_summary_counts_customers_and_repeat_buyers_and_states_the_holdout_in_its_unit()
    {
        var weeks = ClvSummary.FromTransactions(Lines, CalibrationEnd, HoldoutEnd, TimeUnit.Week);
        var days = ClvSummary.FromTransactions(Lines, CalibrationEnd, HoldoutEnd, TimeUnit.Day);
        var open = ClvSummary.FromTransactions(Lines, CalibrationEnd, null, TimeUnit.Week);

        // A, B and D are summarised; A (2 repeat days) and D (1) bought again; the holdout is 28 days = 4 weeks.
        Assert.Equal("3 customers, 2 with at least one repeat purchase; holdout of 4 weeks", weeks.Summary());
        Assert.Equal("3 customers, 2 with at least one repeat purchase; holdout of 28 days", days.Summary());
        Assert.Equal("3 customers, 2 with at least one repeat purchase", open.Summary());
        Assert.Equal("3 位客户，其中 2 位至少复购过一次；留出期 4 周", weeks.Summary(Language.Chinese));
        using (Language.Use(Language.Chinese))
            Assert.Equal("3 位客户，其中 2 位至少复购过一次", open.Summary());
    }

    [Fact]
    public void Store_summary_agrees_exactly_with_typed_summary_on_the_fixture()
    {
        using var store = TransactionStore.FromTransactions(Lines);

        foreach (var holdoutEnd in new DateTime?[] { HoldoutEnd, null })
        {
            var typed = ClvSummary.FromTransactions(Lines, CalibrationEnd, holdoutEnd, TimeUnit.Week);
            var sql = ClvSummary.FromStore(store, CalibrationEnd, holdoutEnd, TimeUnit.Week);
            Assert.Equal(typed.Customers, sql.Customers);
        }
    }

    [Fact]
    public void Store_summary_agrees_exactly_with_typed_summary_on_a_simulated_log()
    {
        var log = BuyTillYouDie.SixtyWeeksOfFourHundred();
        using var store = TransactionStore.FromTransactions(log);
        var calibrationEnd = new DateTime(2020, 8, 2);
        var holdoutEnd = new DateTime(2021, 1, 31);

        var typed = ClvSummary.FromTransactions(log, calibrationEnd, holdoutEnd, TimeUnit.Week);
        var sql = ClvSummary.FromStore(store, calibrationEnd, holdoutEnd, TimeUnit.Week);

        Assert.Equal(400, typed.Customers.Count);
        Assert.Contains(typed.Customers, c => c.Frequency >= 3 && c.HoldoutFrequency >= 1);
        Assert.Equal(typed.Customers, sql.Customers);
        Assert.Equal(typed.HoldoutDuration, sql.HoldoutDuration);
    }

    [Fact]
    public void Last_purchase_day_is_the_day_of_the_latest_clean_line_or_null_when_empty()
    {
        using var store = TransactionStore.FromTransactions(Lines);
        using var empty = TransactionStore.InMemory();

        Assert.Equal(new DateTime(2011, 3, 1), ClvSummary.LastPurchaseDay(store));
        Assert.Null(ClvSummary.LastPurchaseDay(empty));
    }

    [Fact]
    public void Holdout_end_on_or_before_calibration_end_is_rejected_naming_both_dates()
    {
        var error = Assert.Throws<OptionsException>(() =>
            ClvSummary.FromTransactions(Lines, CalibrationEnd, CalibrationEnd, TimeUnit.Day)
        );

        Assert.Equal("holdoutEnd=2011-01-31 must be after calibrationEnd=2011-01-31", error.Message);
    }
}
