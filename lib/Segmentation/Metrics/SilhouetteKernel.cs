using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Segmentation.Features;

namespace Segmentation.Metrics;

/// <summary>
/// Exact silhouette values, blockwise: rows are sorted by label and copied column-major, so the
/// distances from one row to one cluster are a contiguous, vectorised sum. Memory is O(n·d + n);
/// no n×n matrix exists. Every row's sums are computed by one task in a fixed order (cluster by
/// cluster, chunks aligned to the cluster start), so the values do not depend on the thread count
/// nor on how the clusters are numbered. Vector256 has four lanes on every machine and the
/// multiply–adds are explicitly fused (exactly, in hardware or software), so the bits do not depend on the CPU either.
/// </summary>
internal static class SilhouetteKernel
{
    private const int RowBlock = 64;
    private const int ColumnChunk = 2048;

    /// <summary>Silhouette of every row (original order); singletons and a = b = 0 give 0 (scikit-learn).</summary>
    public static double[] Samples(FeatureMatrix x, int[] codes, int clusters, int maxDegreeOfParallelism)
    {
        var n = x.Rows;
        var d = x.ColumnCount;

        // Stable counting sort by code: sorted position p holds original row order[p].
        var starts = new int[clusters + 1];
        foreach (var c in codes)
            starts[c + 1]++;
        for (var c = 0; c < clusters; c++)
            starts[c + 1] += starts[c];
        var order = new int[n];
        var cursor = (int[])starts.Clone();
        for (var i = 0; i < n; i++)
            order[cursor[codes[i]]++] = i;

        var columns = new double[d * n];
        var values = x.Values;
        for (var p = 0; p < n; p++)
        {
            var row = order[p] * d;
            for (var f = 0; f < d; f++)
                columns[f * n + p] = values[row + f];
        }

        var samples = new double[n];
        var blocks = (n + RowBlock - 1) / RowBlock;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        Parallel.For(
            0,
            blocks,
            parallel,
            () => new double[RowBlock * clusters],
            (block, _, sums) =>
            {
                Array.Clear(sums);
                var p0 = block * RowBlock;
                var p1 = Math.Min(n, p0 + RowBlock);
                for (var c = 0; c < clusters; c++)
                {
                    for (var j0 = starts[c]; j0 < starts[c + 1]; j0 += ColumnChunk)
                    {
                        var j1 = Math.Min(starts[c + 1], j0 + ColumnChunk);
                        var p = p0;
                        for (; p + 4 <= p1; p += 4)
                            SumDistancesFour(columns, n, d, p, j0, j1, sums, (p - p0) * clusters + c, clusters);
                        for (; p < p1; p++)
                            sums[(p - p0) * clusters + c] += SumDistances(columns, n, d, p, j0, j1);
                    }
                }
                for (var p = p0; p < p1; p++)
                {
                    var own = codes[order[p]];
                    var size = starts[own + 1] - starts[own];
                    var row = sums.AsSpan((p - p0) * clusters, clusters);
                    samples[order[p]] = size <= 1 ? 0.0 : Coefficient(row, own, size, starts);
                }
                return sums;
            },
            _ => { }
        );
        return samples;
    }

    private static double Coefficient(ReadOnlySpan<double> sums, int own, int size, int[] starts)
    {
        var a = sums[own] / (size - 1);
        var b = double.PositiveInfinity;
        for (var c = 0; c < sums.Length; c++)
        {
            if (c == own)
                continue;
            var mean = sums[c] / (starts[c + 1] - starts[c]);
            if (mean < b)
                b = mean;
        }
        var denominator = Math.Max(a, b);
        return denominator == 0 ? 0.0 : (b - a) / denominator;
    }

