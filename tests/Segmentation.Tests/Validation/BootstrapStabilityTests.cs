using Segmentation.Common.Text;
using Segmentation.Validation;

namespace Segmentation.Tests.Validation;

public sealed class BootstrapStabilityTests
{
    [Fact]
    public void Three_well_separated_blobs_are_each_highly_stable()
    {
        var x = ThreeSeparatedBlobs();

        var result = BootstrapStability.Evaluate(
            x,
            m => TestClustering.KMeans(m, 3, 7).Labels,
            new StabilityOptions { Replicates = 20, Seed = 3 }
        );

        Assert.Equal(3, result.Clusters.Count);
        Assert.All(result.Clusters, c =>
        {
            Assert.Equal(StabilityRating.HighlyStable, c.Rating);
            Assert.Equal("highly stable", c.Description);
            Assert.Equal(50, c.Size);
            Assert.Equal(0, c.Dissolved);
            Assert.Equal(20, c.Recovered);
        });
    }

    [Fact]
    public void Uniform_noise_cut_into_four_clusters_has_a_cluster_below_stable()
    {
        // Five-dimensional uniform noise: no partition into four is preferred, so the clusters move between replicates.
        var x = TestClustering.Uniform(200, 5, 1);

        var result = BootstrapStability.Evaluate(
            x,
            m => TestClustering.KMeans(m, 4, 7).Labels,
            new StabilityOptions { Replicates = 20, Seed = 1 }
        );

        Assert.Equal(4, result.Clusters.Count);
        Assert.Contains(result.Clusters, c => c.MeanJaccard < 0.75);
        Assert.Contains(result.Clusters, c => c.Dissolved > 0);
    }

    [Fact]
    public void Same_seed_gives_the_same_result_and_replicates_see_different_samples()
    {
        var x = TestClustering.Uniform(120, 3, 2);
        var calls = new List<string>();
        int[] Cluster(Segmentation.Features.FeatureMatrix m)
        {
            calls.Add(string.Join(",", m.RowKeys.Take(5)));
            return TestClustering.KMeans(m, 3, 1).Labels;
        }

        var first = BootstrapStability.Evaluate(x, Cluster, new StabilityOptions { Replicates = 5, Seed = 9 });
        var second = BootstrapStability.Evaluate(x, Cluster, new StabilityOptions { Replicates = 5, Seed = 9 });

        Assert.Equal(first.Clusters, second.Clusters);
        Assert.Equal(12, calls.Count);
        Assert.Equal(6, calls.Take(6).Distinct().Count());
    }

    [Fact]
    public void With_a_sample_size_each_replicate_clusters_that_many_rows_and_blobs_stay_highly_stable()
    {
        var x = ThreeSeparatedBlobs();
        var rows = new List<int>();
        int[] Cluster(Segmentation.Features.FeatureMatrix m)
        {
            rows.Add(m.Rows);
            return TestClustering.KMeans(m, 3, 7).Labels;
        }

        var result = BootstrapStability.Evaluate(
            x,
            Cluster,
            new StabilityOptions
            {
                Replicates = 10,
                Seed = 3,
                SampleSize = 40,
            }
        );

        Assert.Equal([150, .. Enumerable.Repeat(40, 10)], rows);
        Assert.All(result.Clusters, c => Assert.Equal(StabilityRating.HighlyStable, c.Rating));
        Assert.Equal(150, result.Labels.Count);
    }

    [Fact]
    public void A_sample_size_at_least_the_rows_is_the_classical_bootstrap()
    {
        var x = TestClustering.Uniform(120, 3, 2);
        int[] Cluster(Segmentation.Features.FeatureMatrix m) => TestClustering.KMeans(m, 3, 1).Labels;

        var classical = BootstrapStability.Evaluate(x, Cluster, new StabilityOptions { Replicates = 5, Seed = 9 });
        var capped = BootstrapStability.Evaluate(
            x,
            Cluster,
            new StabilityOptions
            {
                Replicates = 5,
                Seed = 9,
                SampleSize = 500,
            }
        );

        Assert.Equal(classical.Clusters, capped.Clusters);
    }

