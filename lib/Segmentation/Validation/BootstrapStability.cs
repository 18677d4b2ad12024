using System.Text.Json.Serialization;
using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Metrics;
using Segmentation.Segmenting;

namespace Segmentation.Validation;

/// <summary>Options of <see cref="O:Segmentation.Validation.BootstrapStability.Evaluate"/>; defaults follow R
/// fpc::clusterboot.</summary>
public sealed record StabilityOptions
{
    /// <summary>Bootstrap replicates B (fpc's default is 100).</summary>
    public int Replicates { get; init; } = 100;

    /// <summary>Seed; replicate b draws its sample from <c>SeededRandom.Fork(Seed, b)</c>.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>
    /// Rows drawn per replicate when the data have more (null: n, the classical bootstrap). A replicate of m &lt; n
    /// rows (drawn with replacement, the m-out-of-n bootstrap) is clustered afresh and compared with the original
    /// clustering on those rows, so the cost of the replicates is bounded by m × k whatever the number of customers.
    /// </summary>
    public int? SampleSize { get; init; }

    /// <summary>A cluster counts as dissolved in a replicate when its best Jaccard similarity is ≤ this (fpc:
    /// 0.5).</summary>
    public double DissolutionThreshold { get; init; } = 0.5;

    /// <summary>A cluster counts as recovered in a replicate when its best Jaccard similarity is &gt; this (fpc:
    /// 0.75).</summary>
    public double RecoveryThreshold { get; init; } = 0.75;

    internal void Validate()
    {
        if (Replicates < 1)
            throw new OptionsException(FormattableString.Invariant($"replicates={Replicates} must be >= 1"));
        if (SampleSize is { } m && m < 2)
            throw new OptionsException(FormattableString.Invariant($"sampleSize={m} must be >= 2"));
        if (!(DissolutionThreshold is >= 0 and <= 1))
            throw new OptionsException(
                FormattableString.Invariant($"dissolutionThreshold={DissolutionThreshold} must be in [0, 1]")
            );
        if (!(RecoveryThreshold is >= 0 and <= 1) || RecoveryThreshold < DissolutionThreshold)
            throw new OptionsException(
                FormattableString.Invariant(
                    $"recoveryThreshold={RecoveryThreshold} must be in [dissolutionThreshold={DissolutionThreshold}, 1]"
                )
            );
    }
}

/// <summary>How far a cluster can be trusted, from its mean bootstrap Jaccard similarity (Hennig 2007).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StabilityRating>))]
public enum StabilityRating
{
    /// <summary>Mean Jaccard &lt; 0.6: the cluster dissolves under resampling; do not interpret it.</summary>
    NotTrustworthy,

    /// <summary>0.6 ≤ mean Jaccard &lt; 0.75: indicates a pattern, but which rows belong is doubtful.</summary>
    Weak,

    /// <summary>0.75 ≤ mean Jaccard &lt; 0.85: a stable cluster.</summary>
    Stable,

    /// <summary>Mean Jaccard ≥ 0.85: a highly stable cluster.</summary>
    HighlyStable,
}

/// <summary>Bootstrap stability of one original cluster.</summary>
/// <param name="Cluster">The cluster's label in the original clustering.</param>
/// <param name="Size">Rows in the original cluster.</param>
/// <param name="MeanJaccard">Mean over replicates of the best Jaccard similarity with a replicate cluster, in [0, 1];
/// higher is more stable.</param>
/// <param name="Dissolved">Replicates in which the best Jaccard was ≤ the dissolution threshold.</param>
/// <param name="Recovered">Replicates in which the best Jaccard was &gt; the recovery threshold.</param>
/// <param name="Replicates">Replicates whose sample contained at least one row of the cluster (the others are left out
/// of the mean).</param>
/// <param name="Rating">The rating of <paramref name="MeanJaccard"/>.</param>
public sealed record ClusterStability(
    int Cluster,
    int Size,
    double MeanJaccard,
    int Dissolved,
    int Recovered,
    int Replicates,
    StabilityRating Rating
)
{
    /// <summary>The rating in English words, as validation.json records it: "not trustworthy", "weak", "stable" or
    /// "highly stable"; people read <see cref="RatingText"/>.</summary>
    public string Description => BootstrapStability.Describe(Rating, Language.English);

    /// <summary>The rating in words of <paramref name="language"/> (default <see cref="Language.Current"/>); in
    /// English it is <see cref="Description"/>.</summary>
    public string RatingText(Language? language = null) => BootstrapStability.Describe(Rating, language);
}

/// <summary>Result of <see cref="O:Segmentation.Validation.BootstrapStability.Evaluate"/>: the original labels and one
/// entry per original cluster, ascending by label.</summary>
/// <param name="Labels">Labels of the clustering of all rows (the clusterer applied to the whole matrix).</param>
/// <param name="Clusters">Stability per original cluster, ascending by label.</param>
/// <param name="Replicates">Bootstrap replicates run.</param>
public sealed record StabilityResult(
    IReadOnlyList<int> Labels,
    IReadOnlyList<ClusterStability> Clusters,
    int Replicates
);

