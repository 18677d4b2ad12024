using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// A fitted Gaussian mixture: weights, means and covariances per component, log-likelihood, BIC and the training
/// labels (most probable component). Immutable; saved as JSON without any customer row.
/// </summary>
public sealed class GaussianMixtureModel : ISegmentationModel
{
    /// <summary>The value of the <c>method</c> field in the saved model.</summary>
    public const string MethodName = "gaussian-mixture";

    private readonly GaussianMixtureParameters parameters;
    private readonly int[] clusterSizes;
    private readonly int[] labels;

    internal GaussianMixtureModel(
        GaussianMixtureOptions options,
        IReadOnlyList<string> columns,
        GaussianMixtureParameters parameters,
        int[] clusterSizes,
        int trainingRows,
        double logLikelihood,
        int iterations,
        bool converged,
        int[] labels,
        FittedFeatureTransform? transform,
        double objective
    )
    {
        Objective = objective;
        Options = options;
        Columns = columns.ToArray();
        this.parameters = parameters;
        this.clusterSizes = clusterSizes;
        this.labels = labels;
        TrainingRows = trainingRows;
        LogLikelihood = logLikelihood;
        Iterations = iterations;
        Converged = converged;
        Transform = transform;
        Clusters = parameters.Clusters;
        Parameters = GaussianMixtureParameters.ParameterCount(options.Covariance, Clusters, Columns.Count);
        Bic = -2 * logLikelihood + Parameters * Math.Log(trainingRows);
        Aic = -2 * logLikelihood + 2.0 * Parameters;
        Means = new FeatureMatrix(Columns, parameters.Means, MatrixShape.OrdinalKeys(Clusters));
    }

    /// <inheritdoc />
    public string Name => MethodName;

    /// <summary>The options the model was fitted with.</summary>
    public GaussianMixtureOptions Options { get; }

    /// <summary>Number of components k.</summary>
    public int Clusters { get; }

    /// <summary>Feature columns the model expects, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Mixing proportions π, summing to 1; components are numbered by weight, largest first.</summary>
    public IReadOnlyList<double> Weights => parameters.Weights;

    /// <summary>Component means (k rows × the feature columns), in the scaled space.</summary>
    public FeatureMatrix Means { get; }

    /// <summary>Number of training rows whose most probable component is each component.</summary>
    public IReadOnlyList<int> ClusterSizes => clusterSizes;

    /// <summary>Number of training rows (n).</summary>
    public int TrainingRows { get; }

    /// <summary>Most probable component of every training row; empty for a model loaded from JSON.</summary>
    public IReadOnlyList<int> Labels => labels;

    /// <summary>Total log-likelihood of the training rows (natural log).</summary>
    public double LogLikelihood { get; }

    /// <summary>Number of free parameters (k − 1 weights, means, covariance entries).</summary>
    public int Parameters { get; }

    /// <summary>Bayesian information criterion −2 log L + p ln n; lower is better.</summary>
    public double Bic { get; }

    /// <summary>Akaike information criterion −2 log L + 2p; lower is better.</summary>
    public double Aic { get; }

    /// <summary>
    /// Sum over the training rows of the squared distance to the mean of their most probable component, in the scaled
    /// space (the spread a k-scan reads; EM itself maximises <see cref="LogLikelihood"/>). NaN for a model saved
    /// without it.
    /// </summary>
    public double Objective { get; }

    /// <summary>EM iterations run.</summary>
    public int Iterations { get; }

    /// <summary>Whether EM met the tolerance before <see cref="GaussianMixtureOptions.MaxIterations"/>.</summary>
    public bool Converged { get; }

    /// <summary>The fitted feature transform attached at fit time, if any.</summary>
    public FittedFeatureTransform? Transform { get; }

