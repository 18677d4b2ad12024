using Segmentation.Features;
using Segmentation.Metrics;
using Segmentation.Tests.Validation;
using Segmentation.Validation;

namespace Segmentation.Tests.Metrics;

public sealed class ClusterQualityTests
{
    public static TheoryData<string> InternalMetrics =>
        new() { "silhouette", "calinski_harabasz", "davies_bouldin", "inertia" };

    private static double Compute(string metric, FeatureMatrix x, int[] labels) =>
        metric switch
        {
            "silhouette" => ClusterQuality.Silhouette(x, labels),
            "calinski_harabasz" => ClusterQuality.CalinskiHarabaszIndex(x, labels),
            "davies_bouldin" => ClusterQuality.DaviesBouldinIndex(x, labels),
            "inertia" => ClusterQuality.Inertia(x, labels),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
        };

    /// <summary>The documented range of each index.</summary>
    private static (double Low, double High) Range(string metric) =>
        metric switch
        {
            "silhouette" => (-1, 1),
            _ => (0, double.PositiveInfinity),
        };

    [Theory]
    [MemberData(nameof(InternalMetrics))]
    public void Internal_metrics_do_not_depend_on_how_clusters_are_numbered(string metric)
    {
        var x = ReferenceData.X;
        var labels = ReferenceData.Labels("predicted");
        // 0→103, 1→-7, 2→42, 3→0: a permutation of the clusters and arbitrary, even negative, ints.
        int[] map = [103, -7, 42, 0];
        var renamed = labels.Select(l => map[l]).ToArray();

        Tolerance.AssertClose(Compute(metric, x, labels), Compute(metric, x, renamed));
    }

    [Theory]
    [MemberData(nameof(InternalMetrics))]
    public void Internal_metrics_reject_NaN_features_naming_the_row(string metric)
    {
        var values = ReferenceData.X.Values.ToArray();
        values[3 * 4 + 1] = double.NaN;
        var x = new FeatureMatrix(ReferenceData.X.Columns, values);

        var error = Assert.Throws<OptionsException>(() => Compute(metric, x, ReferenceData.Labels("truth")));
        Assert.Contains("row 3", error.Message);
        Assert.Contains("NaN", error.Message);
    }

    [Theory]
    [MemberData(nameof(InternalMetrics))]
    public void Internal_metrics_stay_in_their_documented_range_on_random_labellings(string metric)
    {
        var (low, high) = Range(metric);
        for (ulong seed = 1; seed <= 8; seed++)
        {
            var x = TestClustering.Uniform(60, 3, seed);
            var random = new Segmentation.Common.SeededRandom(seed + 100);
            var k = 2 + (int)(seed % 4);
            var labels = Enumerable.Range(0, 60).Select(i => i < k ? i : random.NextInt(k)).ToArray();

            var value = Compute(metric, x, labels);

            Assert.True(
                double.IsFinite(value) && value >= low && value <= high,
                $"{metric}={value} outside [{low}, {high}] for seed {seed}"
            );
        }
    }

    [Theory]
    [MemberData(nameof(InternalMetrics))]
    public void Internal_metrics_reject_labels_of_the_wrong_length(string metric)
    {
        var error = Assert.Throws<OptionsException>(() => Compute(metric, ReferenceData.X, [0, 1, 0]));
        Assert.Contains("labels=3 must equal rows=200", error.Message);
    }

    // Hand fixture: A = {p0 (0,0), p1 (0,2)}, B = {p2 (3,0), p3 (3,4)}.
    // Distances: p0p1 = 2, p2p3 = 4, p0p2 = 3, p0p3 = 5, p1p2 = √(9+4) = √13, p1p3 = √(9+4) = √13.
    private static readonly FeatureMatrix Four = FeatureMatrix.FromRows(
        ["x", "y"],
        [
            [0, 0],
            [0, 2],
            [3, 0],
            [3, 4],
        ]
    );
    private static readonly int[] FourLabels = [0, 0, 1, 1];

