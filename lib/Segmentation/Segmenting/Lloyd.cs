using System.Numerics;
using System.Runtime.Intrinsics;
using Segmentation.Common;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// Lloyd's k-means steps in double precision, summed in a fixed order (bit-identical on every machine and for any
/// number of threads). Centroids are flat row-major arrays of <c>k × d</c>.
/// </summary>
internal static class Lloyd
{
    /// <summary>Index of the nearest centroid (the lowest index on exact ties).</summary>
    public static int Nearest(
        ReadOnlySpan<double> row,
        ReadOnlySpan<double> centroids,
        int clusters,
        out double distance
    )
    {
        var d = row.Length;
        var best = 0;
        distance = double.PositiveInfinity;
        for (var c = 0; c < clusters; c++)
        {
            var candidate = VectorMath.SquaredDistance(row, centroids.Slice(c * d, d));
            if (candidate < distance)
            {
                distance = candidate;
                best = c;
            }
        }
        return best;
    }

    /// <summary>
    /// Assigns every row to its nearest centroid (into <paramref name="labels"/>, unless null); returns the inertia
    /// (sum of squared distances). Each distance is the same double <see cref="VectorMath.SquaredDistance"/> computes —
    /// the vector lanes hold different centroids and sum the columns in order — so labels equal
    /// <see cref="Nearest"/>'s. Rows are processed in fixed blocks whose partial inertias are added in block order, so
    /// the result does not depend on <paramref name="maxDegreeOfParallelism"/>.
    /// </summary>
    public static double Assign(
        FeatureMatrix x,
        ReadOnlySpan<double> centroids,
        int clusters,
        int[]? labels,
        int maxDegreeOfParallelism = 1
    ) => AssignAndSum(x, centroids, clusters, labels, sums: null, maxDegreeOfParallelism).Inertia;

