using Segmentation.Common;
using Segmentation.Value;

namespace Segmentation.Tests.Value;

public sealed class BetaGeometricNbdTests
{
    private static readonly BgNbdParameters Truth = new(0.25, 4.0, 0.8, 2.5);

    [Fact]
    public void Fit_reproduces_the_published_CDNOW_estimates_and_log_likelihood()
    {
        // Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
        var model = Cdnow.PurchaseModel;

        Assert.Equal(2357, model.Customers);
        Assert.Equal(0.243, model.Parameters.R, 0.0005);
        Assert.Equal(4.414, model.Parameters.Alpha, 0.005);
        Assert.Equal(0.793, model.Parameters.A, 0.0005);
        Assert.Equal(2.426, model.Parameters.B, 0.005);
        Assert.Equal(-9582.4, model.LogLikelihood, 0.05);
    }

    [Theory]
    // lifetimes Quickstart, the five customers with the most predicted purchases in the next week.
    [InlineData("509", 1.0, 0.424877)]
    [InlineData("841", 1.0, 0.474738)]
    [InlineData("1981", 1.0, 0.486526)]
    [InlineData("157", 1.0, 0.662396)]
    [InlineData("1516", 1.0, 0.710623)]
    // Fader, Hardie & Lee (2005): E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226 for customer 1.
    [InlineData("1", 39.0, 1.226)]
    public void Conditional_expected_purchases_match_published_CDNOW_predictions(
        string customer,
        double t,
        double published
    )
    {
        var history = Cdnow.Customers.Single(c => c.CustomerId == customer);

        var expected = Cdnow.PurchaseModel.ExpectedPurchases(t, history);

        Assert.Equal(published, expected, 0.5 * Math.Pow(10, -DecimalPlaces(published)));
    }

    [Fact]
    public void Log_likelihood_of_a_customer_without_repeat_purchases_is_r_log_alpha_over_alpha_plus_T()
    {
        // x = 0: the gamma and beta terms cancel, leaving r·ln(α / (α + T)) = 0.5·ln(2 / 8) = −ln 2.
        var value = BetaGeometricNbd.LogLikelihood(new BgNbdParameters(0.5, 2.0, 0.7, 1.3), 0, 0.0, 6.0);

        Assert.Equal(-Math.Log(2.0), value, 1e-12);
    }

    [Fact]
    public void Log_likelihood_of_one_repeat_purchase_matches_the_formula_by_hand()
    {
        // r = α = a = b = 1, x = 1, t_x = 1, T = 3:
        // ln Γ(2) − ln Γ(1) + 1·ln 1 = 0;  ln B(1, 2) − ln B(1, 1) = ln(1/2);
        // ln[(1 + 3)^−2 + (1/1)·(1 + 1)^−2] = ln(1/16 + 1/4) = ln(5/16);  total = ln(5/32).
        var value = BetaGeometricNbd.LogLikelihood(new BgNbdParameters(1, 1, 1, 1), 1, 1.0, 3.0);

        Assert.Equal(Math.Log(5.0 / 32.0), value, 1e-12);
    }

    [Theory]
    [InlineData(0, 0.0, 30.0)]
    [InlineData(1, 2.0, 35.0)]
    [InlineData(7, 28.5, 31.0)]
    public void Analytic_gradient_of_the_log_likelihood_matches_central_differences(int x, double recency, double age)
    {
        double[] at = [0.3, 5.0, 0.9, 2.2];
        static BgNbdParameters Of(double[] v) => new(v[0], v[1], v[2], v[3]);

        Estimates.AssertGradient(
            v => BetaGeometricNbd.LogLikelihood(Of(v), x, recency, age),
            at,
            BetaGeometricNbd.LogLikelihoodGradient(Of(at), x, recency, age)
        );
    }

    [Fact]
    public void Probability_alive_matches_the_formula_by_hand_and_is_one_without_repeat_purchases()
    {
        var model = ModelWith(new BgNbdParameters(1, 1, 1, 1));

        // 1 / (1 + a/(b + x − 1)·((α + T)/(α + t_x))^(r + x)) = 1 / (1 + 1·(4/2)^2) = 0.2.
        Assert.Equal(0.2, model.ProbabilityAlive(1, 1.0, 3.0), 1e-12);
        Assert.Equal(1.0, model.ProbabilityAlive(0, 0.0, 30.0));
    }

    [Fact]
    public void Probability_alive_falls_as_the_customer_stays_silent_and_rises_with_recency()
    {
        var model = ModelWith(Truth);

        var byAge = Enumerable.Range(0, 20).Select(k => model.ProbabilityAlive(3, 10.0, 10.0 + k)).ToList();
        var byRecency = Enumerable.Range(0, 20).Select(k => model.ProbabilityAlive(3, k, 20.0)).ToList();

        Assert.True(byAge.Zip(byAge.Skip(1)).All(p => p.Second < p.First));
        Assert.True(byRecency.Zip(byRecency.Skip(1)).All(p => p.Second > p.First));
    }

    [Fact]
    public void Unconditional_expected_purchases_match_the_mean_of_simulated_new_customers()
    {
        var random = new SeededRandom(2024);
        const double horizon = 52.0;
        var counts = Enumerable
            .Range(0, 200_000)
            .Select(_ => (double)BuyTillYouDie.PurchaseTimes(random, Truth, horizon).Count)
            .ToArray();
        var mean = counts.Average();
        var standardError = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / (counts.Length - 1) / counts.Length);

