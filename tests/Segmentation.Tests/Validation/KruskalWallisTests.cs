using Segmentation.Features;
using Segmentation.Validation;

namespace Segmentation.Tests.Validation;

public sealed class KruskalWallisTests
{
    [Fact]
    public void H_matches_the_hand_computed_example_with_ties()
    {
        // A = {1, 2, 2}, B = {3, 4, 5}, C = {5, 6, 7}; N = 9.
        // Ranks: 1→1; 2,2→2.5; 3→4; 4→5; 5,5→6.5; 6→8; 7→9.  R_A = 6, R_B = 15.5, R_C = 23.5 (sum 45 = 9·10/2).
        // Uncorrected H = 12/(9·10) · (6² + 15.5² + 23.5²)/3 − 3·10 = 12/90 · 828.5/3 − 30 = 1842/270.
        // Ties {2,2} and {5,5}: C = 1 − (6 + 6)/(9³ − 9) = 1 − 12/720 = 59/60.  H = (1842/270)/(59/60) ≈ 6.93785.
        // df = 2, and χ²(2)'s upper tail is exp(−H/2).  ε² = H/(N − 1) = H/8.
        double[] values = [1, 2, 2, 3, 4, 5, 5, 6, 7];
        int[] groups = [0, 0, 0, 1, 1, 1, 2, 2, 2];
        var h = 1842.0 / 270.0 / (59.0 / 60.0);

        var result = KruskalWallis.Test(values, groups);

        Tolerance.AssertRelative(h, result.H, 1e-14);
        Assert.Equal(2, result.DegreesOfFreedom);
        Tolerance.AssertRelative(Math.Exp(-h / 2), result.PValue, 1e-12);
        Tolerance.AssertRelative(h / 8, result.EpsilonSquared, 1e-14);
        Assert.Equal(9, result.Samples);
        Assert.Equal(3, result.Groups);
    }

    public static TheoryData<string, int> ScipyValues()
    {
        var data = new TheoryData<string, int>();
        foreach (var labels in new[] { "truth", "predicted" })
            for (var feature = 1; feature <= 4; feature++)
                data.Add(labels, feature);
        return data;
    }

    [Theory]
    [MemberData(nameof(ScipyValues))]
    public void H_and_p_agree_with_scipy_to_1e_9(string labels, int feature)
    {
        var x = ReferenceData.X;
        var column = Enumerable.Range(0, x.Rows).Select(i => x[i, feature - 1]).ToArray();

        var result = KruskalWallis.Test(column, ReferenceData.Labels(labels));

        Tolerance.AssertRelative(ReferenceData.Value($"kruskal_h_x{feature}", labels), result.H, 1e-9);
        Tolerance.AssertRelative(ReferenceData.Value($"kruskal_p_x{feature}", labels), result.PValue, 1e-9);
    }

    [Fact]
    public void Identical_values_give_no_evidence_of_a_difference()
    {
        var result = KruskalWallis.Test([3, 3, 3, 3], [0, 0, 1, 1]);

        Assert.Equal((0.0, 1.0, 0.0), (result.H, result.PValue, result.EpsilonSquared));
    }

    [Fact]
    public void NaN_values_and_a_single_group_are_rejected()
    {
        var nan = Assert.Throws<OptionsException>(() => KruskalWallis.Test([1, double.NaN, 3], [0, 1, 1]));
        var single = Assert.Throws<OptionsException>(() => KruskalWallis.Test([1, 2, 3], [4, 4, 4]));

        Assert.Contains("values[1]=NaN", nan.Message);
        Assert.Contains("groups=1 must be >= 2", single.Message);
    }

    [Fact]
    public void Segment_differences_test_every_feature_and_flag_small_segments()
    {
        // 100 rows: segment 0 has 60 rows with x1 around 0, segment 1 has 39 around 5, segment 2 a single row (1 %).
        var rows = new List<double[]>();
        var labels = new List<int>();
        var random = new Segmentation.Common.SeededRandom(4);
        for (var i = 0; i < 100; i++)
        {
            var segment =
                i < 60 ? 0
                : i < 99 ? 1
                : 2;
            rows.Add([random.NextGaussian(segment * 5, 1), random.NextGaussian()]);
            labels.Add(segment);
        }
        var x = FeatureMatrix.FromRows(["spend", "noise"], rows);

        var report = SegmentDifferences.Evaluate(x, labels.ToArray());

        Assert.Equal(["spend", "noise"], report.Features.Select(f => f.Feature));
        Assert.True(report.Features[0].Test.PValue < 1e-10);
        Assert.True(report.Features[0].Test.EpsilonSquared > 0.5);
        Assert.True(report.Features[1].Test.PValue > 0.01);
        Assert.Equal(
            [
                new SegmentSize(0, 60, 0.6, false),
                new SegmentSize(1, 39, 0.39, false),
                new SegmentSize(2, 1, 0.01, true),
            ],
            report.Segments
        );
    }

    [Fact]
    public void The_minimum_share_is_an_option()
    {
        var sizes = SegmentDifferences.Sizes([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], minimumShare: 0.15);

        Assert.True(sizes[1].BelowMinimumShare);
        Assert.Throws<OptionsException>(() => SegmentDifferences.Sizes([0, 1], minimumShare: 1.5));
    }
}
