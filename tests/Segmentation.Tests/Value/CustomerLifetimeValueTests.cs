using Segmentation.Common;
using Segmentation.Data;
using Segmentation.Value;

namespace Segmentation.Tests.Value;

public sealed class CustomerLifetimeValueTests
{
    private static readonly DateTime Start = new(2020, 1, 6);

    /// <summary>Customers from BG/NBD (r 0.25, α 4, a 0.8, b 2.5) and Gamma–Gamma (p 6, q 4, γ 15), acquired over the
    /// 12 weeks from <see cref="Start"/>.</summary>
    private static List<Transaction> Log(ulong seed, int customers, double endWeeks) =>
        BuyTillYouDie.Log(
            new SeededRandom(seed),
            new BgNbdParameters(0.25, 4.0, 0.8, 2.5),
            new GammaGammaParameters(6, 4, 15),
            customers,
            Start,
            acquisitionWeeks: 12,
            endWeeks
        );

    [Theory]
    // lifetimes Quickstart: customer_lifetime_value(bgf, …, time=12, discount_rate=0.01) on the CDNOW summary. That
    // version stepped 30 periods per month whatever the unit, so the published values are reproduced with k = 30.
    [InlineData("1", 140.096211)]
    [InlineData("2", 18.943467)]
    [InlineData("3", 38.180574)]
    [InlineData("6", 1003.868107)]
    [InlineData("9", 167.418216)]
    public void Discounted_clv_reproduces_the_published_CDNOW_values(string customer, double published)
    {
        var history = Cdnow.Customers.Single(c => c.CustomerId == customer);
        var clv = CustomerLifetimeValue.Discounted(Cdnow.PurchaseModel, Cdnow.SpendModel, history, 12, 0.01, 30);

        Assert.Equal(published, clv, 1e-4);
    }

    [Fact]
    public void Discounted_clv_sums_monthly_increments_of_expected_purchases_times_expected_profit_discounted()
    {
        var purchases = BetaGeometricNbdTests.ModelWith(new BgNbdParameters(0.25, 4.0, 0.8, 2.5));
        var spend = GammaGammaTests.ModelWith(new GammaGammaParameters(2, 3, 10));
        var customer = new CustomerSummary("A", 3, 20.0, 30.0, 40.0);
        var profit = spend.ConditionalExpectedAverageProfit(customer); // (10 + 120)·2 / (6 + 2) = 32.5
        var first = purchases.ExpectedPurchases(4.345, customer);
        var second = purchases.ExpectedPurchases(2 * 4.345, customer);

        var clv = CustomerLifetimeValue.Discounted(purchases, spend, customer, 2, 0.05, 4.345);

        Assert.Equal(32.5, profit, 1e-12);
        Assert.Equal(first * profit / 1.05 + (second - first) * profit / (1.05 * 1.05), clv, 1e-9);
    }

    [Fact]
    public void Predicted_holdout_purchases_track_the_actual_ones_per_calibration_frequency()
    {
        var log = Log(seed: 5, customers: 10_000, endWeeks: 78);
        var summary = ClvSummary.FromTransactions(
            log,
            Start.AddDays(39 * 7 - 1),
            Start.AddDays(78 * 7 - 1),
            TimeUnit.Week
        );
        var model = BetaGeometricNbd.Fit(summary.Customers);

        var buckets = HoldoutComparison.ByCalibrationFrequency(model, summary);

        Assert.Equal(39.0, summary.HoldoutDuration);
        Assert.Equal(Enumerable.Range(0, 8), buckets.Select(b => b.CalibrationFrequency));
        Assert.True(buckets[^1].IsOpenEnded);
        var actual = buckets.Sum(b => b.Customers * b.MeanActual);
        var predicted = buckets.Sum(b => b.Customers * b.MeanPredicted);
        Assert.InRange(predicted / actual, 0.95, 1.05);
        Assert.All(buckets, b => Assert.InRange(b.MeanPredicted / b.MeanActual, 0.75, 1.25));
        Assert.All(buckets.Where(b => b.Customers >= 800), b =>
            Assert.InRange(b.MeanPredicted / b.MeanActual, 0.9, 1.1)
        );
    }

    [Fact]
    public void Run_values_every_summarised_customer_from_a_transaction_log()
    {
        var log = Log(seed: 8, customers: 3000, endWeeks: 39);
        var summary = ClvSummary.FromTransactions(log, Start.AddDays(39 * 7 - 1), null, TimeUnit.Week);

        var result = CustomerLifetimeValue.Run(summary, new ClvOptions { Months = 6 });

        Assert.Equal(summary.Customers.Select(c => c.CustomerId), result.Customers.Select(c => c.CustomerId));
        Assert.Equal(6, result.Months);
        Assert.All(result.Customers, c =>
        {
            Assert.InRange(c.ProbabilityAlive, 0.0, 1.0);
            Assert.True(
                c.ExpectedPurchases >= 0 && c.Clv >= 0 && c.Clv <= c.ExpectedPurchases * c.ExpectedAverageProfit
            );
        });
        // Undiscounted expected purchases over the horizon of 6 × 4.345 weeks.
        var first = summary.Customers[0];
        Assert.Equal(
            result.PurchaseModel.ExpectedPurchases(6 * 4.345, first),
            result.Customers[0].ExpectedPurchases,
            1e-12
        );
    }

    [Fact]
    public void Options_with_no_months_are_rejected_naming_the_value()
    {
        var summary = new ClvSummary([], TimeUnit.Week, Start, null);

        var error = Assert.Throws<OptionsException>(() =>
            CustomerLifetimeValue.Run(summary, new ClvOptions { Months = 0 })
        );

        Assert.Equal("months=0 must be >= 1", error.Message);
    }
}
