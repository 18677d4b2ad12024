using Segmentation.Common;
using Segmentation.Features;

namespace Segmentation.Tests.Segmenting;

/// <summary>Planted-structure data and a small agreement measure, local to these tests.</summary>
internal static class SegmentingFixtures
{
    /// <summary>Gaussian blobs of equal size around the given centres (sd per coordinate), rows interleaved.</summary>
    public static (FeatureMatrix Matrix, int[] Truth) Blobs(double[][] centres, int perBlob, double sd, ulong seed)
    {
        var random = new SeededRandom(seed);
        var d = centres[0].Length;
        var rows = new List<double[]>();
        var truth = new List<int>();
        for (var i = 0; i < perBlob; i++)
        {
            for (var b = 0; b < centres.Length; b++)
            {
                rows.Add(centres[b].Select(c => random.NextGaussian(c, sd)).ToArray());
                truth.Add(b);
            }
        }
        var columns = Enumerable.Range(0, d).Select(j => $"x{j}").ToArray();
        var keys = Enumerable.Range(0, rows.Count).Select(i => $"customer-{i:D5}").ToArray();
        return (FeatureMatrix.FromRows(columns, rows, keys), truth.ToArray());
    }

    /// <summary>Four well-separated blobs in three dimensions.</summary>
    public static (FeatureMatrix Matrix, int[] Truth) FourBlobs(int perBlob = 100, ulong seed = 7) =>
        Blobs(
            [
                [0, 0, 0],
                [6, 0, 0],
                [0, 6, 0],
                [0, 0, 6],
            ],
            perBlob,
            sd: 1.0,
            seed
        );

    /// <summary>Five overlapping blobs in two dimensions: the corners of a 2 × 2 square and its centre.</summary>
    public static double[][] SquareWithCentre() =>
        [
            [0, 0],
            [2, 0],
            [0, 2],
            [2, 2],
            [1, 1],
        ];

    /// <summary>Five blobs in three dimensions: the origin, a point on each axis at 3 and (2, 2, 2).</summary>
    public static double[][] AxesAndDiagonal() =>
        [
            [0, 0, 0],
            [3, 0, 0],
            [0, 3, 0],
            [0, 0, 3],
            [2, 2, 2],
        ];

    /// <summary>One column holding 1 to 5: too few rows for 7 clusters.</summary>
    public static FeatureMatrix OneToFive() =>
        FeatureMatrix.FromRows(
            ["a"],
            [
                [1.0],
                [2.0],
                [3.0],
                [4.0],
                [5.0],
            ]
        );

    /// <summary>Adjusted Rand index (Hubert–Arabie) from the contingency table.</summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        var pairs = new Dictionary<(int, int), long>();
        var rowsA = new Dictionary<int, long>();
        var rowsB = new Dictionary<int, long>();
        for (var i = 0; i < a.Count; i++)
        {
            pairs[(a[i], b[i])] = pairs.GetValueOrDefault((a[i], b[i])) + 1;
            rowsA[a[i]] = rowsA.GetValueOrDefault(a[i]) + 1;
            rowsB[b[i]] = rowsB.GetValueOrDefault(b[i]) + 1;
        }
        static double Choose2(long n) => n * (n - 1) / 2.0;
        var index = pairs.Values.Sum(Choose2);
        var sumA = rowsA.Values.Sum(Choose2);
        var sumB = rowsB.Values.Sum(Choose2);
        var expected = sumA * sumB / Choose2(a.Count);
        var maximum = (sumA + sumB) / 2;
        return (index - expected) / (maximum - expected);
    }
}
