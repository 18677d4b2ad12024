using System.Globalization;
using Segmentation.Common.Text;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// A fitted k-prototypes segmentation: numeric centres, categorical modes, γ, cost and training labels. Immutable;
/// saved as JSON without any customer row (<see cref="Labels"/> are not saved).
/// </summary>
public sealed class KPrototypesModel : ISegmentationModel
{
    /// <summary>The value of the <c>method</c> field in the saved model.</summary>
    public const string MethodName = "k-prototypes";

    private readonly Prototypes prototypes;
    private readonly string[][] modes;
    private readonly int[] clusterSizes;
    private readonly int[] labels;
    private readonly string[][] modeLevels;

    internal KPrototypesModel(
        KPrototypesOptions options,
        IReadOnlyList<string> numericColumns,
        IReadOnlyList<string> categoricalColumns,
        double[] centroids,
        string[][] modes,
        double gamma,
        int[] clusterSizes,
        int trainingRows,
        double cost,
        int iterations,
        int[] labels,
        FittedFeatureTransform? transform
    )
    {
        Options = options;
        NumericColumns = numericColumns.ToArray();
        CategoricalColumns = categoricalColumns.ToArray();
        this.modes = modes;
        this.clusterSizes = clusterSizes;
        this.labels = labels;
        Gamma = gamma;
        TrainingRows = trainingRows;
        Cost = cost;
        Iterations = iterations;
        Transform = transform;
        Clusters = clusterSizes.Length;
        Centroids = new FeatureMatrix(NumericColumns, centroids, MatrixShape.OrdinalKeys(Clusters));
        // Modes are matched by their own string; the codes only need to be equal for equal strings.
        modeLevels = Enumerable
            .Range(0, CategoricalColumns.Count)
            .Select(j => modes.Select(m => m[j]).Distinct(StringComparer.Ordinal).ToArray())
            .ToArray();
        prototypes = new Prototypes(
            centroids,
            Enumerable
                .Range(0, Clusters)
                .SelectMany(c =>
                    Enumerable.Range(0, CategoricalColumns.Count).Select(j => Array.IndexOf(modeLevels[j], modes[c][j]))
                )
                .ToArray()
        );
    }

    /// <inheritdoc />
    public string Name => MethodName;

    /// <summary>The options the model was fitted with.</summary>
    public KPrototypesOptions Options { get; }

    /// <summary>Number of clusters k.</summary>
    public int Clusters { get; }

    /// <summary>Numeric feature columns the model expects, in order.</summary>
    public IReadOnlyList<string> NumericColumns { get; }

    /// <summary>Categorical columns the model expects, in order.</summary>
    public IReadOnlyList<string> CategoricalColumns { get; }

    /// <summary>Numeric centres (k rows × the numeric columns), in the transformed space.</summary>
    public FeatureMatrix Centroids { get; }

    /// <summary>Categorical modes: <c>Modes[cluster][column]</c>.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Modes => modes;

    /// <summary>The weight of one categorical mismatch that was used.</summary>
    public double Gamma { get; }

    /// <summary>Number of training rows in each cluster; clusters are numbered by size, largest first.</summary>
    public IReadOnlyList<int> ClusterSizes => clusterSizes;

    /// <summary>Number of training rows (n).</summary>
    public int TrainingRows { get; }

    /// <summary>0-based cluster of every training row; empty for a model loaded from JSON.</summary>
    public IReadOnlyList<int> Labels => labels;

    /// <summary>Total cost: Σ squared numeric distance + γ × categorical mismatches, over the training rows.</summary>
    public double Cost { get; }

    /// <summary>The k-prototypes objective: <see cref="Cost"/>.</summary>
    double ISegmentationModel.Objective => Cost;

    /// <summary>Assignment passes of the kept restart until no row changed cluster.</summary>
    public int Iterations { get; }

    /// <summary>The fitted transform of the numeric part, if attached at fit time.</summary>
    public FittedFeatureTransform? Transform { get; }

    /// <summary>The nearest prototype of every customer; throws <see cref="OptionsException"/> if columns or row keys
    /// differ.</summary>
    public int[] Predict(FeatureMatrix numeric, CategoricalMatrix categorical)
    {
        ArgumentNullException.ThrowIfNull(numeric);
        ArgumentNullException.ThrowIfNull(categorical);
        FeatureColumns.EnsureSame(NumericColumns, numeric.Columns, "numeric feature columns");
        FeatureColumns.EnsureSame(CategoricalColumns, categorical.Columns, "categorical columns");
        MixedData.EnsureAligned(numeric, categorical);
        numeric.EnsureFinite();
        var codes = MixedData.Encode(categorical, modeLevels);
        var m = CategoricalColumns.Count;
        var result = new int[numeric.Rows];
        for (var i = 0; i < numeric.Rows; i++)
            result[i] = MixedData.Nearest(numeric.Row(i), codes.AsSpan(i * m, m), prototypes, Gamma, out _);
        return result;
    }

