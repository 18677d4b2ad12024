using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// K-means on a scaled feature matrix. Each restart fits ML.NET's KMeansTrainer (its default K-means|| initialisation,
/// float32, one thread, <c>new MLContext(seed)</c> with a seed derived from <see cref="KMeansOptions.Seed"/>), then
/// refines its centroids with Lloyd passes in double precision until no row changes cluster; restarts run in parallel and the one with
/// the lowest double-precision inertia is kept (the earliest on ties). Clusters are then numbered canonically: by size,
/// largest first, ties by centroid coordinates. Same input and seed ⇒ bit-identical labels and inertia.
/// </summary>
public sealed class KMeansSegmenter
{
    private const string FeaturesColumn = "Features";

    /// <summary>Creates the segmenter; the options are validated now (and against the data at fit time).</summary>
    public KMeansSegmenter(KMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The configuration.</summary>
    public KMeansOptions Options { get; }

    /// <summary>Restarts run at most this many at a time (−1: as many as the thread pool offers). Results do not depend on it.</summary>
    internal int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>
    /// Fits k-means to <paramref name="features"/>. Attach the <paramref name="transform"/> that produced the matrix
    /// so the model can encode and score new customers itself (its output columns must equal the matrix columns).
    /// </summary>
    public SegmentationModel Fit(FeatureMatrix features, FittedFeatureTransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        Options.Validate(features.Rows);
        features.EnsureFinite();
        if (transform is not null) FeatureColumns.EnsureSame(transform.OutputColumns, features.Columns, "matrix columns", "the transform's output");
        var k = Options.Clusters;
        EnsureDistinctRows(features, k);

        // Restarts are independent (one ML.NET context each, one thread inside ML.NET), so they run in parallel;
        // the winner is chosen afterwards in restart order, which keeps the result independent of thread count.
        var rows = ToMlNetRows(features);
        var results = new (double[] Centroids, double Inertia, int Iterations)[Options.Restarts];
        Parallel.For(0, Options.Restarts, new ParallelOptions { MaxDegreeOfParallelism = MaxDegreeOfParallelism }, restart =>
        {
            var centroids = FitMlNet(rows, features.ColumnCount, Options.RestartSeed(restart));
            var restartLabels = new int[features.Rows];
            var iterations = Lloyd.Refine(features, centroids, k, restartLabels, Options.MaxIterations);
            results[restart] = (centroids, Lloyd.Assign(features, centroids, k, restartLabels), iterations);
        });
        var best = 0;
        for (var restart = 1; restart < results.Length; restart++)
        {
            if (results[restart].Inertia < results[best].Inertia) best = restart;
        }

        var labels = new int[features.Rows];
        var bestIterations = results[best].Iterations;
        var bestCentroids = results[best].Centroids;
        var ordered = Canonicalise(features, bestCentroids, k, labels);
        var finalInertia = Lloyd.Assign(features, ordered, k, labels);
        return new SegmentationModel(Options, features.Columns, ordered, Lloyd.Sizes(labels, k), features.Rows,
            finalInertia, bestIterations, labels, transform);
    }

    /// <summary>Renumbers clusters by size (largest first), ties by centroid coordinates.</summary>
    private static double[] Canonicalise(FeatureMatrix features, double[] centroids, int k, int[] labels)
    {
        var d = features.ColumnCount;
        Lloyd.Assign(features, centroids, k, labels);
        var sizes = Lloyd.Sizes(labels, k);
        var keys = Enumerable.Range(0, k).Select(c => centroids.AsSpan(c * d, d).ToArray()).ToArray();
        var order = ClusterOrder.Canonical(sizes.Select(s => (double)s).ToArray(), keys);
        var ordered = new double[k * d];
        for (var c = 0; c < k; c++) keys[order[c]].CopyTo(ordered, c * d);
        return ordered;
    }

    private double[] FitMlNet(IReadOnlyList<MlNetRow> rows, int dimensions, int seed)
    {
        var context = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(MlNetRow));
        schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dimensions);
        var data = context.Data.LoadFromEnumerable(rows, schema);
        var trainer = context.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = FeaturesColumn,
            NumberOfClusters = Options.Clusters,
            NumberOfThreads = 1,
            MaximumNumberOfIterations = Options.MaxIterations,
        });
        var model = trainer.Fit(data).Model;
        VBuffer<float>[] centroids = [];
        model.GetClusterCentroids(ref centroids, out var k);
        var result = new double[k * dimensions];
        for (var c = 0; c < k; c++)
        {
            var values = centroids[c].DenseValues().ToArray();
            for (var j = 0; j < dimensions; j++) result[c * dimensions + j] = values[j];
        }
        return result;
    }

    private static List<MlNetRow> ToMlNetRows(FeatureMatrix features)
    {
        var rows = new List<MlNetRow>(features.Rows);
        for (var i = 0; i < features.Rows; i++)
        {
            var row = features.Row(i);
            var values = new float[row.Length];
            for (var j = 0; j < row.Length; j++) values[j] = (float)row[j];
            rows.Add(new MlNetRow { Features = values });
        }
        return rows;
    }

    /// <summary>ML.NET cannot initialise more clusters than distinct points (as float32): say so in our words.</summary>
    private static void EnsureDistinctRows(FeatureMatrix features, int clusters)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new float[features.ColumnCount];
        for (var i = 0; i < features.Rows && distinct.Count < clusters; i++)
        {
            var row = features.Row(i);
            for (var j = 0; j < buffer.Length; j++) buffer[j] = (float)row[j] + 0f; // + 0f turns -0 into +0
            distinct.Add(Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.AsSpan())));
        }
        if (distinct.Count < clusters)
            throw new OptionsException(FormattableString.Invariant($"clusters={clusters} must be <= distinct rows={distinct.Count}"));
    }

    /// <summary>The row type ML.NET reads (its vector size is set at run time through the schema).</summary>
    internal sealed class MlNetRow
    {
        /// <summary>The features as float32.</summary>
        public float[] Features { get; set; } = [];
    }
}
