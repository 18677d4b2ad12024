using Segmentation.Data;
using Segmentation.Features;

namespace Segmentation.Tests.Features;

public sealed class PeriodOutcomesTests
{
    [Fact]
    public void Revenue_orders_and_churn_count_only_the_lines_inside_the_period()
    {
        using var store = TransactionStore.FromTransactions([
            // the day before: not counted
            FeatureFixture.Line(1, "a", "o1", new DateTime(2024, 6, 30, 23, 59, 0), 9m, 1m),
            FeatureFixture.Line(2, "a", "o2", new DateTime(2024, 7, 1), 2m, 2.5m),
            FeatureFixture.Line(3, "a", "o2", new DateTime(2024, 7, 1), 1m, 3m),
            FeatureFixture.Line(4, "a", "o3", new DateTime(2024, 7, 31, 23, 0, 0), 1m, 10m),
            FeatureFixture.Line(5, "b", "o4", new DateTime(2024, 8, 1), 4m, 1m), // the end date: not counted
            FeatureFixture.Line(6, "c", "o5", new DateTime(2024, 7, 15), 1m, 0.5m),
        ]);

        var next = PeriodOutcomes.Between(store, new DateOnly(2024, 7, 1), new DateOnly(2024, 8, 1));
        string[] ids = ["a", "b", "c", "unknown"];

        Assert.Equal(2, next.ActiveCustomers);
        Assert.Equal([18.0, 0, 0.5, 0], next.Revenue(ids));
        Assert.Equal([2.0, 0, 1, 0], next.Orders(ids));
        Assert.Equal([0.0, 1, 0, 1], next.Churned(ids));
    }

    [Fact]
    public void A_period_that_ends_before_it_starts_is_an_error_naming_both_dates()
    {
        using var store = FeatureFixture.Store();

        var error = Assert.Throws<OptionsException>(() =>
            PeriodOutcomes.Between(store, new DateOnly(2024, 7, 1), new DateOnly(2024, 7, 1))
        );

        Assert.Equal("to=2024-07-01 must be after from=2024-07-01", error.Message);
    }
}
