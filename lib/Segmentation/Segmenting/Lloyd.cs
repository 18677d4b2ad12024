using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// Lloyd's k-means steps in double precision, single-threaded and summed in row order (bit-identical on every
/// machine). Centroids are flat row-major arrays of <c>k × d</c>.
/// </summary>
internal static class Lloyd
{
    /// <summary>Squared Euclidean distance, summed over columns in order.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> row, ReadOnlySpan<double> centroid)
    {
        var sum = 0.0;
        for (var j = 0; j < row.Length; j++)
        {
            var difference = row[j] - centroid[j];
            sum += difference * difference;
        }
        return sum;
    }

    /// <summary>Index of the nearest centroid (the lowest index on exact ties).</summary>
    public static int Nearest(ReadOnlySpan<double> row, ReadOnlySpan<double> centroids, int clusters, out double distance)
    {
        var d = row.Length;
        var best = 0;
        distance = double.PositiveInfinity;
        for (var c = 0; c < clusters; c++)
        {
            var candidate = SquaredDistance(row, centroids.Slice(c * d, d));
            if (candidate < distance)
            {
                distance = candidate;
                best = c;
            }
        }
        return best;
    }

    /// <summary>Assigns every row to its nearest centroid; returns the inertia (sum of squared distances).</summary>
    public static double Assign(FeatureMatrix x, ReadOnlySpan<double> centroids, int clusters, int[] labels)
    {
        var inertia = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            labels[i] = Nearest(x.Row(i), centroids, clusters, out var distance);
            inertia += distance;
        }
        return inertia;
    }

    /// <summary>Moves every centroid to the mean of its rows; a centroid with no row stays where it is.</summary>
    public static void UpdateCentroids(FeatureMatrix x, int[] labels, double[] centroids, int clusters)
    {
        var d = x.ColumnCount;
        var sums = new double[clusters * d];
        var counts = new int[clusters];
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            var offset = labels[i] * d;
            for (var j = 0; j < d; j++) sums[offset + j] += row[j];
            counts[labels[i]]++;
        }
        for (var c = 0; c < clusters; c++)
        {
            if (counts[c] == 0) continue;
            for (var j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j] / counts[c];
        }
    }

    /// <summary>
    /// Runs Lloyd iterations from <paramref name="centroids"/> until no row changes cluster (or
    /// <paramref name="maxIterations"/>); leaves the final centroids and labels in place and returns the
    /// number of assignment passes. At convergence the centroids are the means of their rows and every row is
    /// assigned to its nearest centroid.
    /// </summary>
    public static int Refine(FeatureMatrix x, double[] centroids, int clusters, int[] labels, int maxIterations) =>
        UntilStable(labels, maxIterations, () => Assign(x, centroids, clusters, labels), () => UpdateCentroids(x, labels, centroids, clusters));

    /// <summary>
    /// The alternation shared by k-means and k-prototypes: <paramref name="assign"/> (fills <paramref name="labels"/>),
    /// then <paramref name="update"/> and <paramref name="assign"/> again until no label changes or
    /// <paramref name="maxIterations"/> assignment passes ran; returns the number of passes.
    /// </summary>
    public static int UntilStable(int[] labels, int maxIterations, Action assign, Action update)
    {
        assign();
        var previous = new int[labels.Length];
        var iterations = 1;
        while (iterations < maxIterations)
        {
            labels.CopyTo(previous, 0);
            update();
            assign();
            iterations++;
            if (labels.AsSpan().SequenceEqual(previous)) break;
        }
        return iterations;
    }

    /// <summary>Number of rows in each cluster.</summary>
    public static int[] Sizes(ReadOnlySpan<int> labels, int clusters)
    {
        var sizes = new int[clusters];
        foreach (var label in labels) sizes[label]++;
        return sizes;
    }
}