    [Fact]
    public void Jaccard_counts_duplicated_rows_of_the_bootstrap_sample()
    {
        // Original clustering {0,1} {2,3}; every replicate puts all rows in one cluster. For cluster A the
        // best Jaccard is |A ∩ S| / |S| = X / 4 with X ~ Binomial(4, 1/2) the rows drawn from A, counted with
        // multiplicity as fpc does. Samples without A (X = 0) are left out, so the mean is
        // E[X | X ≥ 1] / 4 = (2 / (15/16)) / 4 = 8/15 ≈ 0.533.
        var x = TestClustering.Uniform(4, 1, 3);
        var first = true;
        int[] Cluster(Segmentation.Features.FeatureMatrix m)
        {
            if (!first)
                return new int[m.Rows];
            first = false;
            return [0, 0, 1, 1];
        }

        var result = BootstrapStability.Evaluate(x, Cluster, new StabilityOptions { Replicates = 4000, Seed = 5 });

        Assert.All(result.Clusters, c => Assert.InRange(c.MeanJaccard, 8.0 / 15.0 - 0.02, 8.0 / 15.0 + 0.02));
        Assert.All(result.Clusters, c => Assert.Equal(StabilityRating.NotTrustworthy, c.Rating));
    }

    [Theory]
    [InlineData(0.59, StabilityRating.NotTrustworthy)]
    [InlineData(0.6, StabilityRating.Weak)]
    [InlineData(0.7499, StabilityRating.Weak)]
    [InlineData(0.75, StabilityRating.Stable)]
    [InlineData(0.85, StabilityRating.HighlyStable)]
    [InlineData(1.0, StabilityRating.HighlyStable)]
    public void Ratings_follow_the_usual_thresholds(double meanJaccard, StabilityRating rating)
    {
        Assert.Equal(rating, BootstrapStability.Rate(meanJaccard));
    }

    [Theory]
    [InlineData(StabilityRating.NotTrustworthy, "not trustworthy", "不可信")]
    [InlineData(StabilityRating.Weak, "weak", "较弱")]
    [InlineData(StabilityRating.Stable, "stable", "稳定")]
    [InlineData(StabilityRating.HighlyStable, "highly stable", "非常稳定")]
    public void A_rating_reads_in_the_language_asked_for_and_validation_json_keeps_the_english_words(
        StabilityRating rating,
        string english,
        string chinese
    )
    {
        var cluster = new ClusterStability(0, 10, 0.5, 1, 1, 10, rating);

        Assert.Equal(english, cluster.RatingText(Language.English));
        Assert.Equal(chinese, cluster.RatingText(Language.Chinese));
        using (Language.Use(Language.Chinese))
        {
            Assert.Equal(chinese, cluster.RatingText());
            Assert.Equal(english, cluster.Description);
        }
        Assert.Equal(english, cluster.RatingText());
    }

    [Fact]
    public void A_clusterer_returning_the_wrong_number_of_labels_is_reported()
    {
        var x = TestClustering.Uniform(10, 2, 1);

        var error = Assert.Throws<SegmentationException>(() => BootstrapStability.Evaluate(x, _ => [0, 1]));

        Assert.Contains("labels=2 for the whole matrix; expected rows=10", error.Message);
    }

    [Fact]
    public void Options_are_validated()
    {
        var x = TestClustering.Uniform(10, 2, 1);

        var error = Assert.Throws<OptionsException>(() =>
            BootstrapStability.Evaluate(x, m => new int[m.Rows], new StabilityOptions { Replicates = 0 })
        );

        Assert.Contains("replicates=0 must be >= 1", error.Message);
    }

    /// <summary>Three blobs of 50 points, 10 apart with unit spread: every k-means run finds them.</summary>
    private static Segmentation.Features.FeatureMatrix ThreeSeparatedBlobs() =>
        TestClustering
            .Blobs(
                [
                    [0, 0],
                    [10, 0],
                    [5, 9],
                ],
                50,
                1.0,
                1
            )
            .X;
}