        var predicted = ModelWith(Truth).UnconditionalExpectedPurchases(horizon);

        Assert.InRange(predicted, mean - 4 * standardError, mean + 4 * standardError);
    }

    [Fact]
    public void Expected_purchases_are_zero_at_time_zero_and_grow_with_the_horizon()
    {
        var model = Cdnow.PurchaseModel;
        var customer = Cdnow.Customers[0];

        var path = Enumerable.Range(0, 30).Select(k => model.ExpectedPurchases(k * 5.0, customer)).ToList();

        Assert.Equal(0.0, path[0]);
        Assert.True(path.Zip(path.Skip(1)).All(p => p.Second > p.First));
    }

    [Fact]
    public void Fit_recovers_simulated_parameters_within_three_standard_errors()
    {
        var simulated = BuyTillYouDie.Purchases(new SeededRandom(7), Truth, 5000, 30, 40);
        var customers = simulated
            .Select((c, i) => new CustomerSummary($"{i}", c.Frequency, c.Recency, c.T, 0))
            .ToList();

        var model = BetaGeometricNbd.Fit(customers);

        Estimates.AssertWithin(Truth.R, model.Parameters.R, model.StandardErrors.R, 3);
        Estimates.AssertWithin(Truth.Alpha, model.Parameters.Alpha, model.StandardErrors.Alpha, 3);
        Estimates.AssertWithin(Truth.A, model.Parameters.A, model.StandardErrors.A, 3);
        Estimates.AssertWithin(Truth.B, model.Parameters.B, model.StandardErrors.B, 3);
    }

    [Fact]
    public void Standard_errors_match_the_spread_of_estimates_over_replicated_samples()
    {
        // 12 independent samples of 2000 customers: the z-scores (estimate − truth) / SE should have RMS near 1.
        var zScores = new List<double>();
        for (var replicate = 0; replicate < 12; replicate++)
        {
            var simulated = BuyTillYouDie.Purchases(SeededRandom.Fork(99, (ulong)replicate), Truth, 2000, 30, 40);
            var model = BetaGeometricNbd.Fit(
                simulated.Select((c, i) => new CustomerSummary($"{i}", c.Frequency, c.Recency, c.T, 0)).ToList()
            );
            zScores.Add((model.Parameters.R - Truth.R) / model.StandardErrors.R);
            zScores.Add((model.Parameters.Alpha - Truth.Alpha) / model.StandardErrors.Alpha);
            zScores.Add((model.Parameters.A - Truth.A) / model.StandardErrors.A);
            zScores.Add((model.Parameters.B - Truth.B) / model.StandardErrors.B);
        }

        var rms = Math.Sqrt(zScores.Average(z => z * z));

        Assert.InRange(rms, 0.6, 1.5);
    }

    [Fact]
    public void Penalizer_shrinks_the_parameters_and_lowers_the_log_likelihood()
    {
        var plain = Cdnow.PurchaseModel;
        var penalised = BetaGeometricNbd.Fit(Cdnow.Customers, new ClvFitOptions { PenalizerCoefficient = 0.01 });

        Assert.True(penalised.Parameters.A + penalised.Parameters.B < plain.Parameters.A + plain.Parameters.B);
        Assert.True(penalised.LogLikelihood < plain.LogLikelihood);
        Assert.Equal(0.01, penalised.PenalizerCoefficient);
    }

    [Fact]
    public void Fitted_model_round_trips_through_json_with_literature_names()
    {
        ModelJson.AssertRoundTripsWithNames(Cdnow.PurchaseModel, "r", "alpha", "a", "b", "log_likelihood");
    }

    [Fact]
    public void Summary_with_recency_beyond_age_is_rejected_naming_the_customer()
    {
        var error = Assert.Throws<OptionsException>(() =>
            BetaGeometricNbd.Fit([new CustomerSummary("C7", 2, 5.0, 4.0, 1.0)])
        );

        Assert.Equal("customer 'C7': recency=5 must be in [0, T=4]", error.Message);
    }

    [Fact]
    public void Negative_penalizer_is_rejected_naming_the_value()
    {
        var error = Assert.Throws<OptionsException>(() =>
            BetaGeometricNbd.Fit(Cdnow.Customers, new ClvFitOptions { PenalizerCoefficient = -1 })
        );

        Assert.Equal("penalizerCoefficient=-1 must be a finite number >= 0", error.Message);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Hypergeometric_series_matches_closed_forms(double z)
    {
        // 2F1(1, 1; 2; z) = −ln(1 − z)/z and 2F1(a, b; b; z) = (1 − z)^−a.
        Assert.Equal(-Math.Log(1 - z) / z, Hypergeometric.Gauss2F1(1, 1, 2, z), 1e-12);
        Assert.Equal(Math.Pow(1 - z, -0.3), Hypergeometric.Gauss2F1(0.3, 2.5, 2.5, z), 1e-12);
    }

    internal static BgNbdModel ModelWith(BgNbdParameters parameters) =>
        new(parameters, new BgNbdParameters(0, 0, 0, 0), 0, 0, 0, 0);

    private static int DecimalPlaces(double value)
    {
        var text = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.Length - dot - 1;
    }
}
