using MathNet.Numerics.LinearAlgebra;
using Segmentation.Common;
using Segmentation.Features;
using Segmentation.Metrics;

namespace Segmentation.Segmenting;

/// <summary>One clustering of a matrix into k clusters, as a k-scan needs it.</summary>
/// <param name="Labels">One label per row (0-based).</param>
/// <param name="Inertia">The clusterer's objective, lower is better: the within-cluster sum of squares for
/// k-means.</param>
public sealed record ClusteringRun(int[] Labels, double Inertia);

/// <summary>
/// Evidence for the number of clusters: fits k = KMin..KMax with any clusterer and reports, per k,
/// inertia, silhouette, Calinski–Harabasz, Davies–Bouldin and the gap statistic; then every index
/// votes (silhouette max, Calinski–Harabasz max, Davies–Bouldin min, Tibshirani's gap rule, the
/// Kneedle elbow of the inertia curve). A k named by more than half of the indices is recommended; when there is no
/// such majority, the indices' geometries disagree and prediction strength (Tibshirani &amp; Walther 2005), which does
/// not depend on them, decides (<see cref="Recommend"/>).
/// </summary>
public static class KScan
{
    /// <summary>
    /// Runs the scan with any segmenter: at every k (and on every reference data set) it fits
    /// <c>segmenter.With(k, seed)</c> and reads the model's labels and <see cref="ISegmentationModel.Objective"/>.
    /// Reference rows keep the row keys of <paramref name="x"/>, so a segmenter that looks up more columns by
    /// customer (k-prototypes) finds them.
    /// </summary>
    public static KScanResult Run(FeatureMatrix x, KScanOptions options, ISegmenter segmenter)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        return Run(x, options, (m, k, seed) =>
        {
            var model = segmenter.With(k, seed).Fit(m);
            return new ClusteringRun([.. model.Labels], model.Objective);
        });
    }

    /// <summary>
    /// Runs the scan. <paramref name="cluster"/> is called as (matrix, k, seed) for the data at every k
    /// and, for the gap statistic, for each of B uniform reference data sets at every k; it must be
    /// deterministic for a given seed. Runs sequentially (the clusterer need not be thread-safe) unless
    /// <see cref="KScanOptions.ConcurrentFits"/> is set; the result is the same either way.
    /// </summary>
    public static KScanResult Run(
        FeatureMatrix x,
        KScanOptions options,
        Func<FeatureMatrix, int, ulong, ClusteringRun> cluster
    )
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cluster);
        options.Validate(x.Rows);
        x.EnsureFinite();
        var ks = Enumerable.Range(options.KMin, options.KMax - options.KMin + 1).ToArray();
        var total = ks.Length * (1 + options.GapReferences);
        var completed = 0;

        var inertia = new double[ks.Length];
        var rows = new KScanRow[ks.Length];
        void Scan(int i)
        {
            var run = Checked(cluster(x, ks[i], options.Seed), x.Rows, ks[i], "the data");
            var sizes = run.Labels.CountBy(label => label).Select(group => group.Value).ToArray();
            var distinct = sizes.Length;
            if (distinct < 2)
                throw new SegmentationException(
                    FormattableString.Invariant(
                        $"the clusterer returned {distinct} cluster for k={ks[i]}; the indices need at least 2"
                    )
                );
            inertia[i] = run.Inertia;
            double? strength =
                options.PredictionStrength is { } ps
                && PredictionStrength.Applicable(Math.Min(x.Rows, ps.SampleSize ?? int.MaxValue), ks[i])
                    ? PredictionStrength.Evaluate(x, ks[i], options.Seed, cluster, ps)
                    : null;
            rows[i] = new KScanRow(
                ks[i],
                distinct,
                run.Inertia,
                ClusterQuality.Silhouette(x, run.Labels, options.Silhouette),
                ClusterQuality.CalinskiHarabaszIndex(x, run.Labels),
                ClusterQuality.DaviesBouldinIndex(x, run.Labels),
                null,
                null,
                null,
                null,
                strength,
                (double)sizes.Min() / x.Rows
            );
            options.Progress?.Report(new KScanProgress(ks[i], null, Interlocked.Increment(ref completed), total));
        }
        if (!options.ConcurrentFits)
        {
            for (var i = 0; i < ks.Length; i++)
                Scan(i);
        }
        else
        {
            // Largest k first: they take longest, so the smaller ones fill the gaps at the end. An error is thrown for
            // the smallest failing k, as a sequential scan would.
            var errors = new Exception?[ks.Length];
            Parallel.ForEach(
                Enumerable.Range(0, ks.Length).Reverse(),
                new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                i =>
                {
                    try
                    {
                        Scan(i);
                    }
                    catch (Exception e)
                        when (e is SegmentationException or ArgumentException or InvalidOperationException)
                    {
                        errors[i] = e;
                    }
                }
            );
            if (errors.FirstOrDefault(e => e is not null) is { } first)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }

        if (options.GapReferences > 0)
        {
            var referenceLogW = new double[options.GapReferences, ks.Length];
            var box = ReferenceBox.Build(x, options.GapReferenceBox);
            var referenceRows = options.GapSampleSize is { } m && m < x.Rows ? m : x.Rows;
            for (var b = 0; b < options.GapReferences; b++)
            {
                var stream = (ulong)(b + 1) << 32;
                var reference = box.Draw(SeededRandom.Fork(options.Seed, stream), x, referenceRows);
                for (var i = 0; i < ks.Length; i++)
                {
                    var seed = SeededRandom.Fork(options.Seed, stream | (uint)ks[i]).NextUInt64();
                    var run = Checked(
                        cluster(reference, ks[i], seed),
                        referenceRows,
                        ks[i],
                        FormattableString.Invariant($"reference data set {b}")
                    );
                    if (!(run.Inertia > 0))
                        throw new SegmentationException(
                            FormattableString.Invariant(
                                $"the clusterer reported inertia={run.Inertia} on reference data set {b} at "
                            ) + FormattableString.Invariant($"k={ks[i]}; expected > 0")
                        );
                    referenceLogW[b, i] = Math.Log(run.Inertia);
                    options.Progress?.Report(new KScanProgress(ks[i], b, ++completed, total));
                }
            }
            for (var i = 0; i < ks.Length; i++)
            {
                var (mean, standardError) = MeanAndStandardError(referenceLogW, i);
                // The data's dispersion at the references' size (the same value when they have as many rows as the
                // data).
                double? logW =
                    inertia[i] > 0
                        ? Math.Log(referenceRows == x.Rows ? inertia[i] : inertia[i] * referenceRows / x.Rows)
                        : null;
                rows[i] = rows[i] with
                {
                    LogW = logW,
                    ReferenceLogW = mean,
                    Gap = logW is { } w ? mean - w : null,
                    GapStandardError = standardError,
                };
            }
        }

        var (elbowK, elbowDistance) = Elbow(ks, inertia, options.ElbowMinimumDistance);
        var votes = new List<KScanVote>
        {
            new("silhouette", Best(rows, r => r.Silhouette, larger: true), "largest mean silhouette"),
            new(
                "calinskiHarabasz",
                Best(rows, r => r.CalinskiHarabaszIndex, larger: true),
                "largest Calinski–Harabasz index"
            ),
            new("daviesBouldin", Best(rows, r => r.DaviesBouldinIndex, larger: false), "smallest Davies–Bouldin index"),
            new(
                "gap",
                options.GapReferences > 0 ? GapRule(rows) : null,
                "smallest k with gap(k) >= gap(k+1) - s(k+1) (Tibshirani et al. 2001)"
            ),
            new(
                "elbow",
                elbowK,
                "Kneedle knee of the inertia curve, if its distance below the chord is >= "
                    + FormattableString.Invariant($"{options.ElbowMinimumDistance}")
            ),
        };
        var recommendation = Recommend(votes, rows, options.PredictionStrength?.Cutoff);
        return new KScanResult(
            x.Rows,
            x.ColumnCount,
            options.KMin,
            options.KMax,
            options.Seed,
            options.GapReferences,
            options.GapReferenceBox,
            options.Silhouette.SampleSize is { } s && s < x.Rows ? s : null,
            rows,
            elbowK,
            elbowDistance,
            recommendation
        );
    }

    /// <summary>
    /// The majority of the indices when more than half of them name one k. Otherwise prediction strength decides: among
    /// the k whose prediction strength reaches <paramref name="cutoff"/> (the reproducible ones), the one after which
    /// it falls most steeply (ps(k) − ps(k + 1) largest, the smaller k on ties) — the drop that marks the true k in
    /// Tibshirani &amp; Walther's analysis, where a threshold alone is met by splits of overlapping segments too. When
    /// only the largest k scanned reaches the cutoff it is chosen; when none does, the k with the highest prediction
    /// strength. Without prediction strength: the plurality of the votes, a tie going to the smaller k.
    /// </summary>
    internal static KScanRecommendation Recommend(
        IReadOnlyList<KScanVote> votes,
        IReadOnlyList<KScanRow> rows,
        double? cutoff
    )
    {
        var (plurality, count) = Plurality(votes);
        if (count * 2 > votes.Count)
            return new KScanRecommendation(plurality, count, votes, KScanDecision.Majority, cutoff);
        if (cutoff is not { } c || rows.Any(r => r.PredictionStrength is null))
            return new KScanRecommendation(plurality, count, votes, KScanDecision.Plurality, cutoff);
        var strength = rows.Select(r => r.PredictionStrength!.Value).ToArray();
        var best = -1;
        for (var i = 0; i + 1 < rows.Count; i++)
        {
            if (strength[i] >= c && (best < 0 || strength[i] - strength[i + 1] > strength[best] - strength[best + 1]))
                best = i;
        }
        if (best < 0)
            best = strength[^1] >= c ? rows.Count - 1 : Array.IndexOf(strength, strength.Max());
        var k = rows[best].K;
        return new KScanRecommendation(k, votes.Count(v => v.K == k), votes, KScanDecision.PredictionStrength, cutoff);
    }

    /// <summary>
    /// Kneedle (Satopää et al. 2011) on a decreasing convex curve: x and y are scaled to [0, 1], the
    /// difference D = (1 − y) − x (the vertical distance below the chord from the first to the last point)
    /// is largest at the knee. Null when fewer than three points, a flat curve, or max D below the threshold.
    /// </summary>
    internal static (int? K, double Distance) Elbow(
        IReadOnlyList<int> ks,
        IReadOnlyList<double> inertia,
        double minimumDistance
    )
    {
        if (ks.Count < 3)
            return (null, 0.0);
        var high = inertia.Max();
        var low = inertia.Min();
        if (high == low)
            return (null, 0.0);
        var best = -1;
        var bestDistance = double.NegativeInfinity;
        for (var i = 0; i < ks.Count; i++)
        {
            var x = (double)(ks[i] - ks[0]) / (ks[^1] - ks[0]);
            var y = (inertia[i] - low) / (high - low);
            var distance = 1 - y - x;
            if (distance > bestDistance)
            {
                bestDistance = distance;
                best = i;
            }
        }
        var clamped = Math.Max(bestDistance, 0.0);
        return clamped >= minimumDistance && clamped > 0 ? (ks[best], clamped) : (null, clamped);
    }

    /// <summary>Tibshirani's rule: the smallest k with gap(k) ≥ gap(k+1) − s(k+1); null when no k qualifies.</summary>
    internal static int? GapRule(IReadOnlyList<KScanRow> rows)
    {
        for (var i = 0; i + 1 < rows.Count; i++)
        {
            if (
                rows[i].Gap is { } gap
                && rows[i + 1].Gap is { } next
                && rows[i + 1].GapStandardError is { } s
                && gap >= next - s
            )
                return rows[i].K;
        }
        return null;
    }

    private static int Best(IReadOnlyList<KScanRow> rows, Func<KScanRow, double> index, bool larger)
    {
        var best = 0;
        for (var i = 1; i < rows.Count; i++)
        {
            var better = larger ? index(rows[i]) > index(rows[best]) : index(rows[i]) < index(rows[best]);
            if (better)
                best = i;
        }
        return rows[best].K;
    }

    private static (int K, int Count) Plurality(IEnumerable<KScanVote> votes)
    {
        var tally = new SortedDictionary<int, int>();
        foreach (var vote in votes)
            if (vote.K is { } k)
                tally[k] = tally.GetValueOrDefault(k) + 1;
        var (bestK, bestCount) = (0, 0);
        foreach (var (k, count) in tally)
            if (count > bestCount)
                (bestK, bestCount) = (k, count);
        return (bestK, bestCount);
    }

    private static (double Mean, double StandardError) MeanAndStandardError(double[,] logW, int column)
    {
        var b = logW.GetLength(0);
        var mean = 0.0;
        for (var r = 0; r < b; r++)
            mean += logW[r, column];
        mean /= b;
        var variance = 0.0;
        for (var r = 0; r < b; r++)
            variance += (logW[r, column] - mean) * (logW[r, column] - mean);
        variance /= b;
        return (mean, Math.Sqrt(variance) * Math.Sqrt(1 + 1.0 / b));
    }

    private static ClusteringRun Checked(ClusteringRun? run, int rows, int k, string what)
    {
        if (run?.Labels is null)
            throw new SegmentationException(
                FormattableString.Invariant($"the clusterer returned no labels for {what} at k={k}")
            );
        if (run.Labels.Length != rows)
            throw new SegmentationException(
                FormattableString.Invariant(
                    $"the clusterer returned labels={run.Labels.Length} for {what} at k={k}; expected rows={rows}"
                )
            );
        if (!double.IsFinite(run.Inertia) || run.Inertia < 0)
            throw new SegmentationException(
                FormattableString.Invariant(
                    $"the clusterer returned inertia={run.Inertia} for {what} at k={k}; expected a finite number >= 0"
                )
            );
        return run;
    }

    /// <summary>A box aligned with the data's principal axes (or its features), from which uniform reference rows are
    /// drawn.</summary>
    private sealed class ReferenceBox
    {
        private readonly double[] center;
        private readonly double[] axes;
        private readonly double[] low;
        private readonly double[] high;

        private ReferenceBox(double[] center, double[] axes, double[] low, double[] high)
        {
            this.center = center;
            this.axes = axes;
            this.low = low;
            this.high = high;
        }

        public static ReferenceBox Build(FeatureMatrix x, GapReferenceBox kind)
        {
            var d = x.ColumnCount;
            var center = x.ColumnMeans();

            // axes[f * d + j]: component f of axis j (identity for the feature box).
            var axes = new double[d * d];
            if (kind == GapReferenceBox.PrincipalComponents)
            {
                var scatter = Pca.Scatter(x, center);
                var vectors = Matrix<double>.Build.DenseOfArray(scatter).Evd(Symmetricity.Symmetric).EigenVectors;
                for (var f = 0; f < d; f++)
                {
                    for (var j = 0; j < d; j++)
                        axes[f * d + j] = vectors[f, j];
                }
            }
            else
            {
                for (var f = 0; f < d; f++)
                    axes[f * d + f] = 1.0;
            }

            var low = Enumerable.Repeat(double.PositiveInfinity, d).ToArray();
            var high = Enumerable.Repeat(double.NegativeInfinity, d).ToArray();
            for (var i = 0; i < x.Rows; i++)
            {
                var row = x.Row(i);
                for (var j = 0; j < d; j++)
                {
                    var projection = 0.0;
                    for (var f = 0; f < d; f++)
                        projection += (row[f] - center[f]) * axes[f * d + j];
                    low[j] = Math.Min(low[j], projection);
                    high[j] = Math.Max(high[j], projection);
                }
            }
            return new ReferenceBox(center, axes, low, high);
        }

        /// <summary><paramref name="rows"/> uniform rows in the box, keyed by the first keys of
        /// <paramref name="like"/>.</summary>
        public FeatureMatrix Draw(SeededRandom random, FeatureMatrix like, int rows)
        {
            var d = center.Length;
            var values = new double[rows * d];
            var u = new double[d];
            for (var i = 0; i < rows; i++)
            {
                for (var j = 0; j < d; j++)
                    u[j] = low[j] + (high[j] - low[j]) * random.NextDouble();
                for (var f = 0; f < d; f++)
                {
                    var value = center[f];
                    for (var j = 0; j < d; j++)
                        value += axes[f * d + j] * u[j];
                    values[i * d + f] = value;
                }
            }
            return new FeatureMatrix(
                like.Columns,
                values,
                rows == like.Rows ? like.RowKeys : like.RowKeys.Take(rows).ToArray()
            );
        }
    }
}
