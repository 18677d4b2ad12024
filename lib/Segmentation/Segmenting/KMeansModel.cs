using System.Globalization;
using Segmentation.Common.Text;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// A fitted k-means segmentation: centroids in the (scaled) feature space, the training labels, inertia and the
/// options that produced it. Immutable; keeps no reference to the training rows. Saved as JSON without any customer
/// row (<see cref="Labels"/> are not saved: a loaded model has none — call <see cref="Predict(FeatureMatrix)"/>).
/// </summary>
public sealed class KMeansModel : ISegmentationModel
{
    /// <summary>The value of the <c>method</c> field in the saved model.</summary>
    public const string MethodName = "k-means";

    private readonly double[] centroids;
    private readonly int[] labels;
    private readonly int[] clusterSizes;

    internal KMeansModel(
        KMeansOptions options,
        IReadOnlyList<string> columns,
        double[] centroids,
        int[] clusterSizes,
        int trainingRows,
        double inertia,
        int iterations,
        int[] labels,
        FittedFeatureTransform? transform
    )
    {
        Options = options;
        Columns = columns.ToArray();
        this.centroids = centroids;
        this.clusterSizes = clusterSizes;
        this.labels = labels;
        TrainingRows = trainingRows;
        Inertia = inertia;
        Iterations = iterations;
        Transform = transform;
        Clusters = clusterSizes.Length;
        Centroids = new FeatureMatrix(Columns, centroids, MatrixShape.OrdinalKeys(Clusters));
    }

    /// <inheritdoc />
    public string Name => MethodName;

    /// <summary>The options the model was fitted with.</summary>
    public KMeansOptions Options { get; }

    /// <summary>Number of clusters k.</summary>
    public int Clusters { get; }

    /// <summary>Feature columns the model expects, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Cluster centres (k rows × the feature columns; row keys "0".."k-1"), in the scaled feature
    /// space.</summary>
    public FeatureMatrix Centroids { get; }

    /// <summary>Number of training rows in each cluster; clusters are numbered by size, largest first.</summary>
    public IReadOnlyList<int> ClusterSizes => clusterSizes;

    /// <summary>Number of training rows (n).</summary>
    public int TrainingRows { get; }

    /// <summary>0-based cluster of every training row, in row order; empty for a model loaded from JSON.</summary>
    public IReadOnlyList<int> Labels => labels;

    /// <summary>Sum of squared distances of the training rows to their centroid, in the scaled space, in double
    /// precision.</summary>
    public double Inertia { get; }

    /// <summary>The k-means objective: <see cref="Inertia"/>.</summary>
    double ISegmentationModel.Objective => Inertia;

    /// <summary>
    /// Double-precision Lloyd assignment passes run from ML.NET's float32 centroids of the kept restart until no row
    /// changed cluster (ML.NET does not report its own iteration count). 2 means ML.NET's assignment was already
    /// stable; more means its restart stopped at <see cref="KMeansOptions.RestartIterations"/> and the refinement
    /// finished it.
    /// </summary>
    public int Iterations { get; }

    /// <summary>The fitted feature transform attached at fit time, if any (then <see cref="Predict(FeatureTable)"/>
    /// works).</summary>
    public FittedFeatureTransform? Transform { get; }

    /// <summary>The nearest centroid of every row of <paramref name="features"/>; throws <see cref="OptionsException"/>
    /// if the columns differ.</summary>
    public int[] Predict(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        FeatureColumns.EnsureSame(Columns, features.Columns);
        features.EnsureFinite();
        var result = new int[features.Rows];
        for (var i = 0; i < features.Rows; i++)
            result[i] = Lloyd.Nearest(features.Row(i), centroids, Clusters, out _);
        return result;
    }

    /// <summary>Encodes <paramref name="table"/> with the attached <see cref="Transform"/>, then predicts.</summary>
    public int[] Predict(FeatureTable table) => Predict(AttachedTransform.Encode(Transform, table));

    /// <summary>The model as JSON: method, options, columns, centroids, sizes, inertia and the transform — no customer
    /// rows.</summary>
    public string ToJson() =>
        ModelJson.Serialize(
            new KMeansModelDocument(
                ModelJson.Format,
                MethodName,
                Options,
                Columns,
                Enumerable.Range(0, Clusters).Select(c => Centroids.Row(c).ToArray()).ToArray(),
                clusterSizes,
                TrainingRows,
                Inertia,
                Iterations,
                Transform
            )
        );

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    public static KMeansModel FromJson(string json) => FromJson(json, "model JSON");

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
    public void Save(string path) => ModelJson.Save(path, ToJson());

    /// <summary>Reads a model file written by <see cref="Save"/>.</summary>
    public static KMeansModel Load(string path) => FromJson(ModelJson.Load(path), path);

    /// <inheritdoc />
    public override string ToString() => Summary(Language.English);

    /// <summary>"KMeansModel: k=6, n=4338, inertia=…, iterations=14" in <paramref name="language"/> (default
    /// <see cref="Language.Current"/>).</summary>
    public string Summary(Language? language = null) =>
        (language ?? Language.Current).Format(
            "Summary_KMeansModel",
            Clusters,
            TrainingRows,
            Inertia.ToString("0.####", CultureInfo.InvariantCulture),
            Iterations
        );

    internal static KMeansModel FromJson(string json, string source)
    {
        var document = ModelJson.DeserializeModel<KMeansModelDocument>(json, source, MethodName);
        document.Options.Validate();
        var d = document.Columns.Count;
        if (
            document.Centroids.Count != document.Options.Clusters
            || document.Centroids.Any(c => c.Length != d)
            || document.ClusterSizes.Count != document.Options.Clusters
        )
        {
            throw new DataFormatException(
                source,
                FormattableString.Invariant(
                    $"centroids and clusterSizes must have clusters={document.Options.Clusters} entries of "
                ) + FormattableString.Invariant($"columns={d} values")
            );
        }
        AttachedTransform.EnsureFits(document.Columns, document.Transform);
        return new KMeansModel(
            document.Options,
            document.Columns,
            document.Centroids.SelectMany(c => c).ToArray(),
            document.ClusterSizes.ToArray(),
            document.TrainingRows,
            document.Inertia,
            document.Iterations,
            [],
            document.Transform
        );
    }
}

internal sealed record KMeansModelDocument(
    string Format,
    string Method,
    KMeansOptions Options,
    IReadOnlyList<string> Columns,
    IReadOnlyList<double[]> Centroids,
    IReadOnlyList<int> ClusterSizes,
    int TrainingRows,
    double Inertia,
    int Iterations,
    FittedFeatureTransform? Transform
) : IModelDocument;
