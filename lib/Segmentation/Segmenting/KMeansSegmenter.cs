using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// K-means on a scaled feature matrix. Each restart fits ML.NET's KMeansTrainer (its default K-means|| initialisation,
/// float32, one thread, at most <see cref="KMeansOptions.RestartIterations"/> iterations, <c>new MLContext(seed)</c>
/// with a seed derived from <see cref="KMeansOptions.Seed"/>) and is scored by the inertia of its centroids in double
/// precision; restarts run in parallel. The <see cref="KMeansOptions.RefinedRestarts"/> lowest-scored restarts are then
/// refined with Lloyd passes in double precision until no row changes cluster, the lowest refined inertia is kept (the
/// earliest restart on ties), and clusters are numbered canonically: by size, largest first, ties by centroid
/// coordinates. Same input and seed ⇒ bit-identical labels and inertia.
/// </summary>
public sealed class KMeansSegmenter : ISegmenter
{
    /// <summary>Creates the segmenter; the options are validated now (and against the data at fit time).</summary>
    public KMeansSegmenter(KMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The configuration.</summary>
    public KMeansOptions Options { get; }

    /// <inheritdoc />
    public string Name => KMeansModel.MethodName;

    /// <inheritdoc />
    public int Clusters => Options.Clusters;

    /// <inheritdoc />
    public ISegmenter With(int clusters, ulong seed) =>
        new KMeansSegmenter(Options with { Clusters = clusters, Seed = seed })
        {
            MaxDegreeOfParallelism = MaxDegreeOfParallelism,
        };

    /// <inheritdoc />
    ISegmentationModel ISegmenter.Fit(FeatureMatrix x, FittedFeatureTransform? transform) => Fit(x, transform);

    /// <summary>Restarts and refinement use at most this many threads (−1: as many as the thread pool offers). Results
    /// do not depend on it.</summary>
    internal int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// Fits k-means to <paramref name="features"/>. Attach the <paramref name="transform"/> that produced the matrix
    /// so the model can encode and score new customers itself (its output columns must equal the matrix columns).
    /// </summary>
    public KMeansModel Fit(FeatureMatrix features, FittedFeatureTransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        Options.Validate(features.Rows);
        features.EnsureFinite();
        if (transform is not null)
            FeatureColumns.EnsureSame(
                transform.OutputColumns,
                features.Columns,
                "matrix columns",
                "the transform's output"
            );
        var k = Options.Clusters;
        EnsureDistinctRows(features, k);

        // Restarts are independent (one ML.NET context each, one thread inside ML.NET, a shared read-only view of the
        // data), so they run in parallel; the winner is chosen afterwards in restart order, which keeps the result
        // independent of thread count.
        var data = MlNetFeatureView.For(features);
        var restarts = new (double[] Centroids, double Score)[Options.Restarts];
        Parallel.For(
            0,
            Options.Restarts,
            new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism },
            restart =>
            {
                var centroids = FitMlNet(data, features.ColumnCount, Options.RestartSeed(restart));
                restarts[restart] = (centroids, Lloyd.Assign(features, centroids, k, labels: null));
            }
        );
        // The restarts with the lowest scores are refined to convergence and the lowest refined inertia is kept: a
        // restart stopped at the cap can rank a little behind one that converges lower, and the second-best score is
        // where that was seen (docs/clustering.md). Ties go to the earlier restart, so the choice is independent of
        // thread count.
        var candidates = Enumerable
            .Range(0, restarts.Length)
            .OrderBy(r => restarts[r].Score)
            .ThenBy(r => r)
            .Take(Options.RefinedRestarts)
            .Order()
            .ToArray();
        var refined = new (double[] Centroids, int[] Labels, double Inertia, int Iterations)[candidates.Length];
        Parallel.For(0, candidates.Length, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism }, c =>
        {
            var centroids = restarts[candidates[c]].Centroids;
            var candidateLabels = new int[features.Rows];
            var (passes, inertia) = Lloyd.Refine(
                features,
                centroids,
                k,
                candidateLabels,
                Options.MaxIterations,
                MaxDegreeOfParallelism
            );
            refined[c] = (centroids, candidateLabels, inertia, passes);
        });
        var kept = 0;
        for (var c = 1; c < refined.Length; c++)
        {
            if (refined[c].Inertia < refined[kept].Inertia)
                kept = c;
        }
        var (bestCentroids, labels, _, iterations) = refined[kept];
        var ordered = Canonicalise(features, bestCentroids, k, labels);
        var finalInertia = Lloyd.Assign(features, ordered, k, labels, MaxDegreeOfParallelism);
        return new KMeansModel(
            Options,
            features.Columns,
            ordered,
            Lloyd.Sizes(labels, k),
            features.Rows,
            finalInertia,
            iterations,
            labels,
            transform
        );
    }

    /// <summary>Renumbers clusters by size (largest first), ties by centroid coordinates; <paramref name="labels"/>
    /// hold the current assignment.</summary>
    private static double[] Canonicalise(FeatureMatrix features, double[] centroids, int k, int[] labels)
    {
        var d = features.ColumnCount;
        var sizes = Lloyd.Sizes(labels, k);
        var keys = Enumerable.Range(0, k).Select(c => centroids.AsSpan(c * d, d).ToArray()).ToArray();
        var order = ClusterOrder.Canonical(sizes.Select(s => (double)s).ToArray(), keys);
        var ordered = new double[k * d];
        for (var c = 0; c < k; c++)
            keys[order[c]].CopyTo(ordered, c * d);
        return ordered;
    }

    private double[] FitMlNet(MlNetFeatureView data, int dimensions, int seed)
    {
        var context = new MLContext(seed);
        var trainer = context.Clustering.Trainers.KMeans(
            new KMeansTrainer.Options
            {
                FeatureColumnName = MlNetFeatureView.FeaturesColumn,
                NumberOfClusters = Options.Clusters,
                NumberOfThreads = 1,
                MaximumNumberOfIterations = Options.RestartIterations,
            }
        );
        var model = trainer.Fit(data).Model;
        VBuffer<float>[] centroids = [];
        model.GetClusterCentroids(ref centroids, out var k);
        var result = new double[k * dimensions];
        for (var c = 0; c < k; c++)
        {
            var values = centroids[c].DenseValues().ToArray();
            for (var j = 0; j < dimensions; j++)
                result[c * dimensions + j] = values[j];
        }
        return result;
    }

    /// <summary>ML.NET cannot initialise more clusters than distinct points (as float32): say so in our
    /// words.</summary>
    private static void EnsureDistinctRows(FeatureMatrix features, int clusters)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new float[features.ColumnCount];
        for (var i = 0; i < features.Rows && distinct.Count < clusters; i++)
        {
            var row = features.Row(i);
            for (var j = 0; j < buffer.Length; j++)
                buffer[j] = (float)row[j] + 0f; // + 0f turns -0 into +0
            distinct.Add(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.AsSpan())));
        }
        if (distinct.Count < clusters)
            throw new OptionsException(
                FormattableString.Invariant($"clusters={clusters} must be <= distinct rows={distinct.Count}")
            );
    }
}
