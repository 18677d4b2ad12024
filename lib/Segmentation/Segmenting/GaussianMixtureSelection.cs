using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>Fit statistics of one candidate number of components.</summary>
/// <param name="Clusters">Number of components k.</param>
/// <param name="LogLikelihood">Total log-likelihood of the training rows.</param>
/// <param name="Parameters">Number of free parameters p.</param>
/// <param name="Bic">−2 log L + p ln n; lower is better.</param>
/// <param name="Aic">−2 log L + 2p; lower is better.</param>
/// <param name="Converged">Whether EM met its tolerance.</param>
public sealed record GaussianMixtureCandidate(
    int Clusters,
    double LogLikelihood,
    int Parameters,
    double Bic,
    double Aic,
    bool Converged
);

/// <summary>
/// The choice of the number of mixture components by the Bayesian information criterion: one mixture per k in a
/// range, the lowest BIC wins (the smaller k on an exact tie).
/// </summary>
public sealed class GaussianMixtureSelection
{
    private GaussianMixtureSelection(IReadOnlyList<GaussianMixtureCandidate> candidates, GaussianMixtureModel best)
    {
        Candidates = candidates;
        Best = best;
    }

    /// <summary>Every candidate k with its fit statistics, in increasing k.</summary>
    public IReadOnlyList<GaussianMixtureCandidate> Candidates { get; }

    /// <summary>The mixture with the lowest BIC.</summary>
    public GaussianMixtureModel Best { get; }

    /// <summary>
    /// Fits a mixture for every k in [<paramref name="minClusters"/>, <paramref name="maxClusters"/>] with the other
    /// settings of <paramref name="options"/> (its <see cref="GaussianMixtureOptions.Clusters"/> is replaced; default
    /// options when null) and keeps the one with the lowest BIC.
    /// </summary>
    public static GaussianMixtureSelection ByBic(
        FeatureMatrix features,
        int minClusters,
        int maxClusters,
        GaussianMixtureOptions? options = null,
        FittedFeatureTransform? transform = null
    )
    {
        ArgumentNullException.ThrowIfNull(features);
        if (minClusters < 1)
            throw new OptionsException(FormattableString.Invariant($"minClusters={minClusters} must be >= 1"));
        if (maxClusters < minClusters)
            throw new OptionsException(
                FormattableString.Invariant($"maxClusters={maxClusters} must be >= minClusters={minClusters}")
            );
        if (maxClusters > features.Rows)
            throw new OptionsException(
                FormattableString.Invariant($"maxClusters={maxClusters} must be <= rows={features.Rows}")
            );
        var template = options ?? new GaussianMixtureOptions { Clusters = minClusters };

        var candidates = new List<GaussianMixtureCandidate>();
        GaussianMixtureModel? best = null;
        for (var k = minClusters; k <= maxClusters; k++)
        {
            var model = new GaussianMixtureSegmenter(template with { Clusters = k }).Fit(features, transform);
            candidates.Add(
                new GaussianMixtureCandidate(
                    k,
                    model.LogLikelihood,
                    model.Parameters,
                    model.Bic,
                    model.Aic,
                    model.Converged
                )
            );
            if (best is null || model.Bic < best.Bic)
                best = model;
        }
        return new GaussianMixtureSelection(candidates, best!);
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"GaussianMixtureSelection: k={Best.Clusters} by BIC among ")
        + FormattableString.Invariant($"k={Candidates[0].Clusters}..{Candidates[^1].Clusters}");
}
