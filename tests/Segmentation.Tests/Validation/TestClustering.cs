using Segmentation.Common;
using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Tests.Validation;

/// <summary>
/// Test-only helpers: a plain Lloyd k-means (k-means++ seeding, a few restarts, lowest inertia kept)
/// used as the clusterer delegate of the stability and k-scan tests, and planted-structure data.
/// Deliberately independent of the library's clustering code.
/// </summary>
internal static class TestClustering
{
    public static ClusteringRun KMeans(FeatureMatrix x, int k, ulong seed, int restarts = 4)
    {
        ClusteringRun? best = null;
        for (var r = 0; r < restarts; r++)
        {
            var run = Lloyd(x, k, SeededRandom.Fork(seed, (ulong)r));
            if (best is null || run.Inertia < best.Inertia)
                best = run;
        }
        return best!;
    }

    private static ClusteringRun Lloyd(FeatureMatrix x, int k, SeededRandom random)
    {
        int n = x.Rows,
            d = x.ColumnCount;
        var centers = new double[k * d];
        // k-means++ seeding.
        x.Row(random.NextInt(n)).CopyTo(centers.AsSpan(0, d));
        var nearest = new double[n];
        for (var c = 1; c < k; c++)
        {
            for (var i = 0; i < n; i++)
            {
                nearest[i] = double.PositiveInfinity;
                for (var j = 0; j < c; j++)
                    nearest[i] = Math.Min(nearest[i], Squared(x.Row(i), centers.AsSpan(j * d, d)));
            }
            x.Row(random.NextWeighted(nearest)).CopyTo(centers.AsSpan(c * d, d));
        }
        var labels = new int[n];
        for (var iteration = 0; iteration < 100; iteration++)
        {
            var changed = false;
            for (var i = 0; i < n; i++)
            {
                var best = 0;
                var bestDistance = double.PositiveInfinity;
                for (var c = 0; c < k; c++)
                {
                    var distance = Squared(x.Row(i), centers.AsSpan(c * d, d));
                    if (distance < bestDistance)
                        (best, bestDistance) = (c, distance);
                }
                changed |= labels[i] != best;
                labels[i] = best;
            }
            var sums = new double[k * d];
            var counts = new int[k];
            for (var i = 0; i < n; i++)
            {
                counts[labels[i]]++;
                var row = x.Row(i);
                for (var f = 0; f < d; f++)
                    sums[labels[i] * d + f] += row[f];
            }
            for (var c = 0; c < k; c++)
                if (counts[c] > 0)
                    for (var f = 0; f < d; f++)
                        centers[c * d + f] = sums[c * d + f] / counts[c];
            if (!changed && iteration > 0)
                break;
        }
        var inertia = 0.0;
        for (var i = 0; i < n; i++)
            inertia += Squared(x.Row(i), centers.AsSpan(labels[i] * d, d));
        return new ClusteringRun(labels, inertia);
    }

    private static double Squared(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var f = 0; f < a.Length; f++)
            sum += (a[f] - b[f]) * (a[f] - b[f]);
        return sum;
    }

    /// <summary>Gaussian blobs around the given centers (perCluster rows each), with the planted labels.</summary>
    public static (FeatureMatrix X, int[] Labels) Blobs(
        double[][] centers,
        int perCluster,
        double standardDeviation,
        ulong seed
    )
    {
        var random = new SeededRandom(seed);
        var d = centers[0].Length;
        var rows = new List<double[]>();
        var labels = new List<int>();
        for (var c = 0; c < centers.Length; c++)
        {
            for (var i = 0; i < perCluster; i++)
            {
                rows.Add(centers[c].Select(m => random.NextGaussian(m, standardDeviation)).ToArray());
                labels.Add(c);
            }
        }
        return (FeatureMatrix.FromRows(Columns(d), rows), labels.ToArray());
    }

    /// <summary>Rows uniform in the unit cube.</summary>
    public static FeatureMatrix Uniform(int rows, int columns, ulong seed)
    {
        var random = new SeededRandom(seed);
        var values = new double[rows * columns];
        for (var i = 0; i < values.Length; i++)
            values[i] = random.NextDouble();
        return new FeatureMatrix(Columns(columns), values);
    }

    public static string[] Columns(int d) => Enumerable.Range(1, d).Select(f => $"x{f}").ToArray();

    /// <summary>The four corners of a square of the given side, as blob centers in two dimensions.</summary>
    public static double[][] Square(double side) =>
        [
            [0, 0],
            [side, 0],
            [0, side],
            [side, side],
        ];
}
