using Segmentation.Common;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>Options of <see cref="PredictionStrength.Evaluate"/>.</summary>
public sealed record PredictionStrengthOptions
{
    /// <summary>Random halvings M at each k (fpc::prediction.strength uses M = 50 cross-validation folds of
    /// 2).</summary>
    public int Splits { get; init; } = 20;

    /// <summary>
    /// A k is supported when its mean prediction strength reaches this. Tibshirani &amp; Walther (2005) suggest
    /// 0.8–0.9; 0.9 is used because at 0.8 a split of one real segment into two overlapping halves still passes on data
    /// whose segments overlap (docs/clustering.md shows the measurements).
    /// </summary>
    public double Cutoff { get; init; } = 0.9;

    /// <summary>Rows drawn (without replacement) before halving, for large data; null uses every row.</summary>
    public int? SampleSize { get; init; } = 10_000;

    internal void Validate()
    {
        if (Splits < 1)
            throw new OptionsException(FormattableString.Invariant($"splits={Splits} must be >= 1"));
        if (!(Cutoff is > 0 and <= 1))
            throw new OptionsException(FormattableString.Invariant($"cutoff={Cutoff} must be in (0, 1]"));
        if (SampleSize is { } s && s < 4)
            throw new OptionsException(FormattableString.Invariant($"sampleSize={s} must be >= 4"));
    }
}

/// <summary>
/// Prediction strength (Tibshirani &amp; Walther 2005): the data are split at random into a training and a test half
/// and both are clustered into k clusters; each test row is then assigned to the nearest centroid of the training
/// clusters. For every test cluster, the share of its pairs of rows that the training centroids also put together is
/// computed; the prediction strength of the split is the smallest of these shares, and ps(k) is its mean over the
/// splits. It is 1 when k finds the same groups in any half of the data and falls when a real group is cut in two or
/// two are merged differently from half to half. It does not depend on the geometry of an index, so it can settle k
/// when the indices disagree. ps(k) here is the median over the splits, where Tibshirani &amp; Walther and fpc take the
/// mean: in a split where k-means lands in a poor local optimum the strength drops to about 0.5, and one such split in
/// twenty moved the mean at the planted k below the cutoff while the median stayed (docs/clustering.md).
/// </summary>
public static class PredictionStrength
{
    /// <summary>
    /// ps(k) in [0, 1], the median over the splits; higher is more reproducible. <paramref name="cluster"/> is called
    /// as (matrix, k, seed) and must be deterministic for a seed; the result depends only on the data, k and
    /// <paramref name="seed"/>.
    /// </summary>
    public static double Evaluate(
        FeatureMatrix x,
        int k,
        ulong seed,
        Func<FeatureMatrix, int, ulong, ClusteringRun> cluster,
        PredictionStrengthOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(cluster);
        options ??= new PredictionStrengthOptions();
        options.Validate();
        var rows = Enumerable.Range(0, x.Rows).ToArray();
        if (options.SampleSize is { } size && size < x.Rows)
        {
            SeededRandom.Fork(seed, 0x5053_0000).Shuffle(rows.AsSpan());
            rows = rows[..size];
            Array.Sort(rows);
        }
        if (!Applicable(rows.Length, k))
            throw new OptionsException(
                FormattableString.Invariant($"k={k} must be < rows/2={rows.Length / 2} for prediction strength")
            );

        var strengths = new double[options.Splits];
        for (var m = 0; m < options.Splits; m++)
        {
            var stream = 0x5053_0000UL | (uint)(m + 1);
            var order = (int[])rows.Clone();
            SeededRandom.Fork(seed, stream).Shuffle(order.AsSpan());
            var half = order.Length / 2;
            var training = x.SelectRows(Sorted(order[..half]));
            var test = x.SelectRows(Sorted(order[half..]));
            var trainingLabels = cluster(
                training,
                k,
                SeededRandom.Fork(seed, stream | (1UL << 40)).NextUInt64()
            ).Labels;
            var testLabels = cluster(test, k, SeededRandom.Fork(seed, stream | (2UL << 40)).NextUInt64()).Labels;
            strengths[m] = OfSplit(training, trainingLabels, test, testLabels);
        }
        return SampleStatistics.Quantile(strengths, 0.5);
    }

    /// <summary>True when both halves of <paramref name="rows"/> rows hold more than <paramref name="k"/>
    /// rows.</summary>
    public static bool Applicable(int rows, int k) => rows / 2 > k;

    /// <summary>
    /// The prediction strength of one split: the smallest, over test clusters with at least two rows, of the share of
    /// the cluster's pairs assigned to one training centroid.
    /// </summary>
    internal static double OfSplit(
        FeatureMatrix training,
        IReadOnlyList<int> trainingLabels,
        FeatureMatrix test,
        IReadOnlyList<int> testLabels
    )
    {
        var centroids = Centroids(training, trainingLabels);
        var k = centroids.Length / training.ColumnCount;
        var predicted = new int[test.Rows];
        for (var i = 0; i < test.Rows; i++)
            predicted[i] = Lloyd.Nearest(test.Row(i), centroids, k, out _);

        var clusters = testLabels.Max() + 1;
        var together = new Dictionary<(int Test, int Training), long>();
        var sizes = new long[clusters];
        for (var i = 0; i < test.Rows; i++)
        {
            sizes[testLabels[i]]++;
            var key = (testLabels[i], predicted[i]);
            together[key] = together.GetValueOrDefault(key) + 1;
        }
        var pairs = new double[clusters];
        foreach (var ((cluster, _), count) in together)
            pairs[cluster] += (double)count * (count - 1);
        var strength = 1.0;
        for (var j = 0; j < clusters; j++)
        {
            if (sizes[j] < 2)
                continue;
            strength = Math.Min(strength, pairs[j] / (sizes[j] * (double)(sizes[j] - 1)));
        }
        return strength;
    }

    private static int[] Sorted(int[] rows)
    {
        Array.Sort(rows);
        return rows;
    }

    /// <summary>Mean row of every cluster; a label that no row carries gets an infinitely distant centroid.</summary>
    private static double[] Centroids(FeatureMatrix x, IReadOnlyList<int> labels)
    {
        var k = labels.Max() + 1;
        var d = x.ColumnCount;
        var sums = new double[k * d];
        var counts = new int[k];
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            counts[labels[i]]++;
            for (var f = 0; f < d; f++)
                sums[labels[i] * d + f] += row[f];
        }
        for (var c = 0; c < k; c++)
        {
            for (var f = 0; f < d; f++)
                sums[c * d + f] = counts[c] > 0 ? sums[c * d + f] / counts[c] : double.PositiveInfinity;
        }
        return sums;
    }
}
