using Segmentation.Features;
using Segmentation.Segmenting;
using Segmentation.Tests.Validation;

namespace Segmentation.Tests.Segmenting;

public sealed class KScanTests
{
    private static ClusteringRun KMeans(FeatureMatrix x, int k, ulong seed) => TestClustering.KMeans(x, k, seed);

    /// <summary>Scan options from k = 2 to <paramref name="kMax"/> with <paramref name="gapReferences"/> reference
    /// data sets (the scan's default seed unless given).</summary>
    internal static KScanOptions ScanOptions(int kMax, int gapReferences, ulong? seed = null)
    {
        var options = new KScanOptions
        {
            KMin = 2,
            KMax = kMax,
            GapReferences = gapReferences,
        };
        return seed is { } s ? options with { Seed = s } : options;
    }

    /// <summary>A fake clusterer: row i in cluster i mod k, inertia 100/k on the data <paramref name="x"/> and
    /// <paramref name="referenceInertia"/> on any other matrix (a reference data set).</summary>
    private static Func<FeatureMatrix, int, ulong, ClusteringRun> FakeClusterer(
        FeatureMatrix x,
        Func<FeatureMatrix, int, double> referenceInertia
    ) =>
        (m, k, _) =>
            new ClusteringRun(
                Enumerable.Range(0, m.Rows).Select(i => i % k).ToArray(),
                ReferenceEquals(m, x) ? 100.0 / k : referenceInertia(m, k)
            );

    [Fact]
    public void Four_planted_blobs_are_recommended_as_four_clusters_by_every_index()
    {
        var (x, _) = TestClustering.Blobs(TestClustering.Square(8), 50, 1.0, 1);

        var result = KScan.Run(x, ScanOptions(kMax: 8, gapReferences: 10, seed: 1), KMeans);

        Assert.Equal(4, result.Recommendation.K);
        Assert.Equal(
            ["silhouette", "calinskiHarabasz", "daviesBouldin", "gap", "elbow"],
            result.Recommendation.Votes.Select(v => v.Index)
        );
        Assert.All(result.Recommendation.Votes, v => Assert.Equal(4, v.K));
        Assert.Equal(5, result.Recommendation.VoteCount);
        Assert.Equal(Enumerable.Range(2, 7), result.PerK.Select(r => r.K));
        Assert.All(result.PerK, r => Assert.NotNull(r.Gap));
    }

    [Fact]
    public void A_single_gaussian_blob_has_no_clear_elbow()
    {
        var (x, _) = TestClustering.Blobs(
            [
                [0, 0],
            ],
            300,
            1.0,
            1
        );

        var result = KScan.Run(x, ScanOptions(kMax: 10, gapReferences: 0), KMeans);

        Assert.Null(result.ElbowK);
        Assert.Null(result.Recommendation.Votes.Single(v => v.Index == "elbow").K);
        Assert.InRange(result.ElbowDistance, 0, 0.5);
        Assert.Null(result.Recommendation.Votes.Single(v => v.Index == "gap").K);
        Assert.All(result.PerK, r => Assert.Null(r.Gap));
    }

    [Fact]
    public void Gap_statistic_is_the_mean_reference_log_inertia_minus_the_data_log_inertia()
    {
        // A fake clusterer: inertia 100/k on the data and (k + b) on reference data set b (b = 0, 1),
        // so the reference log W are log(k) and log(k + 1): mean (log k + log(k+1))/2,
        // sd = (log(k+1) − log k)/2 (population), s = sd·√(1 + 1/2).
        var x = TestClustering.Uniform(30, 2, 1);
        var references = new List<FeatureMatrix>();
        var fake = FakeClusterer(x, (m, k) =>
        {
            if (!references.Contains(m))
                references.Add(m);
            return k + references.IndexOf(m);
        });

        var result = KScan.Run(x, ScanOptions(kMax: 4, gapReferences: 2) with { PredictionStrength = null }, fake);

        foreach (var row in result.PerK)
        {
            var k = row.K;
            var mean = (Math.Log(k) + Math.Log(k + 1)) / 2;
            Assert.Equal(Math.Log(100.0 / k), row.LogW!.Value, 14);
            Assert.Equal(mean, row.ReferenceLogW!.Value, 14);
            Assert.Equal(mean - Math.Log(100.0 / k), row.Gap!.Value, 14);
            Assert.Equal((Math.Log(k + 1) - Math.Log(k)) / 2 * Math.Sqrt(1.5), row.GapStandardError!.Value, 14);
        }
    }