    /// <summary>
    /// <see cref="Assign"/>, and when <paramref name="sums"/> is given, also the per-cluster column sums and row
    /// counts of the new assignment (what the next centroid update needs, so a Lloyd iteration reads the data once).
    /// Every block sums its own rows in order and blocks are added in block order, so sums, counts, inertia and the
    /// number of rows whose label changed do not depend on <paramref name="maxDegreeOfParallelism"/>.
    /// </summary>
    private static (double Inertia, long Changed) AssignAndSum(
        FeatureMatrix x,
        ReadOnlySpan<double> centroids,
        int clusters,
        int[]? labels,
        ClusterSums? sums,
        int maxDegreeOfParallelism
    )
    {
        var table = Transpose(centroids, clusters, x.ColumnCount);
        var blocks = (x.Rows + AssignBlock - 1) / AssignBlock;
        var partial = new BlockResult[blocks];
        if (maxDegreeOfParallelism == 1 || blocks == 1)
        {
            for (var b = 0; b < blocks; b++)
                partial[b] = AssignBlockOf(x, table, clusters, labels, sums is not null, b);
        }
        else
        {
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, b =>
                partial[b] = AssignBlockOf(x, table, clusters, labels, sums is not null, b)
            );
        }
        var inertia = 0.0;
        var changed = 0L;
        sums?.Clear();
        foreach (var block in partial)
        {
            inertia += block.Inertia;
            changed += block.Changed;
            sums?.Add(block.Sums!, block.Counts!);
        }
        return (inertia, changed);
    }

    private const int AssignBlock = 4096;

    /// <summary>One block's share: inertia, rows whose label changed, and (when asked) per-cluster sums and
    /// counts.</summary>
    private readonly record struct BlockResult(double Inertia, long Changed, double[]? Sums, long[]? Counts);

    /// <summary>Per-cluster column sums (<c>k × d</c>, row-major) and row counts.</summary>
    private sealed class ClusterSums(int clusters, int d)
    {
        public double[] Sums { get; } = new double[clusters * d];
        public long[] Counts { get; } = new long[clusters];

        public void Clear()
        {
            Array.Clear(Sums);
            Array.Clear(Counts);
        }

        public void Add(double[] sums, long[] counts)
        {
            for (var i = 0; i < sums.Length; i++)
                Sums[i] += sums[i];
            for (var c = 0; c < counts.Length; c++)
                Counts[c] += counts[c];
        }

        /// <summary>Moves every centroid to the mean of its rows; a centroid with no row stays where it is.</summary>
        public void MoveCentroids(double[] centroids, int d)
        {
            for (var c = 0; c < Counts.Length; c++)
            {
                if (Counts[c] == 0)
                    continue;
                for (var j = 0; j < d; j++)
                    centroids[c * d + j] = Sums[c * d + j] / Counts[c];
            }
        }
    }

    /// <summary>Centroids per vector: how many centroids one <see cref="Vector256{T}"/> of doubles holds.</summary>
    private const int Lanes = 4;

    /// <summary>
    /// Centroids as vectors of <see cref="Lanes"/> centroids each, column by column: <c>table[j * groups + g]</c> holds
    /// column j of centroids g·Lanes … g·Lanes + Lanes − 1 (padding lanes are 0).
    /// </summary>
    private static Vector256<double>[] Transpose(ReadOnlySpan<double> centroids, int clusters, int d)
    {
        var groups = (clusters + Lanes - 1) / Lanes;
        Span<double> lane = stackalloc double[Lanes];
        var table = new Vector256<double>[d * groups];
        for (var j = 0; j < d; j++)
        {
            for (var g = 0; g < groups; g++)
            {
                lane.Clear();
                for (var l = 0; l < Lanes && g * Lanes + l < clusters; l++)
                    lane[l] = centroids[(g * Lanes + l) * d + j];
                table[j * groups + g] = Vector256.Create<double>(lane);
            }
        }
        return table;
    }

    /// <summary>+∞ in the lanes of the last vector that hold no centroid, 0 elsewhere: added to its distances so they
    /// never win.</summary>
    private static Vector256<double> Padding(int clusters)
    {
        Span<double> lane = stackalloc double[Lanes];
        var used = clusters - (clusters - 1) / Lanes * Lanes;
        for (var l = used; l < Lanes; l++)
            lane[l] = double.PositiveInfinity;
        return Vector256.Create<double>(lane);
    }

    /// <summary>The smallest lane, broadcast to every lane.</summary>
    private static Vector256<double> MinimumOfLanes(Vector256<double> v)
    {
        v = Vector256.Min(v, Vector256.Shuffle(v, Vector256.Create(2L, 3L, 0L, 1L)));
        return Vector256.Min(v, Vector256.Shuffle(v, Vector256.Create(1L, 0L, 3L, 2L)));
    }

    /// <summary>The first lane (of vectors 0, 1, 2 in order) equal to <paramref name="minimum"/>, as a cluster
    /// index.</summary>
    private static int FirstAt(
        Vector256<double> minimum,
        Vector256<double> t0,
        Vector256<double> t1,
        Vector256<double> t2
    )
    {
        var bits =
            Vector256.Equals(t0, minimum).ExtractMostSignificantBits()
            | Vector256.Equals(t1, minimum).ExtractMostSignificantBits() << Lanes
            | Vector256.Equals(t2, minimum).ExtractMostSignificantBits() << (2 * Lanes);
        return BitOperations.TrailingZeroCount(bits);
    }

    private static BlockResult AssignBlockOf(
        FeatureMatrix x,
        Vector256<double>[] table,
        int clusters,
        int[]? labels,
        bool sum,
        int block
    )
    {
        var d = x.ColumnCount;
        var groups = table.Length / d;
        var values = x.Values;
        var padding = Padding(clusters);
        var infinity = Vector256.Create(double.PositiveInfinity);
        Span<double> distances = groups > 3 ? stackalloc double[groups * Lanes] : default;
        var sums = sum ? new double[clusters * d] : null;
        var counts = sum ? new long[clusters] : null;
        var first = block * AssignBlock;
        var last = Math.Min(x.Rows, first + AssignBlock);
        var inertia = 0.0;
        var changed = 0L;
        for (var i = first; i < last; i++)
        {
            var row = values.Slice(i * d, d);
            // Each lane adds its centroid's squared differences column by column, in order: the same double as
            // SquaredDistance. Up to three vectors of centroids (k ≤ 12) stay in registers, and the nearest centroid is
            // found without data-dependent branches: the smallest lane, then the first lane equal to it (the lowest
            // index on exact ties, like Nearest).
            int best;
            double distance;
            if (groups <= 3)
            {
                Vector256<double> t0 = Vector256<double>.Zero,
                    t1 = Vector256<double>.Zero,
                    t2 = Vector256<double>.Zero;
                for (var j = 0; j < d; j++)
                {
                    var value = Vector256.Create(row[j]);
                    var a = value - table[j * groups];
                    t0 += a * a;
                    if (groups > 1)
                    {
                        var b = value - table[j * groups + 1];
                        t1 += b * b;
                    }
                    if (groups > 2)
                    {
                        var c = value - table[j * groups + 2];
                        t2 += c * c;
                    }
                }
                switch (groups)
                {
                    case 1:
                        t0 += padding;
                        t1 = infinity;
                        t2 = infinity;
                        break;
                    case 2:
                        t1 += padding;
                        t2 = infinity;
                        break;
                    default:
                        t2 += padding;
                        break;
                }
                var minimum = MinimumOfLanes(Vector256.Min(t0, Vector256.Min(t1, t2)));
                best = FirstAt(minimum, t0, t1, t2);
                distance = minimum.ToScalar();
            }
            else
            {
                for (var g = 0; g < groups; g++)
                {
                    var total = Vector256<double>.Zero;
                    for (var j = 0; j < d; j++)
                    {
                        var a = Vector256.Create(row[j]) - table[j * groups + g];
                        total += a * a;
                    }
                    total.CopyTo(distances[(g * Lanes)..]);
                }
                best = 0;
                distance = distances[0];
                for (var c = 1; c < clusters; c++)
                {
                    if (distances[c] < distance)
                    {
                        distance = distances[c];
                        best = c;
                    }
                }
            }
            if (labels is not null)
            {
                if (labels[i] != best)
                    changed++;
                labels[i] = best;
            }
            if (sums is not null)
            {
                // Column sums four at a time: each lane still adds its column's rows in row order.
                var target = sums.AsSpan(best * d, d);
                var j = 0;
                for (; j + Lanes <= d; j += Lanes)
                    (Vector256.Create<double>(target[j..]) + Vector256.Create<double>(row[j..])).CopyTo(target[j..]);
                for (; j < d; j++)
                    target[j] += row[j];
                counts![best]++;
            }
            inertia += distance;
        }
        return new BlockResult(inertia, changed, sums, counts);
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
            for (var j = 0; j < d; j++)
                sums[offset + j] += row[j];
            counts[labels[i]]++;
        }
        for (var c = 0; c < clusters; c++)
        {
            if (counts[c] == 0)
                continue;
            for (var j = 0; j < d; j++)
                centroids[c * d + j] = sums[c * d + j] / counts[c];
        }
    }

    /// <summary>
    /// Runs Lloyd iterations from <paramref name="centroids"/> until no row changes cluster (or
    /// <paramref name="maxIterations"/>); leaves the final centroids and labels in place and returns the
    /// number of assignment passes and the inertia of the final centroids and labels. At convergence the centroids are
    /// the means of their rows and every row is assigned to its nearest centroid. Each iteration reads the data once:
    /// the assignment pass also sums the rows of every cluster for the next centroid update.
    /// </summary>
    public static (int Passes, double Inertia) Refine(
        FeatureMatrix x,
        double[] centroids,
        int clusters,
        int[] labels,
        int maxIterations,
        int maxDegreeOfParallelism = 1
    )
    {
        var d = x.ColumnCount;
        var sums = new ClusterSums(clusters, d);
        var (inertia, _) = AssignAndSum(x, centroids, clusters, labels, sums, maxDegreeOfParallelism);
        var passes = 1;
        while (passes < maxIterations)
        {
            sums.MoveCentroids(centroids, d);
            (inertia, var changed) = AssignAndSum(x, centroids, clusters, labels, sums, maxDegreeOfParallelism);
            passes++;
            if (changed == 0)
                break;
        }
        return (passes, inertia);
    }

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
            if (labels.AsSpan().SequenceEqual(previous))
                break;
        }
        return iterations;
    }

    /// <summary>Number of rows in each cluster.</summary>
    public static int[] Sizes(ReadOnlySpan<int> labels, int clusters)
    {
        var sizes = new int[clusters];
        foreach (var label in labels)
            sizes[label]++;
        return sizes;
    }
}
