using Segmentation.Common;
using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Tests.Segmenting;

public sealed class LloydTests
{
    private static (FeatureMatrix X, double[] Centroids) RandomProblem(int rows, int columns, int clusters, ulong seed)
    {
        var random = new SeededRandom(seed);
        var values = new double[rows * columns];
        for (var i = 0; i < values.Length; i++)
            values[i] = random.NextGaussian();
        var centroids = new double[clusters * columns];
        for (var i = 0; i < centroids.Length; i++)
            centroids[i] = random.NextGaussian();
        return (new FeatureMatrix(Enumerable.Range(0, columns).Select(j => $"x{j}").ToArray(), values), centroids);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(8, 10)]
    [InlineData(5, 13)]
    [InlineData(4, 4)]
    [InlineData(2, 5)]
    [InlineData(6, 7)]
    [InlineData(8, 8)]
    [InlineData(3, 9)]
    [InlineData(8, 12)]
    [InlineData(7, 17)]
    public void Assign_labels_every_row_with_the_nearest_centroid_and_sums_exactly_those_distances(
        int columns,
        int clusters
    )
    {
        var (x, centroids) = RandomProblem(1_000, columns, clusters, seed: (ulong)(columns * 100 + clusters));
        var labels = new int[x.Rows];

        var inertia = Lloyd.Assign(x, centroids, clusters, labels);

        var expected = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            Assert.Equal(Lloyd.Nearest(x.Row(i), centroids, clusters, out var distance), labels[i]);
            expected += distance;
        }
        Assert.Equal(expected, inertia, 9);
    }

    [Fact]
    public void Assign_gives_the_lowest_index_on_an_exact_tie()
    {
        var x = FeatureMatrix.FromRows(
            ["a"],
            [
                [0.0],
                [1.0],
            ]
        );
        var labels = new int[2];

        Lloyd.Assign(x, [-1.0, 1.0, -1.0, 1.0], 4, labels);

        Assert.Equal([0, 1], labels);
    }

    [Theory]
    [InlineData(6, 1, 5)]
    [InlineData(9, 2, 8)]
    [InlineData(12, 3, 11)]
    [InlineData(14, 0, 13)]
    public void Assign_gives_the_lowest_index_on_an_exact_tie_across_vectors_of_centroids(
        int clusters,
        int low,
        int high
    )
    {
        // Centroids `low` and `high` sit in different vectors of four; both are exactly at the row, the rest far away.
        var centroids = Enumerable.Range(0, clusters).Select(c => 100.0 + c).ToArray();
        centroids[low] = 0.5;
        centroids[high] = 0.5;
        var x = FeatureMatrix.FromRows(
            ["a"],
            [
                [0.5],
            ]
        );
        var labels = new int[1];

        Lloyd.Assign(x, centroids, clusters, labels);

        Assert.Equal(low, labels[0]);
    }

    [Fact]
    public void Assign_and_refine_are_bit_identical_on_one_thread_and_many()
    {
        var (x, start) = RandomProblem(20_000, 4, 6, seed: 5);
        var one = (double[])start.Clone();
        var many = (double[])start.Clone();
        var labelsOne = new int[x.Rows];
        var labelsMany = new int[x.Rows];

        var refinedOne = Lloyd.Refine(x, one, 6, labelsOne, 300, maxDegreeOfParallelism: 1);
        var refinedMany = Lloyd.Refine(x, many, 6, labelsMany, 300, maxDegreeOfParallelism: 4);

        Assert.Equal(refinedOne.Passes, refinedMany.Passes);
        Assert.Equal(
            BitConverter.DoubleToInt64Bits(refinedOne.Inertia),
            BitConverter.DoubleToInt64Bits(refinedMany.Inertia)
        );
        Assert.Equal(labelsOne, labelsMany);
        Assert.Equal(one, many);
        Assert.Equal(
            BitConverter.DoubleToInt64Bits(Lloyd.Assign(x, one, 6, null, 1)),
            BitConverter.DoubleToInt64Bits(Lloyd.Assign(x, many, 6, null, 4))
        );
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    [InlineData(5, 3)]
    [InlineData(9, 6)]
    public void Refine_stops_at_a_fixed_point_where_centroids_are_means_and_rows_are_nearest(int columns, int clusters)
    {
        // Column counts below, at and above a multiple of four: the refinement sums four columns at a time.
        var (x, centroids) = RandomProblem(5_000, columns, clusters, seed: (ulong)(9 + columns));
        var labels = new int[x.Rows];

        var (passes, inertia) = Lloyd.Refine(x, centroids, clusters, labels, 300);

        Assert.InRange(passes, 2, 299);
        Assert.Equal(Lloyd.Assign(x, centroids, clusters, null), inertia, 9);
        for (var c = 0; c < clusters; c++)
        {
            var members = Enumerable.Range(0, x.Rows).Where(i => labels[i] == c).ToArray();
            Assert.NotEmpty(members);
            for (var j = 0; j < columns; j++)
                Assert.Equal(members.Average(i => x[i, j]), centroids[c * columns + j], 9);
        }
        for (var i = 0; i < x.Rows; i++)
            Assert.Equal(Lloyd.Nearest(x.Row(i), centroids, clusters, out _), labels[i]);
    }
}