    [Fact]
    public void Capped_reference_sets_have_the_sample_size_and_the_data_log_inertia_is_taken_at_that_size()
    {
        // Data of 30 rows, references of 10: the data's W = 100/k is compared per row at 10 rows, log(100/k · 10/30).
        var x = TestClustering.Uniform(30, 2, 1);
        var referenceRows = new List<int>();
        var fake = FakeClusterer(x, (m, k) =>
        {
            referenceRows.Add(m.Rows);
            return k;
        });

        var result = KScan.Run(
            x,
            ScanOptions(kMax: 4, gapReferences: 2) with
            {
                GapSampleSize = 10,
                PredictionStrength = null,
            },
            fake
        );

        Assert.Equal(6, referenceRows.Count);
        Assert.All(referenceRows, rows => Assert.Equal(10, rows));
        foreach (var row in result.PerK)
        {
            Assert.Equal(Math.Log(100.0 / row.K * 10 / 30), row.LogW!.Value, 14);
            Assert.Equal(Math.Log(row.K) - Math.Log(100.0 / row.K * 10 / 30), row.Gap!.Value, 14);
        }
    }

    [Fact]
    public void A_gap_sample_at_least_as_large_as_the_data_changes_nothing()
    {
        var (x, _) = TestClustering.Blobs(
            [
                [0, 0],
                [8, 0],
                [4, 7],
            ],
            20,
            1.0,
            3
        );
        var options = ScanOptions(kMax: 5, gapReferences: 3, seed: 4);

        var uncapped = KScan.Run(x, options, KMeans);
        var capped = KScan.Run(x, options with { GapSampleSize = x.Rows }, KMeans);

        Assert.Equal(uncapped.ToJson(), capped.ToJson());
    }

    [Fact]
    public void Gap_rule_picks_the_smallest_k_within_one_standard_error_of_the_next_gap()
    {
        // gap(2) = 0.5 < gap(3) − s(3) = 0.8; gap(3) = 0.9 ≥ gap(4) − s(4) = 1.0 − 0.2 = 0.8 → k = 3.
        KScanRow Row(int k, double gap, double s) => new(k, k, 1, 0, 0, 0, 0, 0, gap, s);
        KScanRow[] rows = [Row(2, 0.5, 0.1), Row(3, 0.9, 0.1), Row(4, 1.0, 0.2), Row(5, 0.95, 0.1)];
        KScanRow[] rising = [Row(2, 0.1, 0.01), Row(3, 0.5, 0.01), Row(4, 0.9, 0.01)];

        Assert.Equal(3, KScan.GapRule(rows));
        Assert.Null(KScan.GapRule(rising));
    }

    [Fact]
    public void Kneedle_finds_the_knee_and_its_distance_below_the_chord()
    {
        // k = 2..6, inertia 100, 20, 15, 12, 10 → x = 0, ¼, ½, ¾, 1 and y = (W − 10)/90 = 1, 1/9, 1/18, 1/45, 0.
        // D = 1 − y − x = 0, 0.639, 0.444, 0.228, 0 → knee at k = 3 with D = 1 − 1/9 − 1/4.
        var (k, distance) = KScan.Elbow([2, 3, 4, 5, 6], [100, 20, 15, 12, 10], 0.5);
        var (straightK, straightDistance) = KScan.Elbow([2, 3, 4], [30, 20, 10], 0.5);
        var (weakK, weakDistance) = KScan.Elbow([2, 3, 4, 5, 6], [100, 20, 15, 12, 10], 0.7);

        Assert.Equal(3, k);
        Assert.Equal(1 - 1.0 / 9 - 0.25, distance, 15);
        Assert.Null(straightK);
        Assert.Equal(0.0, straightDistance);
        Assert.Null(weakK);
        Assert.Equal(distance, weakDistance);
    }

    [Fact]
    public void Concurrent_fits_give_the_same_scan_as_sequential_ones()
    {
        var (x, _) = TestClustering.Blobs(TestClustering.Square(6), 30, 1.0, 4);
        var options = ScanOptions(kMax: 7, gapReferences: 2, seed: 9);

        var sequential = KScan.Run(x, options, KMeans).ToJson();
        var concurrent = KScan.Run(x, options with { ConcurrentFits = true }, KMeans).ToJson();

        Assert.Equal(sequential, concurrent);
    }

    [Fact]
    public void A_concurrent_scan_reports_the_error_of_the_smallest_failing_k()
    {
        var (x, _) = TestClustering.Blobs(TestClustering.Square(6), 30, 1.0, 4);
        ClusteringRun Failing(FeatureMatrix m, int k, ulong seed) =>
            k >= 4 ? throw new SegmentationException($"no fit at k={k}") : KMeans(m, k, seed);

        var e = Assert.Throws<SegmentationException>(() =>
            KScan.Run(x, ScanOptions(kMax: 8, gapReferences: 0) with { ConcurrentFits = true }, Failing)
        );

        Assert.Equal("no fit at k=4", e.Message);
    }

