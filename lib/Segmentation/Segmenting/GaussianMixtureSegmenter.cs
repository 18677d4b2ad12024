using Segmentation.Common;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// Gaussian mixture fitted by EM on a scaled feature matrix. EM starts from the partition of a
/// <see cref="KMeansSegmenter"/> run (same seed and restarts), then alternates the E-step (responsibilities by
/// log-sum-exp) and the M-step (weights, means, full or diagonal covariances plus a small regularisation) until the
/// mean log-likelihood per row improves by less than the tolerance. Components are numbered by weight, largest
/// first. Deterministic: same input and seed ⇒ identical parameters and labels.
/// </summary>
public sealed class GaussianMixtureSegmenter : ISegmenter
{
    /// <summary>Creates the segmenter; the options are validated now (and against the data at fit time).</summary>
    public GaussianMixtureSegmenter(GaussianMixtureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The configuration.</summary>
    public GaussianMixtureOptions Options { get; }

    /// <inheritdoc />
    public string Name => GaussianMixtureModel.MethodName;

    /// <inheritdoc />
    public int Clusters => Options.Clusters;

    /// <inheritdoc />
    public ISegmenter With(int clusters, ulong seed) =>
        new GaussianMixtureSegmenter(Options with { Clusters = clusters, Seed = seed });

    /// <inheritdoc />
    ISegmentationModel ISegmenter.Fit(FeatureMatrix x, FittedFeatureTransform? transform) => Fit(x, transform);

    /// <summary>Fits the mixture; attach the <paramref name="transform"/> that produced the matrix to score feature
    /// tables later.</summary>
    public GaussianMixtureModel Fit(FeatureMatrix features, FittedFeatureTransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        Options.Validate(features.Rows);
        var k = Options.Clusters;
        var start = new KMeansSegmenter(
            new KMeansOptions
            {
                Clusters = k,
                Seed = Options.Seed,
                Restarts = Options.Restarts,
            }
        ).Fit(features, transform);

        var n = features.Rows;
        var responsibilities = new double[n * k];
        for (var i = 0; i < n; i++)
            responsibilities[i * k + start.Labels[i]] = 1;
        var parameters = GaussianMixtureParameters.Maximise(
            features,
            responsibilities,
            k,
            Options.Covariance,
            Options.Regularization
        );
        var logLikelihood = parameters.Expect(features, responsibilities, null);
        var iterations = 0;
        var converged = false;
        while (iterations < Options.MaxIterations)
        {
            parameters = GaussianMixtureParameters.Maximise(
                features,
                responsibilities,
                k,
                Options.Covariance,
                Options.Regularization
            );
            var next = parameters.Expect(features, responsibilities, null);
            iterations++;
            var improvement = (next - logLikelihood) / n;
            logLikelihood = next;
            if (Math.Abs(improvement) < Options.Tolerance)
            {
                converged = true;
                break;
            }
        }

        var d = features.ColumnCount;
        var keys = Enumerable.Range(0, k).Select(c => parameters.Means.AsSpan(c * d, d).ToArray()).ToArray();
        var ordered = parameters.Reordered(ClusterOrder.Canonical(parameters.Weights, keys));
        var labels = new int[n];
        logLikelihood = ordered.Expect(features, null, labels);
        var objective = 0.0;
        for (var i = 0; i < n; i++)
            objective += VectorMath.SquaredDistance(features.Row(i), ordered.Means.AsSpan(labels[i] * d, d));
        return new GaussianMixtureModel(
            Options,
            features.Columns,
            ordered,
            Lloyd.Sizes(labels, k),
            n,
            logLikelihood,
            iterations,
            converged,
            labels,
            transform,
            objective
        );
    }
}
