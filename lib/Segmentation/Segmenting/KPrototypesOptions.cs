namespace Segmentation.Segmenting;

/// <summary>Configuration of <see cref="KPrototypesSegmenter"/>; defaults declared here and validated in
/// <see cref="Validate"/>.</summary>
public sealed record KPrototypesOptions
{
    /// <summary>Number of clusters k (required, ≥ 1 and ≤ the number of distinct rows).</summary>
    public required int Clusters { get; init; }

    /// <summary>Seed of the initialisation; restart <c>r</c> draws from a stream derived from this seed and
    /// <c>r</c>.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Independent initialisations; the one with the lowest cost is kept. Default 10.</summary>
    public int Restarts { get; init; } = 10;

    /// <summary>Cap on assignment passes per restart. Default 100.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// Weight γ of one categorical mismatch against squared Euclidean distance on the numeric columns. Null (default):
    /// the mean standard deviation of the numeric columns, as Huang (1997) suggests (1 for z-scored columns).
    /// </summary>
    public double? Gamma { get; init; }

    /// <summary>Throws <see cref="OptionsException"/> naming the argument and both values; <paramref name="rows"/> when
    /// known.</summary>
    public void Validate(int? rows = null)
    {
        if (Gamma is { } gamma)
            OptionChecks.Positive("gamma", gamma);
        OptionChecks.Clustering(Clusters, Restarts, MaxIterations, rows);
    }
}
