namespace Segmentation.Segmenting;

/// <summary>Shape of each component's covariance matrix.</summary>
public enum CovarianceType
{
    /// <summary>A full d × d covariance per component (correlated features, e.g. frequency and monetary).</summary>
    Full,

    /// <summary>Only variances per component (features independent within a segment); fewer parameters.</summary>
    Diagonal,
}

/// <summary>Configuration of <see cref="GaussianMixtureSegmenter"/>; defaults declared here and validated in
/// <see cref="Validate"/>.</summary>
public sealed record GaussianMixtureOptions
{
    /// <summary>Number of mixture components k (required, ≥ 1 and ≤ the number of distinct rows).</summary>
    public required int Clusters { get; init; }

    /// <summary>Full (default) or diagonal covariance matrices.</summary>
    public CovarianceType Covariance { get; init; } = CovarianceType.Full;

    /// <summary>Seed of the k-means initialisation.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Restarts of the k-means run whose partition initialises EM. Default 5.</summary>
    public int Restarts { get; init; } = 5;

    /// <summary>Cap on EM iterations. Default 300.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>EM stops when the mean log-likelihood per row improves by less than this. Default 1e-6.</summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Added to every variance (the covariance diagonal) to keep components non-degenerate. Default
    /// 1e-6.</summary>
    public double Regularization { get; init; } = 1e-6;

    /// <summary>Throws <see cref="OptionsException"/> naming the argument and both values; <paramref name="rows"/> when
    /// known.</summary>
    public void Validate(int? rows = null)
    {
        OptionChecks.Positive("tolerance", Tolerance);
        OptionChecks.Positive("regularization", Regularization);
        if (!Enum.IsDefined(Covariance))
            throw new OptionsException($"covariance={Covariance} must be full or diagonal");
        OptionChecks.Clustering(Clusters, Restarts, MaxIterations, rows);
    }
}