    /// <summary>The covariance matrix of a component (d × d; zeros off the diagonal for diagonal covariance).</summary>
    public double[,] Covariance(int cluster)
    {
        if (cluster < 0 || cluster >= Clusters)
            throw new OptionsException(
                FormattableString.Invariant($"cluster={cluster} must be >= 0 and < clusters={Clusters}")
            );
        var d = Columns.Count;
        var result = new double[d, d];
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
            {
                result[a, b] =
                    parameters.Type == CovarianceType.Full ? parameters.Covariances[cluster * d * d + a * d + b]
                    : a == b ? parameters.Covariances[cluster * d + a]
                    : 0;
            }
        }
        return result;
    }

    /// <summary>The most probable component of every row; throws <see cref="OptionsException"/> if the columns
    /// differ.</summary>
    public int[] Predict(FeatureMatrix features)
    {
        Check(features);
        var result = new int[features.Rows];
        parameters.Expect(features, null, result);
        return result;
    }

    /// <summary>Encodes <paramref name="table"/> with the attached <see cref="Transform"/>, then predicts.</summary>
    public int[] Predict(FeatureTable table) => Predict(AttachedTransform.Encode(Transform, table));

    /// <summary>Posterior probability of every component for every row: columns "0".."k-1", row keys kept.</summary>
    public FeatureMatrix PredictProbabilities(FeatureMatrix features)
    {
        Check(features);
        var probabilities = new double[features.Rows * Clusters];
        parameters.Expect(features, probabilities, null);
        return new FeatureMatrix(Means.RowKeys, probabilities, features.RowKeys);
    }

    /// <summary>The model as JSON: method, options, columns, weights, means, covariances, fit statistics and the
    /// transform — no customer rows.</summary>
    public string ToJson()
    {
        var d = Columns.Count;
        var size = parameters.Covariances.Length / Clusters;
        return ModelJson.Serialize(
            new GaussianMixtureModelDocument(
                ModelJson.Format,
                MethodName,
                Options,
                Columns,
                parameters.Weights,
                Enumerable.Range(0, Clusters).Select(c => parameters.Means.AsSpan(c * d, d).ToArray()).ToArray(),
                Enumerable
                    .Range(0, Clusters)
                    .Select(c => parameters.Covariances.AsSpan(c * size, size).ToArray())
                    .ToArray(),
                clusterSizes,
                TrainingRows,
                LogLikelihood,
                Iterations,
                Converged,
                Transform,
                Objective
            )
        );
    }

    /// <summary>Reads a model written by <see cref="ToJson"/>.</summary>
    public static GaussianMixtureModel FromJson(string json) => FromJson(json, "model JSON");

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
    public void Save(string path) => ModelJson.Save(path, ToJson());

    /// <summary>Reads a model file written by <see cref="Save"/>.</summary>
    public static GaussianMixtureModel Load(string path) => FromJson(ModelJson.Load(path), path);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant(
            $"GaussianMixtureModel: k={Clusters}, n={TrainingRows}, covariance={Options.Covariance}, "
        )
        + FormattableString.Invariant(
            $"logLikelihood={LogLikelihood:0.####}, bic={Bic:0.####}, iterations={Iterations}"
        );

    private void Check(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        FeatureColumns.EnsureSame(Columns, features.Columns);
        features.EnsureFinite();
    }

    internal static GaussianMixtureModel FromJson(string json, string source)
    {
        var document = ModelJson.DeserializeModel<GaussianMixtureModelDocument>(json, source, MethodName);
        document.Options.Validate();
        var k = document.Options.Clusters;
        var d = document.Columns.Count;
        var size = document.Options.Covariance == CovarianceType.Full ? d * d : d;
        if (
            document.Weights.Count != k
            || document.Means.Count != k
            || document.Means.Any(m => m.Length != d)
            || document.Covariances.Count != k
            || document.Covariances.Any(c => c.Length != size)
            || document.ClusterSizes.Count != k
        )
        {
            throw new DataFormatException(
                source,
                FormattableString.Invariant(
                    $"weights, means, covariances and clusterSizes must have clusters={k} entries matching columns={d}"
                )
            );
        }
        AttachedTransform.EnsureFits(document.Columns, document.Transform);
        var parameters = new GaussianMixtureParameters(
            document.Options.Covariance,
            d,
            document.Weights.ToArray(),
            document.Means.SelectMany(m => m).ToArray(),
            document.Covariances.SelectMany(c => c).ToArray()
        );
        return new GaussianMixtureModel(
            document.Options,
            document.Columns,
            parameters,
            document.ClusterSizes.ToArray(),
            document.TrainingRows,
            document.LogLikelihood,
            document.Iterations,
            document.Converged,
            [],
            document.Transform,
            document.Objective ?? double.NaN
        );
    }
}

internal sealed record GaussianMixtureModelDocument(
    string Format,
    string Method,
    GaussianMixtureOptions Options,
    IReadOnlyList<string> Columns,
    IReadOnlyList<double> Weights,
    IReadOnlyList<double[]> Means,
    IReadOnlyList<double[]> Covariances,
    IReadOnlyList<int> ClusterSizes,
    int TrainingRows,
    double LogLikelihood,
    int Iterations,
    bool Converged,
    FittedFeatureTransform? Transform,
    double? Objective = null
) : IModelDocument;
