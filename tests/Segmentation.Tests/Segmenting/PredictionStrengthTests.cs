using Segmentation.Features;
using Segmentation.Segmenting;
using Segmentation.Tests.Validation;

namespace Segmentation.Tests.Segmenting;

public sealed class PredictionStrengthTests
{
    private static ClusteringRun KMeans(FeatureMatrix x, int k, ulong seed) => TestClustering.KMeans(x, k, seed);

    [Fact]
    public void One_split_is_the_smallest_share_of_co_assigned_pairs_over_the_test_clusters()
    {
        // Training centroids at 0 and 10. Test cluster A = {0, 1, 9}: centroid assignments 0, 0, 1 → pairs together
        // 1 of 3 (1·0 + 2·1 = 2 ordered pairs of 6). Test cluster B = {10, 11}: both to centroid 1 → 2 of 2.
        var training = new FeatureMatrix(["x"], [0, 0, 10, 10]);
        var test = new FeatureMatrix(["x"], [0, 1, 9, 10, 11]);

        var strength = PredictionStrength.OfSplit(training, [0, 0, 1, 1], test, [0, 0, 0, 1, 1]);

        Assert.Equal(2.0 / 6.0, strength, 12);
    }

    [Fact]
    public void Planted_blobs_are_fully_reproducible_at_their_k_and_not_when_one_is_cut_in_two()
    {
        var (x, _) = TestClustering.Blobs(TestClustering.Square(10), 80, 1.0, 3);

        var atFour = PredictionStrength.Evaluate(x, 4, 7, KMeans);
        var atFive = PredictionStrength.Evaluate(x, 5, 7, KMeans);

        Assert.True(atFour >= 0.99, $"ps(4) = {atFour}");
        Assert.True(atFive < 0.9, $"ps(5) = {atFive}");
    }

    [Fact]
    public void The_value_depends_on_the_partition_not_on_the_label_numbers_and_repeats_for_a_seed()
    {
        var (x, _) = TestClustering.Blobs(TestClustering.Square(6), 40, 1.2, 5);
        ClusteringRun Permuted(FeatureMatrix m, int k, ulong seed)
        {
            var run = KMeans(m, k, seed);
            return run with { Labels = run.Labels.Select(l => k - 1 - l).ToArray() };
        }

        var plain = PredictionStrength.Evaluate(x, 3, 11, KMeans);

        Assert.Equal(plain, PredictionStrength.Evaluate(x, 3, 11, Permuted));
        Assert.Equal(plain, PredictionStrength.Evaluate(x, 3, 11, KMeans));
        Assert.InRange(plain, 0.0, 1.0);
    }

    [Fact]
    public void Too_few_rows_for_two_halves_is_an_error_naming_k_and_the_half_size()
    {
        var x = TestClustering.Uniform(8, 2, 1);

        var error = Assert.Throws<OptionsException>(() => PredictionStrength.Evaluate(x, 4, 1, KMeans));

        Assert.Contains("k=4", error.Message, StringComparison.Ordinal);
        Assert.Contains("rows/2=4", error.Message, StringComparison.Ordinal);
    }
}
