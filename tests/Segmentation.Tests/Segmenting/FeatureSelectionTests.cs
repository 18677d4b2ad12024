using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Tests.Segmenting;

public sealed class FeatureSelectionTests
{
    /// <summary>
    /// 600 customers in three groups on two uncorrelated informative columns (a rises with the group, b marks the
    /// middle group), plus: c = 3a (redundant), noise (Gaussian, unrelated), flat (97 % zeros), sparse (70 % missing).
    /// </summary>
    private static FeatureTable Table()
    {
        var random = new SeededRandom(5);
        const int n = 600;
        var a = new double[n];
        var b = new double[n];
        var noise = new double[n];
        var flat = new double[n];
        var sparse = new double[n];
        for (var i = 0; i < n; i++)
        {
            var group = i % 3;
            a[i] = 10 + 8 * group + random.NextGaussian();
            b[i] = 20 + (group == 1 ? 6 : 0) + random.NextGaussian();
            noise[i] = 50 + 5 * random.NextGaussian();
            flat[i] = i % 33 == 0 ? 1 : 0;
            sparse[i] = i % 10 < 7 ? double.NaN : 1 + random.NextDouble();
        }
        return new FeatureTable(Enumerable.Range(0, n).Select(i => $"c{i:000}").ToArray())
            .WithNumeric("a", a)
            .WithNumeric("b", b)
            .WithNumeric("c", a.Select(v => 3 * v).ToArray())
            .WithNumeric("noise", noise)
            .WithNumeric("flat", flat)
            .WithNumeric("sparse", sparse);
    }

    [Fact]
    public void An_automatic_choice_keeps_the_informative_features_and_says_why_each_other_one_was_left_out()
    {
        var selection = FeatureSelection.Choose(
            Table(),
            ["a", "b", "c", "noise", "flat", "sparse"],
            automatic: true,
            "test"
        );

        Assert.Equal(["a", "b"], selection.Chosen);
        var verdicts = selection.Diagnostics.ToDictionary(d => d.Feature, d => d.Verdict);
        Assert.Equal(FeatureVerdict.Redundant, verdicts["c"]);
        Assert.Equal(FeatureVerdict.Noise, verdicts["noise"]);
        Assert.Equal(FeatureVerdict.Constant, verdicts["flat"]);
        Assert.Equal(FeatureVerdict.Missing, verdicts["sparse"]);
        Assert.Contains("a", selection.Diagnostics.Single(d => d.Feature == "c").Reason, StringComparison.Ordinal);
        Assert.Equal(0.7, selection.Diagnostics.Single(d => d.Feature == "sparse").MissingShare, 12);
    }

    [Fact]
    public void Features_named_by_the_analyst_are_all_used_and_noise_is_only_flagged()
    {
        var selection = FeatureSelection.Choose(Table(), ["a", "b", "noise"], automatic: false, "named");

        Assert.Equal(["a", "b", "noise"], selection.Chosen);
        Assert.All(selection.Diagnostics, d => Assert.Equal(FeatureVerdict.Used, d.Verdict));
        Assert.True(selection.Diagnostics.Single(d => d.Feature == "noise").NoiseFlag);
        Assert.False(selection.Diagnostics.Single(d => d.Feature == "a").NoiseFlag);
        // a and b carry different groupings (so neither explains the other), but each has modes of its own.
        Assert.True(selection.Diagnostics.Single(d => d.Feature == "a").BimodalityCoefficient > 5.0 / 9.0);
    }

    [Fact]
    public void Verdicts_and_reasons_read_in_the_language_given_else_in_the_flows_language()
    {
        var automatic = FeatureSelection.Choose(Table(), ["a", "c", "sparse"], automatic: true, "test");
        var named = FeatureSelection.Choose(Table(), ["a", "b", "noise"], automatic: false, "named");
        var sparse = automatic.Diagnostics.Single(d => d.Feature == "sparse");
        var redundant = automatic.Diagnostics.Single(d => d.Feature == "c");

        Assert.Equal("missing", FeatureSelection.VerdictText(sparse.Verdict));
        Assert.Equal("70% of customers have no value", automatic.ReasonText(sparse));
        Assert.Equal(
            FormattableString.Invariant($"correlation {redundant.StrongestCorrelation:0.000} with a"),
            automatic.ReasonText(redundant)
        );
        Assert.Equal("named by the analyst", named.ReasonText(named.Diagnostics[0]));
        Assert.Equal("named by the analyst; flagged as noise", named.ReasonText(named.Diagnostics[2]));
        using (Language.Use(Language.Chinese))
        {
            Assert.Equal(Language.Chinese["Verdict_Missing"], FeatureSelection.VerdictText(sparse.Verdict));
            Assert.Equal("采用", FeatureSelection.VerdictText(FeatureVerdict.Used));
            Assert.Equal("由分析师指定", named.ReasonText(named.Diagnostics[0]));
            Assert.Equal(Language.Chinese.Format("Reason_Missing", "70%"), automatic.ReasonText(sparse));
            Assert.Equal("named by the analyst", named.ReasonText(named.Diagnostics[0], Language.English));
        }
    }

    [Fact]
    public void A_feature_that_is_not_a_numeric_column_is_an_error_listing_the_available_ones()
    {
        var error = Assert.Throws<OptionsException>(() =>
            FeatureSelection.Choose(Table(), ["a", "age"], automatic: true, "test")
        );

        Assert.Contains("age", error.Message, StringComparison.Ordinal);
        Assert.Contains("available: a, b, c, noise, flat, sparse", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bimodality_coefficient_is_a_third_for_normal_data_and_near_one_for_two_equal_spikes()
    {
        var random = new SeededRandom(9);
        var normal = Enumerable.Range(0, 20_000).Select(_ => random.NextGaussian()).ToArray();
        var spikes = Enumerable.Range(0, 20_000).Select(i => (double)(i % 2)).ToArray();

        Assert.InRange(SampleStatistics.BimodalityCoefficient(normal), 0.32, 0.35);
        Assert.Equal(1.0, SampleStatistics.BimodalityCoefficient(spikes), 3);
        Assert.Equal(0.0, SampleStatistics.BimodalityCoefficient([2, 2, 2, 2]));
    }

    [Fact]
    public void Skewness_by_hand()
    {
        // values 0, 0, 3: mean 1, m2 = (1 + 1 + 4)/3 = 2, m3 = (−1 − 1 + 8)/3 = 2, g1 = 2 / 2^1.5 = 0.7071…
        Assert.Equal(1 / Math.Sqrt(2), SampleStatistics.Skewness([0, 0, 3]), 12);
    }
}
