using Segmentation.Common;
using Segmentation.Value;

namespace Segmentation.Tests.Value;

public sealed class GammaGammaTests
{
    private static readonly GammaGammaParameters Truth = new(6.0, 4.0, 15.0);

    [Fact]
    public void Fit_reproduces_the_published_CDNOW_spend_estimates()
    {
        // lifetimes Quickstart: fitted with 946 subjects, p: 6.25, q: 3.74, v (gamma): 15.45.
        var model = Cdnow.SpendModel;

        Assert.Equal(946, model.Customers);
        Assert.Equal(0, model.ExcludedCustomers);
        Assert.Equal(6.25, model.Parameters.P, 0.005);
        Assert.Equal(3.74, model.Parameters.Q, 0.005);
        Assert.Equal(15.45, model.Parameters.Gamma, 0.005);
    }

    [Theory]
    // lifetimes Quickstart: conditional_expected_average_profit for the first CDNOW customers (3 has no repeat
    // purchase).
    [InlineData("1", 24.658616)]
    [InlineData("2", 18.911480)]
    [InlineData("3", 35.171003)]
    [InlineData("6", 71.462843)]
    [InlineData("9", 27.282408)]
    public void Conditional_expected_average_profit_matches_published_CDNOW_values(string customer, double published)
    {
        var history = Cdnow.Customers.Single(c => c.CustomerId == customer);

        Assert.Equal(published, Cdnow.SpendModel.ConditionalExpectedAverageProfit(history), 2e-5);
    }

    [Fact]
    public void Log_likelihood_of_one_transaction_matches_the_formula_by_hand()
    {
        // p = q = γ = 1, x = 1, m = 1: ln Γ(2) − ln Γ(1) − ln Γ(1) + 1·ln 1 + 0·ln 1 + 1·ln 1 − 2·ln(1 + 1) = −2 ln 2.
        Assert.Equal(-2 * Math.Log(2), GammaGamma.LogLikelihood(new GammaGammaParameters(1, 1, 1), 1, 1.0), 1e-12);
    }

    [Fact]
    public void Log_likelihood_of_two_transactions_matches_the_formula_by_hand()
    {
        // p = 1, q = 2, γ = 3, x = 2, m = 1.5:
        // ln Γ(4) − 2 ln Γ(2) + 2 ln 3 + 1·ln 1.5 + 2 ln 2 − 4 ln(3 + 3) = ln(6·9·1.5·4 / 6⁴) = ln(1/4).
        Assert.Equal(Math.Log(0.25), GammaGamma.LogLikelihood(new GammaGammaParameters(1, 2, 3), 2, 1.5), 1e-12);
    }

    [Theory]
    [InlineData(1, 12.5)]
    [InlineData(4, 40.0)]
    public void Analytic_gradient_of_the_log_likelihood_matches_central_differences(int x, double monetary)
    {
        double[] at = [5.0, 3.5, 14.0];
        static GammaGammaParameters Of(double[] v) => new(v[0], v[1], v[2]);

        Estimates.AssertGradient(
            v => GammaGamma.LogLikelihood(Of(v), x, monetary),
            at,
            GammaGamma.LogLikelihoodGradient(Of(at), x, monetary)
        );
    }

    [Fact]
    public void Expected_profit_without_repeat_purchases_is_the_population_mean_and_shrinks_towards_it()
    {
        var model = ModelWith(new GammaGammaParameters(2, 3, 10));

        // Population mean p·γ/(q − 1) = 2·10/2 = 10; for x = 2, m = 40: (10 + 80)·2 / (4 + 2) = 30.
        Assert.Equal(10.0, model.PopulationMeanSpend, 1e-12);
        Assert.Equal(10.0, model.ConditionalExpectedAverageProfit(0, 0.0), 1e-12);
        Assert.Equal(30.0, model.ConditionalExpectedAverageProfit(2, 40.0), 1e-12);
    }

    [Fact]
    public void Expected_profit_of_a_new_customer_is_refused_when_q_is_at_most_one()
    {
        var model = ModelWith(new GammaGammaParameters(2, 0.8, 10));

        var error = Assert.Throws<SegmentationException>(() => model.ConditionalExpectedAverageProfit(0, 0.0));

        Assert.StartsWith("Gamma-Gamma q=0.8 <= 1", error.Message);
    }

    [Fact]
    public void Fit_recovers_simulated_parameters_within_three_standard_errors()
    {
        var random = new SeededRandom(31);
        var customers = Enumerable
            .Range(0, 5000)
            .Select(i =>
            {
                var transactions = 1 + random.NextPoisson(2.0);
                var spend = BuyTillYouDie.Spend(random, Truth, transactions);
                return new CustomerSummary($"{i}", transactions, 1.0, 2.0, spend.Average());
            })
            .ToList();

        var model = GammaGamma.Fit(customers);

        Estimates.AssertWithin(Truth.P, model.Parameters.P, model.StandardErrors.P, 3);
        Estimates.AssertWithin(Truth.Q, model.Parameters.Q, model.StandardErrors.Q, 3);
        Estimates.AssertWithin(Truth.Gamma, model.Parameters.Gamma, model.StandardErrors.Gamma, 3);
    }

    [Fact]
    public void Fit_skips_customers_without_repeat_purchases_and_counts_non_positive_spend_as_excluded()
    {
        var extra = new[]
        {
            new CustomerSummary("zero", 2, 1.0, 2.0, 0.0),
            new CustomerSummary("refund", 1, 1.0, 2.0, -4.0),
        };

        var model = GammaGamma.Fit([.. Cdnow.Customers, .. extra]);

        Assert.Equal(946, model.Customers);
        Assert.Equal(2, model.ExcludedCustomers);
        Assert.Equal(Cdnow.SpendModel.Parameters.P, model.Parameters.P, 1e-6);
    }

    [Fact]
    public void Fitted_model_round_trips_through_json_with_literature_names()
    {
        ModelJson.AssertRoundTripsWithNames(Cdnow.SpendModel, "p", "q", "gamma", "log_likelihood");
    }

    [Fact]
    public void Fit_with_fewer_than_two_usable_customers_is_rejected()
    {
        var error = Assert.Throws<OptionsException>(() => GammaGamma.Fit([new CustomerSummary("A", 1, 1.0, 2.0, 5.0)]));

        Assert.Equal("repeat customers with monetary > 0 = 1 must be >= 2 to fit the Gamma-Gamma model", error.Message);
    }

    internal static GammaGammaModel ModelWith(GammaGammaParameters parameters) =>
        new(parameters, new GammaGammaParameters(0, 0, 0), 0, 0, 0, 0, 0);
}
