using Segmentation.Common;
using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Tests.Segmenting;

public sealed class GaussianMixtureTests
{
    /// <summary>Draws from a 2-D mixture with known weights, means and covariances (via their Cholesky
    /// factors).</summary>
    private static FeatureMatrix Simulate(
        int n,
        ulong seed,
        params (double Weight, double[] Mean, double[,] Covariance)[] components
    )
    {
        var random = new SeededRandom(seed);
        var rows = new List<double[]>();
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            var c = 0;
            while (c < components.Length - 1 && u >= components[c].Weight)
                u -= components[c++].Weight;
            var (_, mean, s) = components[c];
            var l11 = Math.Sqrt(s[0, 0]);
            var l21 = s[1, 0] / l11;
            var l22 = Math.Sqrt(s[1, 1] - l21 * l21);
            var z1 = random.NextGaussian();
            var z2 = random.NextGaussian();
            rows.Add([mean[0] + l11 * z1, mean[1] + l21 * z1 + l22 * z2]);
        }
        return FeatureMatrix.FromRows(["x", "y"], rows, Enumerable.Range(0, n).Select(i => $"customer-{i}").ToArray());
    }

    private static readonly (double, double[], double[,])[] Planted =
    [
        (
            0.7,
            [0.0, 0.0],
            new[,]
            {
                { 1.0, 0.6 },
                { 0.6, 1.0 },
            }
        ),
        (
            0.3,
            [5.0, 2.0],
            new[,]
            {
                { 0.5, 0.0 },
                { 0.0, 2.0 },
            }
        ),
    ];

    [Fact]
    public void GaussianMixture_recovers_the_weights_means_and_covariances_it_was_simulated_with()
    {
        var x = Simulate(4000, 21, Planted);

        var model = new GaussianMixtureSegmenter(new GaussianMixtureOptions { Clusters = 2 }).Fit(x);

        Assert.True(model.Converged);
        Assert.Equal(0.7, model.Weights[0], 0.03);
        Assert.Equal(0.3, model.Weights[1], 0.03);
        for (var c = 0; c < 2; c++)
        {
            var (_, mean, covariance) = Planted[c];
            var fitted = model.Covariance(c);
            for (var a = 0; a < 2; a++)
            {
                Assert.Equal(mean[a], model.Means[c, a], 0.1);
                for (var b = 0; b < 2; b++)
                    Assert.Equal(covariance[a, b], fitted[a, b], 0.15);
            }
        }
    }

    [Fact]
    public void GaussianMixture_with_one_component_reaches_the_closed_form_maximum_likelihood()
    {
        var x = Simulate(500, 3, Planted);
        var n = x.Rows;
        var mx = Enumerable.Range(0, n).Average(i => x[i, 0]);
        var my = Enumerable.Range(0, n).Average(i => x[i, 1]);
        var sxx = Enumerable.Range(0, n).Average(i => (x[i, 0] - mx) * (x[i, 0] - mx));
        var syy = Enumerable.Range(0, n).Average(i => (x[i, 1] - my) * (x[i, 1] - my));
        var sxy = Enumerable.Range(0, n).Average(i => (x[i, 0] - mx) * (x[i, 1] - my));
        var expected = -n / 2.0 * (2 * Math.Log(2 * Math.PI) + Math.Log(sxx * syy - sxy * sxy) + 2);

        var model = new GaussianMixtureSegmenter(new GaussianMixtureOptions { Clusters = 1 }).Fit(x);

        Assert.Equal(expected, model.LogLikelihood, 1e-3);
        Assert.Equal(5, model.Parameters); // 0 free weights + 2 means + 3 covariance entries
        Assert.Equal(-2 * model.LogLikelihood + 5 * Math.Log(n), model.Bic, 9);
    }

    [Fact]
    public void GaussianMixture_selection_by_bic_picks_the_planted_number_of_components()
    {
        var x = Simulate(
            900,
            8,
            (
                0.4,
                [0.0, 0.0],
                new[,]
                {
                    { 1.0, 0.5 },
                    { 0.5, 1.0 },
                }
            ),
            (
                0.35,
                [6.0, 0.0],
                new[,]
                {
                    { 1.0, 0.0 },
                    { 0.0, 0.3 },
                }
            ),
            (
                0.25,
                [3.0, 6.0],
                new[,]
                {
                    { 0.4, -0.2 },
                    { -0.2, 1.5 },
                }
            )
        );

        var selection = GaussianMixtureSelection.ByBic(x, 1, 6);

        Assert.Equal(3, selection.Best.Clusters);
        Assert.Equal([1, 2, 3, 4, 5, 6], selection.Candidates.Select(c => c.Clusters));
        Assert.Equal(selection.Candidates.Min(c => c.Bic), selection.Best.Bic);
    }

    [Fact]
    public void GaussianMixture_diagonal_covariance_has_no_off_diagonal_terms_and_fewer_parameters()
    {
        var x = Simulate(600, 4, Planted);

        var full = new GaussianMixtureSegmenter(new GaussianMixtureOptions { Clusters = 3 }).Fit(x);
        var diagonal = new GaussianMixtureSegmenter(
            new GaussianMixtureOptions { Clusters = 3, Covariance = CovarianceType.Diagonal }
        ).Fit(x);

        Assert.Equal(2 + 6 + 9, full.Parameters);
        Assert.Equal(2 + 6 + 6, diagonal.Parameters);
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(0.0, diagonal.Covariance(c)[0, 1]));
    }

    [Fact]
    public void GaussianMixture_is_identical_across_two_fits()
    {
        var x = Simulate(600, 4, Planted);

        var first = new GaussianMixtureSegmenter(new GaussianMixtureOptions { Clusters = 3 }).Fit(x);
        var second = new GaussianMixtureSegmenter(new GaussianMixtureOptions { Clusters = 3 }).Fit(x);

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.ToJson(), second.ToJson());
    }

    [Fact]
    public void GaussianMixture_predict_on_the_training_rows_equals_the_labels_and_probabilities_sum_to_one()
    {
        var x = Simulate(600, 4, Planted);
        var model = new GaussianMixtureSegmenter(new GaussianMixtureOptions { Clusters = 2 }).Fit(x);

        var probabilities = model.PredictProbabilities(x);

        Assert.Equal(model.Labels, model.Predict(x));
        Assert.Equal(1.0, model.Weights.Sum(), 12);
        Assert.True(model.Weights[0] >= model.Weights[1]);
        for (var i = 0; i < x.Rows; i++)
            Assert.Equal(1.0, probabilities.Row(i).ToArray().Sum(), 12);
    }

    [Fact]
    public void GaussianMixture_model_round_trips_through_json_and_predicts_the_same()
    {
        var x = Simulate(600, 4, Planted);
        var model = new GaussianMixtureSegmenter(new GaussianMixtureOptions { Clusters = 2 }).Fit(x);

        var json = model.ToJson();
        var loaded = GaussianMixtureModel.FromJson(json);

        Assert.Equal(model.Labels, loaded.Predict(x));
        Assert.Equal(model.PredictProbabilities(x).Values.ToArray(), loaded.PredictProbabilities(x).Values.ToArray());
        Assert.Equal(model.Bic, loaded.Bic);
        Assert.Equal(json, loaded.ToJson());
        Assert.Contains("\"method\": \"gaussian-mixture\"", json);
        Assert.DoesNotContain("customer-", json);
    }

    [Theory]
    [InlineData(7, 1e-6, "clusters=7 must be <= rows=5")]
    [InlineData(2, 0.0, "regularization=0 must be > 0 and finite")]
    public void GaussianMixture_options_are_validated_with_messages_naming_the_argument(
        int clusters,
        double regularization,
        string message
    )
    {
        var x = SegmentingFixtures.OneToFive();

        var error = Assert.Throws<OptionsException>(() =>
            new GaussianMixtureSegmenter(
                new GaussianMixtureOptions { Clusters = clusters, Regularization = regularization }
            ).Fit(x)
        );

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void GaussianMixture_selection_rejects_an_empty_range()
    {
        var x = Simulate(50, 4, Planted);

        var error = Assert.Throws<OptionsException>(() => GaussianMixtureSelection.ByBic(x, 4, 2));

        Assert.Equal("maxClusters=2 must be >= minClusters=4", error.Message);
    }
}