/// <summary>
/// Cluster-wise stability under bootstrap resampling, as R fpc::clusterboot (bootmethod "boot"):
/// cluster all rows; then B times draw n rows with replacement, cluster that sample afresh, and for
/// each original cluster take the best Jaccard similarity with a replicate cluster, computed over the
/// sample's rows (duplicates counted). The clusterer is any deterministic function from a matrix to
/// one label per row; it must find the same number of clusters each time (e.g. k-means with fixed k).
/// </summary>
public static class BootstrapStability
{
    /// <summary>
    /// Runs the bootstrap with any segmenter (its k and seed as configured): every replicate refits the same method on
    /// the resampled rows, which keep their row keys.
    /// </summary>
    public static StabilityResult Evaluate(FeatureMatrix x, ISegmenter segmenter, StabilityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(segmenter);
        return Evaluate(x, m => [.. segmenter.Fit(m).Labels], options);
    }

    /// <summary>Runs the bootstrap; replicates run one after another (the clusterer need not be thread-safe).</summary>
    public static StabilityResult Evaluate(
        FeatureMatrix x,
        Func<FeatureMatrix, int[]> cluster,
        StabilityOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(cluster);
        options ??= new StabilityOptions();
        options.Validate();
        x.EnsureFinite();
        var n = x.Rows;
        if (n < 2)
            throw new OptionsException(FormattableString.Invariant($"rows={n} must be >= 2"));

        var original = CheckedLabels(cluster(x), n, "the whole matrix");
        var codes = LabelCodes.From(original);
        var k = codes.Count;
        var sums = new double[k];
        var seen = new int[k];
        var dissolved = new int[k];
        var recovered = new int[k];
        var m = options.SampleSize is { } size && size < n ? size : n;
        var indices = new int[m];
        var originalInSample = new int[m];
        for (var b = 0; b < options.Replicates; b++)
        {
            var random = SeededRandom.Fork(options.Seed, (ulong)b);
            for (var p = 0; p < m; p++)
                indices[p] = random.NextInt(n);
            var replicate = CheckedLabels(
                cluster(x.SelectRows(indices)),
                m,
                FormattableString.Invariant($"bootstrap replicate {b}")
            );
            for (var p = 0; p < m; p++)
                originalInSample[p] = codes.Codes[indices[p]];
            var best = BestJaccard(originalInSample, k, replicate);
            for (var c = 0; c < k; c++)
            {
                if (double.IsNaN(best[c]))
                    continue;
                sums[c] += best[c];
                seen[c]++;
                if (best[c] <= options.DissolutionThreshold)
                    dissolved[c]++;
                if (best[c] > options.RecoveryThreshold)
                    recovered[c]++;
            }
        }

        var clusters = new ClusterStability[k];
        for (var c = 0; c < k; c++)
        {
            var mean = seen[c] == 0 ? 0.0 : sums[c] / seen[c];
            clusters[c] = new ClusterStability(
                codes.Values[c],
                codes.Counts[c],
                mean,
                dissolved[c],
                recovered[c],
                seen[c],
                Rate(mean)
            );
        }
        return new StabilityResult(original, clusters, options.Replicates);
    }

    /// <summary>Rating of a mean Jaccard similarity: &lt; 0.6 not trustworthy, &lt; 0.75 weak, &lt; 0.85 stable, else
    /// highly stable.</summary>
    public static StabilityRating Rate(double meanJaccard) =>
        meanJaccard switch
        {
            >= 0.85 => StabilityRating.HighlyStable,
            >= 0.75 => StabilityRating.Stable,
            >= 0.6 => StabilityRating.Weak,
            _ => StabilityRating.NotTrustworthy,
        };

    /// <summary>The rating in words of <paramref name="language"/> (default <see cref="Language.Current"/>).</summary>
    public static string Describe(StabilityRating rating, Language? language = null) =>
        (language ?? Language.Current)["Stability_" + rating];

    /// <summary>Per original code, the best Jaccard with any replicate cluster; NaN when the code is absent from the
    /// sample.</summary>
    private static double[] BestJaccard(int[] original, int clusters, int[] replicate)
    {
        var replicateCodes = LabelCodes.From(replicate);
        var r = replicateCodes.Count;
        var both = new int[clusters * r];
        var originalSize = new int[clusters];
        for (var p = 0; p < original.Length; p++)
        {
            both[original[p] * r + replicateCodes.Codes[p]]++;
            originalSize[original[p]]++;
        }
        var best = new double[clusters];
        for (var c = 0; c < clusters; c++)
        {
            if (originalSize[c] == 0)
            {
                best[c] = double.NaN;
                continue;
            }
            for (var j = 0; j < r; j++)
            {
                var intersection = both[c * r + j];
                var jaccard = (double)intersection / (originalSize[c] + replicateCodes.Counts[j] - intersection);
                best[c] = Math.Max(best[c], jaccard);
            }
        }
        return best;
    }

    private static int[] CheckedLabels(int[]? labels, int rows, string what)
    {
        if (labels is null)
            throw new SegmentationException($"the clusterer returned no labels for {what}");
        if (labels.Length != rows)
            throw new SegmentationException(
                FormattableString.Invariant(
                    $"the clusterer returned labels={labels.Length} for {what}; expected rows={rows}"
                )
            );
        return labels;
    }
}