    [Fact]
    public void Silhouette_matches_the_hand_computed_four_point_value()
    {
        // p0: a = 2, b = (3 + 5)/2 = 4            → s = (4 − 2)/4 = 0.5
        // p1: a = 2, b = (√13 + √13)/2 = √13      → s = (√13 − 2)/√13
        // p2: a = 4, b = (3 + √13)/2 ≈ 3.303      → s = (b − 4)/4 (negative: p2 is nearer A)
        // p3: a = 4, b = (5 + √13)/2 ≈ 4.303      → s = (b − 4)/b
        var r13 = Math.Sqrt(13);
        var b2 = (3 + r13) / 2;
        var b3 = (5 + r13) / 2;
        var expected = (0.5 + (r13 - 2) / r13 + (b2 - 4) / 4 + (b3 - 4) / b3) / 4;

        Tolerance.AssertClose(expected, ClusterQuality.Silhouette(Four, FourLabels), 1e-15);
    }

    [Fact]
    public void Calinski_Harabasz_matches_the_hand_computed_four_point_value()
    {
        // Centroids μA = (0,1), μB = (3,2); grand mean (1.5,1.5).
        // Between SS = 2·‖(−1.5,−0.5)‖² + 2·‖(1.5,0.5)‖² = 2·2.5 + 2·2.5 = 10.
        // Within SS = (1 + 1) + (4 + 4) = 10.  CH = (10/(2−1)) / (10/(4−2)) = 2.
        Tolerance.AssertClose(2.0, ClusterQuality.CalinskiHarabaszIndex(Four, FourLabels), 1e-15);
    }

    [Fact]
    public void Davies_Bouldin_matches_the_hand_computed_four_point_value()
    {
        // S_A = mean distance to μA = (1 + 1)/2 = 1; S_B = (2 + 2)/2 = 2; ‖μA − μB‖ = √(9 + 1) = √10.
        // R_AB = (1 + 2)/√10 for both clusters → DB = 3/√10.
        Tolerance.AssertClose(3 / Math.Sqrt(10), ClusterQuality.DaviesBouldinIndex(Four, FourLabels), 1e-15);
    }

    [Fact]
    public void Inertia_matches_the_hand_computed_four_point_value()
    {
        // Within SS = ‖p0−μA‖² + ‖p1−μA‖² + ‖p2−μB‖² + ‖p3−μB‖² = 1 + 1 + 4 + 4 = 10.
        Assert.Equal(10.0, ClusterQuality.Inertia(Four, FourLabels));
    }

    [Fact]
    public void Silhouette_counts_a_singleton_cluster_as_zero()
    {
        // 1-D points 0, 1 (cluster 0) and 10 (alone): s0 = (10 − 1)/10 = 0.9, s1 = (9 − 1)/9 = 8/9, s2 = 0.
        var x = FeatureMatrix.FromRows(
            ["x"],
            [
                [0],
                [1],
                [10],
            ]
        );

        var samples = ClusterQuality.SilhouetteSamples(x, [0, 0, 1], null, out var rows);

        Assert.Equal([0, 1, 2], rows);
        Tolerance.AssertClose(0.9, samples[0], 1e-15);
        Tolerance.AssertClose(8.0 / 9.0, samples[1], 1e-15);
        Assert.Equal(0.0, samples[2]);
    }

