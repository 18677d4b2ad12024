namespace Segmentation.Metrics;

/// <summary>
/// Options of <see cref="ClusterQuality.Silhouette"/>. The default is the exact coefficient over
/// every row on every core; the result is bit-identical for any <see cref="MaxDegreeOfParallelism"/>.
/// </summary>
public sealed record SilhouetteOptions
{
    /// <summary>
    /// When set and smaller than the number of rows, the silhouette is computed on a stratified
    /// sample of about this many rows: every label keeps its share (largest-remainder rounding,
    /// at least one row per label), rows drawn without replacement with <see cref="Seed"/>.
    /// Null (the default) means exact, over all rows.
    /// </summary>
    public int? SampleSize { get; init; }

    /// <summary>Seed of the stratified sample (unused when exact).</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Threads used: -1 (the default) for every core, or a positive count. Does not change the
    /// result.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        if (SampleSize is { } size && size < 2)
            throw new OptionsException(FormattableString.Invariant($"sampleSize={size} must be >= 2"));
        if (MaxDegreeOfParallelism is 0 or < -1)
            throw new OptionsException(
                FormattableString.Invariant($"maxDegreeOfParallelism={MaxDegreeOfParallelism} must be -1 or >= 1")
            );
    }
}
