using Segmentation.Common;
using Segmentation.Validation;

namespace Segmentation.Tests.Validation;

public sealed class HoldoutTests
{
    [Fact]
    public void Eta_squared_and_lift_match_the_hand_computed_example()
    {
        // Outcome 1, 3 (segment a) and 5, 7 (segment b): overall mean 4, total SS = 9 + 1 + 1 + 9 = 20,
        // segment means 2 and 6, between SS = 2·(2 − 4)² + 2·(6 − 4)² = 16, η² = 16/20 = 0.8.
        // Lift: 2/4 = 0.5 and 6/4 = 1.5.
        var result = Holdout.Evaluate(["b", "a", "b", "a"], [5, 1, 7, 3]);

        Assert.Equal(4, result.Customers);
        Assert.Equal(4.0, result.OverallMean);
        Assert.Equal(20.0, result.TotalSumOfSquares);
        Assert.Equal(16.0, result.BetweenSumOfSquares);
        Assert.Equal(0.8, result.EtaSquared, 15);
        Assert.Equal([new SegmentOutcome("a", 2, 2, 0.5), new SegmentOutcome("b", 2, 6, 1.5)], result.Segments);
    }

    [Fact]
    public void Segments_unrelated_to_the_outcome_explain_almost_nothing_and_planted_ones_a_lot()
    {
        var random = new SeededRandom(3);
        var segments = Enumerable.Range(0, 3000).Select(i => $"s{i % 3}").ToArray();
        var noise = segments.Select(_ => random.NextGaussian(100, 10)).ToArray();
        var planted = segments.Select((s, i) => noise[i] + (s == "s0" ? 30 : 0)).ToArray();

        Assert.InRange(Holdout.Evaluate(segments, noise).EtaSquared, 0, 0.01);
        // Shift 30 in a third of rows: between variance 30²·(1/3)(2/3) = 200 against noise 100 → η² ≈ 2/3.
        Assert.InRange(Holdout.Evaluate(segments, planted).EtaSquared, 0.6, 0.72);
    }

    [Fact]
    public void A_churn_outcome_gives_churn_rates_per_segment_and_zero_mean_has_no_lift()
    {
        var churn = Holdout.Evaluate(["x", "x", "y", "y"], [1, 0, 0, 0]);
        var nothing = Holdout.Evaluate(["x", "y"], [0, 0]);

        Assert.Equal(0.5, churn.Segments[0].Mean);
        Assert.Equal(2.0, churn.Segments[0].Lift);
        Assert.Null(nothing.Segments[0].Lift);
        Assert.Equal(0.0, nothing.EtaSquared);
    }

    [Fact]
    public void Mismatched_lengths_and_NaN_outcomes_are_rejected()
    {
        var length = Assert.Throws<OptionsException>(() => Holdout.Evaluate(["a"], [1, 2]));
        var nan = Assert.Throws<OptionsException>(() => Holdout.Evaluate(["a", "b"], [1, double.NaN]));

        Assert.Contains("segments=1 must equal outcome=2", length.Message);
        Assert.Contains("outcome[1]=NaN", nan.Message);
    }
}
