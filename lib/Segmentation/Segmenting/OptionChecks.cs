namespace Segmentation.Segmenting;

/// <summary>The checks every clustering option record shares, with messages naming the argument and both
/// values.</summary>
internal static class OptionChecks
{
    public static void Clustering(int clusters, int restarts, int maxIterations, int? rows)
    {
        if (clusters < 1)
            throw new OptionsException(FormattableString.Invariant($"clusters={clusters} must be >= 1"));
        if (restarts < 1)
            throw new OptionsException(FormattableString.Invariant($"restarts={restarts} must be >= 1"));
        if (maxIterations < 1)
            throw new OptionsException(FormattableString.Invariant($"maxIterations={maxIterations} must be >= 1"));
        if (rows is { } n && clusters > n)
            throw new OptionsException(FormattableString.Invariant($"clusters={clusters} must be <= rows={n}"));
    }

    public static void Positive(string name, double value)
    {
        if (!(value > 0 && double.IsFinite(value)))
            throw new OptionsException(FormattableString.Invariant($"{name}={value} must be > 0 and finite"));
    }
}
