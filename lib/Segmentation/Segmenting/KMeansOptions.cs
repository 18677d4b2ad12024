using Segmentation.Common;

namespace Segmentation.Segmenting;

/// <summary>Configuration of <see cref="KMeansSegmenter"/>; defaults declared here and validated in
/// <see cref="Validate"/>.</summary>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters k (required, ≥ 1 and ≤ the number of distinct rows).</summary>
    public required int Clusters { get; init; }

    /// <summary>Seed of every random choice; restart <c>r</c> uses a seed derived from this one and <c>r</c>.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Independent ML.NET fits (different seeds); the one whose centroids give the lowest inertia is kept.
    /// Default 10.</summary>
    public int Restarts { get; init; } = 10;

    /// <summary>
    /// Cap on ML.NET's iterations in each restart (its own convergence test may stop it sooner). The restarts only
    /// have to tell the basins apart; the best-scored ones are then refined to convergence
    /// (<see cref="RefinedRestarts"/>, <see cref="MaxIterations"/>). Default 10.
    /// </summary>
    public int RestartIterations { get; init; } = 10;

    /// <summary>
    /// How many of the lowest-scored restarts are refined to convergence before the lowest inertia is kept (at most
    /// <see cref="Restarts"/>; set it to <see cref="Restarts"/> to refine every restart). Default 2.
    /// </summary>
    public int RefinedRestarts { get; init; } = 2;

    /// <summary>Cap on the double-precision Lloyd passes that refine the kept restart until no row changes cluster.
    /// Default 300 (scikit-learn's max_iter).</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Throws <see cref="OptionsException"/> naming the argument and both values; <paramref name="rows"/> when
    /// known.</summary>
    public void Validate(int? rows = null)
    {
        OptionChecks.Clustering(Clusters, Restarts, MaxIterations, rows);
        if (RestartIterations < 1)
            throw new OptionsException(
                FormattableString.Invariant($"restartIterations={RestartIterations} must be >= 1")
            );
        if (RefinedRestarts < 1)
            throw new OptionsException(FormattableString.Invariant($"refinedRestarts={RefinedRestarts} must be >= 1"));
    }

    /// <summary>The ML.NET seed of restart <paramref name="restart"/>: a fixed function of <see cref="Seed"/> and the
    /// restart index.</summary>
    internal int RestartSeed(int restart) =>
        (int)(SeededRandom.Fork((ulong)SegmenterSeed.Fold(Seed), (ulong)restart).NextUInt64() >> 33);
}