    [Fact]
    public void Result_round_trips_through_camel_case_json_and_is_byte_identical_across_runs()
    {
        var (x, _) = TestClustering.Blobs(TestClustering.Square(6), 20, 1.0, 2);
        var options = ScanOptions(kMax: 5, gapReferences: 3, seed: 5);

        var json = KScan.Run(x, options, KMeans).ToJson();
        var again = KScan.Run(x, options, KMeans).ToJson();
        var restored = KScanResult.FromJson(json);

        Assert.Equal(json, again);
        Assert.Equal(json, restored.ToJson());
        Assert.Contains("\"calinskiHarabaszIndex\":", json);
        Assert.Contains("\"gapReferenceBox\": \"principalComponents\"", json);
        Assert.Contains("\"recommendation\":", json);
        Assert.Equal(4, restored.Recommendation.K);
    }

    private sealed class Recorder : IProgress<KScanProgress>
    {
        public List<KScanProgress> Reports { get; } = [];

        public void Report(KScanProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Progress_is_reported_after_every_fit_and_data_fits_use_the_scan_seed()
    {
        var x = TestClustering.Uniform(40, 2, 3);
        var recorder = new Recorder();
        var dataSeeds = new List<ulong>();
        var referenceSeeds = new List<ulong>();
        ClusteringRun Recording(FeatureMatrix m, int k, ulong seed)
        {
            (ReferenceEquals(m, x) ? dataSeeds : referenceSeeds).Add(seed);
            return KMeans(m, k, seed);
        }

        KScan.Run(
            x,
            ScanOptions(kMax: 4, gapReferences: 2, seed: 77) with
            {
                Progress = recorder,
                PredictionStrength = null,
            },
            Recording
        );

        Assert.Equal(9, recorder.Reports.Count);
        Assert.Equal(Enumerable.Range(1, 9), recorder.Reports.Select(r => r.Completed));
        Assert.All(recorder.Reports, r => Assert.Equal(9, r.Total));
        Assert.Equal(1.0, recorder.Reports[^1].Fraction);
        Assert.Equal([null, null, null, 0, 0, 0, 1, 1, 1], recorder.Reports.Select(r => r.Reference));
        Assert.Equal([77UL, 77UL, 77UL], dataSeeds);
        Assert.Equal(6, referenceSeeds.Distinct().Count());
    }

    [Fact]
    public void Principal_component_reference_data_follow_elongated_data_and_the_feature_box_fills_the_square()
    {
        // Rows along the diagonal y = x in [0, 10] with little noise: the principal-component box is a thin
        // diagonal strip, the feature box the whole square.
        var random = new Segmentation.Common.SeededRandom(8);
        var rows = Enumerable
            .Range(0, 200)
            .Select(_ =>
            {
                var t = 10 * random.NextDouble();
                return new[] { t + random.NextGaussian(0, 0.1), t + random.NextGaussian(0, 0.1) };
            })
            .ToList();
        var x = FeatureMatrix.FromRows(["x", "y"], rows);
        double WidestOffDiagonal(GapReferenceBox box)
        {
            var widest = 0.0;
            ClusteringRun Watch(FeatureMatrix m, int k, ulong seed)
            {
                if (!ReferenceEquals(m, x))
                    for (var i = 0; i < m.Rows; i++)
                        widest = Math.Max(widest, Math.Abs(m[i, 0] - m[i, 1]));
                return KMeans(m, k, seed);
            }
            KScan.Run(
                x,
                ScanOptions(kMax: 3, gapReferences: 2) with
                {
                    GapReferenceBox = box,
                    PredictionStrength = null,
                },
                Watch
            );
            return widest;
        }

        Assert.InRange(WidestOffDiagonal(GapReferenceBox.PrincipalComponents), 0, 1.0);
        Assert.InRange(WidestOffDiagonal(GapReferenceBox.Features), 5.0, 10.5);
    }

    [Fact]
    public void Options_are_checked_against_the_data()
    {
        var x = TestClustering.Uniform(6, 2, 1);

        var tooMany = Assert.Throws<OptionsException>(() => KScan.Run(x, new KScanOptions { KMax = 10 }, KMeans));
        var tooFew = Assert.Throws<OptionsException>(() =>
            KScan.Run(x, new KScanOptions { KMin = 1, KMax = 3 }, KMeans)
        );
        var broken = Assert.Throws<SegmentationException>(() =>
            KScan.Run(x, new KScanOptions { KMax = 3 }, (m, k, s) => new ClusteringRun(new int[m.Rows], 1))
        );

        Assert.Contains("kMax=10 must be <= rows-1=5", tooMany.Message);
        Assert.Contains("kMin=1 must be >= 2", tooFew.Message);
        Assert.Contains("returned 1 cluster for k=2", broken.Message);
    }
}