    /// <summary>Σ over sorted positions j in [j0, j1) of ‖x_p − x_j‖.</summary>
    private static double SumDistances(double[] columns, int n, int d, int p, int j0, int j1)
    {
        ref var origin = ref MemoryMarshal.GetArrayDataReference(columns);
        var acc = Vector256<double>.Zero;
        var j = j0;
        for (; j + 4 <= j1; j += 4)
        {
            var squared = Vector256<double>.Zero;
            for (var f = 0; f < d; f++)
            {
                var column = f * n;
                var diff =
                    Vector256.LoadUnsafe(ref origin, (nuint)(column + j))
                    - Vector256.Create(Unsafe.Add(ref origin, column + p));
                squared = Vector256.FusedMultiplyAdd(diff, diff, squared);
            }
            acc += Vector256.Sqrt(squared);
        }
        var sum = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        for (; j < j1; j++)
            sum += ScalarDistance(columns, n, d, p, j);
        return sum;
    }

    /// <summary>The same sums for rows p..p+3 at once (each row's arithmetic is identical to
    /// <see cref="SumDistances"/>).</summary>
    private static void SumDistancesFour(
        double[] columns,
        int n,
        int d,
        int p,
        int j0,
        int j1,
        double[] sums,
        int at,
        int stride
    )
    {
        ref var origin = ref MemoryMarshal.GetArrayDataReference(columns);
        var acc0 = Vector256<double>.Zero;
        var acc1 = Vector256<double>.Zero;
        var acc2 = Vector256<double>.Zero;
        var acc3 = Vector256<double>.Zero;
        var j = j0;
        for (; j + 4 <= j1; j += 4)
        {
            var sq0 = Vector256<double>.Zero;
            var sq1 = Vector256<double>.Zero;
            var sq2 = Vector256<double>.Zero;
            var sq3 = Vector256<double>.Zero;
            for (var f = 0; f < d; f++)
            {
                var column = f * n;
                var other = Vector256.LoadUnsafe(ref origin, (nuint)(column + j));
                ref var self = ref Unsafe.Add(ref origin, column + p);
                var d0 = other - Vector256.Create(self);
                var d1 = other - Vector256.Create(Unsafe.Add(ref self, 1));
                var d2 = other - Vector256.Create(Unsafe.Add(ref self, 2));
                var d3 = other - Vector256.Create(Unsafe.Add(ref self, 3));
                sq0 = Vector256.FusedMultiplyAdd(d0, d0, sq0);
                sq1 = Vector256.FusedMultiplyAdd(d1, d1, sq1);
                sq2 = Vector256.FusedMultiplyAdd(d2, d2, sq2);
                sq3 = Vector256.FusedMultiplyAdd(d3, d3, sq3);
            }
            acc0 += Vector256.Sqrt(sq0);
            acc1 += Vector256.Sqrt(sq1);
            acc2 += Vector256.Sqrt(sq2);
            acc3 += Vector256.Sqrt(sq3);
        }
        var s0 = (acc0.GetElement(0) + acc0.GetElement(1)) + (acc0.GetElement(2) + acc0.GetElement(3));
        var s1 = (acc1.GetElement(0) + acc1.GetElement(1)) + (acc1.GetElement(2) + acc1.GetElement(3));
        var s2 = (acc2.GetElement(0) + acc2.GetElement(1)) + (acc2.GetElement(2) + acc2.GetElement(3));
        var s3 = (acc3.GetElement(0) + acc3.GetElement(1)) + (acc3.GetElement(2) + acc3.GetElement(3));
        for (; j < j1; j++)
        {
            s0 += ScalarDistance(columns, n, d, p, j);
            s1 += ScalarDistance(columns, n, d, p + 1, j);
            s2 += ScalarDistance(columns, n, d, p + 2, j);
            s3 += ScalarDistance(columns, n, d, p + 3, j);
        }
        sums[at] += s0;
        sums[at + stride] += s1;
        sums[at + 2 * stride] += s2;
        sums[at + 3 * stride] += s3;
    }

    private static double ScalarDistance(double[] columns, int n, int d, int p, int j)
    {
        var squared = 0.0;
        for (var f = 0; f < d; f++)
        {
            var diff = columns[f * n + j] - columns[f * n + p];
            squared = Math.FusedMultiplyAdd(diff, diff, squared);
        }
        return Math.Sqrt(squared);
    }
}