    public static TheoryData<string, string> ScikitLearnValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var metric in new[] { "silhouette", "calinski_harabasz", "davies_bouldin" })
        {
            foreach (var labels in new[] { "truth", "predicted", "singleton" })
                data.Add(metric, labels);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ScikitLearnValues))]
    public void Internal_metrics_agree_with_scikit_learn_to_1e_9(string metric, string labels)
    {
        var expected = ReferenceData.Value(metric, labels);

        var actual = Compute(metric, ReferenceData.X, ReferenceData.Labels(labels));

        Tolerance.AssertClose(expected, actual, 1e-9);
    }

    [Fact]
    public void Silhouette_is_bit_identical_for_one_and_many_threads()
    {
        var (x, _) = TestClustering.Blobs(TestClustering.Square(3), 300, 1.5, 5);
        var labels = TestClustering.KMeans(x, 5, 1).Labels;

        var one = ClusterQuality.SilhouetteSamples(
            x,
            labels,
            new SilhouetteOptions { MaxDegreeOfParallelism = 1 },
            out _
        );
        var three = ClusterQuality.SilhouetteSamples(
            x,
            labels,
            new SilhouetteOptions { MaxDegreeOfParallelism = 3 },
            out _
        );
        var all = ClusterQuality.SilhouetteSamples(x, labels, new SilhouetteOptions(), out _);

        Assert.Equal(one.Select(BitConverter.DoubleToInt64Bits), three.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(one.Select(BitConverter.DoubleToInt64Bits), all.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(
            BitConverter.DoubleToInt64Bits(
                ClusterQuality.Silhouette(x, labels, new SilhouetteOptions { MaxDegreeOfParallelism = 1 })
            ),
            BitConverter.DoubleToInt64Bits(ClusterQuality.Silhouette(x, labels))
        );
    }

    [Fact]
    public void Silhouette_samples_agree_with_a_naive_pairwise_computation()
    {
        // 1 203 rows: several row blocks, column chunks and vector tails.
        var (x, _) = TestClustering.Blobs(
            [
                [0, 0, 0],
                [4, 0, 1],
                [0, 5, 2],
            ],
            401,
            2.0,
            9
        );
        var labels = TestClustering.KMeans(x, 3, 2).Labels;

        var samples = ClusterQuality.SilhouetteSamples(x, labels, null, out _);

        foreach (var i in new[] { 0, 1, 63, 64, 600, 1202 })
        {
            var sums = new double[3];
            var counts = new int[3];
            for (var j = 0; j < x.Rows; j++)
            {
                var squared = 0.0;
                for (var f = 0; f < 3; f++)
                    squared += (x[i, f] - x[j, f]) * (x[i, f] - x[j, f]);
                sums[labels[j]] += Math.Sqrt(squared);
                counts[labels[j]]++;
            }
            var a = sums[labels[i]] / (counts[labels[i]] - 1);
            var b = Enumerable.Range(0, 3).Where(c => c != labels[i]).Min(c => sums[c] / counts[c]);
            Tolerance.AssertClose((b - a) / Math.Max(a, b), samples[i], 1e-12);
        }
    }

    [Fact]
    public void Silhouette_sample_keeps_every_label_share_and_is_close_to_exact()
    {
        var (x, planted) = TestClustering.Blobs(
            [
                [0, 0],
                [5, 0],
                [0, 5],
            ],
            400,
            1.5,
            3
        );
        // Unequal clusters: relabel a quarter of cluster 2 as cluster 1.
        var labels = planted.Select((l, i) => l == 2 && i % 4 == 0 ? 1 : l).ToArray();
        var options = new SilhouetteOptions { SampleSize = 300, Seed = 7 };

        var samples = ClusterQuality.SilhouetteSamples(x, labels, options, out var rows);
        var sampled = ClusterQuality.Silhouette(x, labels, options);
        var exact = ClusterQuality.Silhouette(x, labels);

        Assert.Equal(300, rows.Length);
        Assert.Equal(300, samples.Length);
        Assert.Equal(rows.Order(), rows);
        for (var c = 0; c < 3; c++)
        {
            var expectedShare = labels.Count(l => l == c) * 300.0 / labels.Length;
            Assert.InRange(rows.Count(r => labels[r] == c), Math.Floor(expectedShare), Math.Ceiling(expectedShare));
        }
        Assert.Equal(sampled, ClusterQuality.Silhouette(x, labels, options));
        Assert.NotEqual(sampled, ClusterQuality.Silhouette(x, labels, options with { Seed = 8 }));
        Assert.InRange(sampled, exact - 0.05, exact + 0.05);
    }

    [Fact]
    public void Silhouette_needs_between_two_and_rows_minus_one_clusters()
    {
        var one = Assert.Throws<OptionsException>(() => ClusterQuality.Silhouette(Four, [5, 5, 5, 5]));
        var each = Assert.Throws<OptionsException>(() => ClusterQuality.Silhouette(Four, [0, 1, 2, 3]));
        var threads = Assert.Throws<OptionsException>(() =>
            ClusterQuality.Silhouette(Four, FourLabels, new SilhouetteOptions { MaxDegreeOfParallelism = 0 })
        );

        Assert.Contains("clusters=1 must be >= 2", one.Message);
        Assert.Contains("clusters=4 must be <= rows-1=3", each.Message);
        Assert.Contains("maxDegreeOfParallelism=0", threads.Message);
    }
}