    /// <summary>
    /// Not meaningful for k-prototypes, which also needs the categorical columns: throws <see cref="OptionsException"/>
    /// pointing to <see cref="Predict(FeatureTable)"/> and <see cref="Predict(FeatureMatrix, CategoricalMatrix)"/>.
    /// </summary>
    int[] ISegmentationModel.Predict(FeatureMatrix features) =>
        throw new OptionsException(
            "k-prototypes needs the categorical columns too: call Predict(FeatureTable) or "
                + "Predict(FeatureMatrix, CategoricalMatrix)"
        );

    /// <summary>Encodes the numeric columns with the attached <see cref="Transform"/>, takes the categorical columns
    /// raw, and predicts.</summary>
    public int[] Predict(FeatureTable table) =>
        Predict(
            AttachedTransform.Encode(
                Transform,
                table,
                "build the matrices yourself and call Predict(FeatureMatrix, CategoricalMatrix)"
            ),
            CategoricalMatrix.FromTable(table, CategoricalColumns)
        );

    /// <summary>The model as JSON: method, options, columns, centres, modes, γ, sizes, cost and the transform — no
    /// customer rows.</summary>
    public string ToJson() =>
        ModelJson.Serialize(
            new KPrototypesModelDocument(
                ModelJson.Format,
                MethodName,
                Options,
                NumericColumns,
                CategoricalColumns,
                Enumerable.Range(0, Clusters).Select(c => Centroids.Row(c).ToArray()).ToArray(),
                modes,
                Gamma,
                clusterSizes,
                TrainingRows,
                Cost,
                Iterations,
                Transform
            )
        );

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    public static KPrototypesModel FromJson(string json) => FromJson(json, "model JSON");

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
    public void Save(string path) => ModelJson.Save(path, ToJson());

    /// <summary>Reads a model file written by <see cref="Save"/>.</summary>
    public static KPrototypesModel Load(string path) => FromJson(ModelJson.Load(path), path);

    /// <inheritdoc />
    public override string ToString() => Summary(Language.English);

    /// <summary>"KPrototypesModel: k=6, n=4338, cost=…, gamma=…, iterations=5" in <paramref name="language"/>
    /// (default <see cref="Language.Current"/>).</summary>
    public string Summary(Language? language = null) =>
        (language ?? Language.Current).Format(
            "Summary_KPrototypesModel",
            Clusters,
            TrainingRows,
            Cost.ToString("0.####", CultureInfo.InvariantCulture),
            Gamma.ToString("0.####", CultureInfo.InvariantCulture),
            Iterations
        );

    internal static KPrototypesModel FromJson(string json, string source)
    {
        var document = ModelJson.DeserializeModel<KPrototypesModelDocument>(json, source, MethodName);
        document.Options.Validate();
        OptionChecks.Positive("gamma", document.Gamma);
        var k = document.Options.Clusters;
        if (
            document.Centroids.Count != k
            || document.Centroids.Any(c => c.Length != document.NumericColumns.Count)
            || document.Modes.Count != k
            || document.Modes.Any(m => m.Length != document.CategoricalColumns.Count)
            || document.ClusterSizes.Count != k
        )
        {
            throw new DataFormatException(
                source,
                FormattableString.Invariant(
                    $"centroids, modes and clusterSizes must have clusters={k} entries matching the columns"
                )
            );
        }
        AttachedTransform.EnsureFits(document.NumericColumns, document.Transform);
        return new KPrototypesModel(
            document.Options,
            document.NumericColumns,
            document.CategoricalColumns,
            document.Centroids.SelectMany(c => c).ToArray(),
            document.Modes.ToArray(),
            document.Gamma,
            document.ClusterSizes.ToArray(),
            document.TrainingRows,
            document.Cost,
            document.Iterations,
            [],
            document.Transform
        );
    }
}

internal sealed record KPrototypesModelDocument(
    string Format,
    string Method,
    KPrototypesOptions Options,
    IReadOnlyList<string> NumericColumns,
    IReadOnlyList<string> CategoricalColumns,
    IReadOnlyList<double[]> Centroids,
    IReadOnlyList<string[]> Modes,
    double Gamma,
    IReadOnlyList<int> ClusterSizes,
    int TrainingRows,
    double Cost,
    int Iterations,
    FittedFeatureTransform? Transform
) : IModelDocument;
