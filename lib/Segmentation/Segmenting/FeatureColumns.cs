namespace Segmentation.Segmenting;

/// <summary>Checks that a matrix has exactly the feature columns a model was fitted on, in the same order.</summary>
internal static class FeatureColumns
{
    public static void EnsureSame(
        IReadOnlyList<string> expected,
        IReadOnlyList<string> actual,
        string what = "feature columns",
        string reference = "the model's"
    )
    {
        if (expected.SequenceEqual(actual, StringComparer.Ordinal))
            return;
        var missing = expected.Except(actual, StringComparer.Ordinal).ToArray();
        var unexpected = actual.Except(expected, StringComparer.Ordinal).ToArray();
        if (missing.Length == 0 && unexpected.Length == 0)
        {
            throw new OptionsException(
                $"{what} are in another order than {reference}: expected [{string.Join(", ", expected)}], "
                    + $"got [{string.Join(", ", actual)}]"
            );
        }
        var parts = new List<string>();
        if (missing.Length > 0)
            parts.Add($"missing [{string.Join(", ", missing)}]");
        if (unexpected.Length > 0)
            parts.Add($"unexpected [{string.Join(", ", unexpected)}]");
        throw new OptionsException($"{what} differ from {reference}: {string.Join("; ", parts)}");
    }
}
