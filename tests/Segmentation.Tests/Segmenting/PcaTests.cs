using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Tests.Segmenting;

public sealed class PcaTests
{
    // Points (2,2), (-2,-2), (1,-1), (-1,1): mean 0, sample covariance [[10/3, 2], [2, 10/3]],
    // eigenvalues 16/3 along (1,1)/√2 and 4/3 along (1,-1)/√2; explained variance 0.8 and 0.2.
    private static readonly FeatureMatrix Cross = FeatureMatrix.FromRows(
        ["x", "y"],
        [
            [2.0, 2],
            [-2.0, -2],
            [1.0, -1],
            [-1.0, 1],
        ]
    );

    [Fact]
    public void Pca_finds_the_known_principal_axis_and_its_variance()
    {
        var pca = Pca.Fit(Cross);

        var h = Math.Sqrt(0.5);
        Assert.Equal(16 / 3.0, pca.ExplainedVariance[0], 12);
        Assert.Equal(4 / 3.0, pca.ExplainedVariance[1], 12);
        Assert.Equal(0.8, pca.ExplainedVarianceRatio[0], 12);
        Assert.Equal(0.2, pca.ExplainedVarianceRatio[1], 12);
        Assert.Equal(h, pca.Loadings[0, 0], 12);
        Assert.Equal(h, pca.Loadings[0, 1], 12);
        Assert.Equal(h, pca.Loadings[1, 0], 12); // tie in magnitude: the first column is made positive
        Assert.Equal(-h, pca.Loadings[1, 1], 12);
    }

    [Fact]
    public void Pca_projection_gives_the_hand_computed_scores()
    {
        var scores = Pca.Fit(Cross).Project(Cross);

        Assert.Equal(["PC1", "PC2"], scores.Columns);
        Assert.Equal(2 * Math.Sqrt(2), scores[0, 0], 12);
        Assert.Equal(0, scores[0, 1], 12);
        Assert.Equal(0, scores[2, 0], 12);
        Assert.Equal(Math.Sqrt(2), scores[2, 1], 12);
    }

    [Fact]
    public void Pca_sign_convention_makes_the_largest_loading_positive_whatever_the_data_orientation()
    {
        // Mostly along (-3, 1): the first column carries the largest loading, so its sign is fixed positive.
        var rows = new List<double[]>();
        for (var t = -5; t <= 5; t++)
            rows.Add([-3.0 * t + 0.1 * (t % 2), 1.0 * t, 0.01 * t * t]);
        var x = FeatureMatrix.FromRows(["a", "b", "c"], rows);
        var negated = FeatureMatrix.FromRows(["a", "b", "c"], rows.Select(r => r.Select(v => -v).ToArray()).ToArray());

        var pca = Pca.Fit(x, components: 3);
        var flipped = Pca.Fit(negated, components: 3);

        for (var c = 0; c < 3; c++)
        {
            var loadings = pca.Loadings.Row(c).ToArray();
            Assert.True(loadings.MaxBy(Math.Abs) > 0);
            Assert.Equal(loadings, flipped.Loadings.Row(c).ToArray(), (p, q) => Math.Abs(p - q) < 1e-9);
        }
        Assert.True(pca.Loadings[0, 0] > 0 && pca.Loadings[0, 1] < 0);
    }

    [Fact]
    public void Pca_explained_variance_ratios_of_all_components_sum_to_one()
    {
        var (x, _) = SegmentingFixtures.FourBlobs();

        var pca = Pca.Fit(x, components: 3);

        Assert.Equal(1.0, pca.ExplainedVarianceRatio.Sum(), 12);
        Assert.True(pca.ExplainedVarianceRatio[0] >= pca.ExplainedVarianceRatio[1]);
    }

    [Fact]
    public void Pca_rejects_more_components_than_columns()
    {
        var error = Assert.Throws<OptionsException>(() => Pca.Fit(Cross, components: 3));

        Assert.Equal("components=3 must be <= columns=2", error.Message);
    }
}
