namespace Segmentation.Privacy;

/// <summary>What to do with a group smaller than the minimum size.</summary>
public enum SmallGroupAction
{
    /// <summary>Merge small groups into one "other" group (suppressed in turn if it is still small).</summary>
    Merge,

    /// <summary>Leave small groups out of the output.</summary>
    Suppress,
}

/// <summary>How reports protect small groups.</summary>
public sealed record DisclosureOptions
{
    /// <summary>Default minimum group size shown in any report.</summary>
    public const int DefaultMinimumGroupSize = 10;

    /// <summary>Groups of fewer customers than this are never shown on their own.</summary>
    public int MinimumGroupSize { get; init; } = DefaultMinimumGroupSize;

    /// <summary>Merge or suppress small groups.</summary>
    public SmallGroupAction Action { get; init; } = SmallGroupAction.Merge;

    /// <summary>Name of the merged group.</summary>
    public string MergedGroupName { get; init; } = "Other (small groups)";

    /// <summary>Throws <see cref="OptionsException"/> when an option is out of range.</summary>
    public DisclosureOptions Validate()
    {
        if (MinimumGroupSize < 1)
            throw new OptionsException(
                FormattableString.Invariant($"minimumGroupSize={MinimumGroupSize} must be >= 1")
            );
        if (string.IsNullOrWhiteSpace(MergedGroupName))
            throw new OptionsException("mergedGroupName must not be empty");
        return this;
    }
}

/// <summary>A group and its number of customers.</summary>
/// <param name="Name">Group name.</param>
/// <param name="Count">Number of customers.</param>
public readonly record struct GroupCount(string Name, long Count);

/// <summary>The groups a report may show, and what was done to the others.</summary>
/// <param name="Shown">Groups of at least the minimum size (and the merged group, when it is large enough), in input
/// order.</param>
/// <param name="MergedGroups">Names of the groups folded into the merged group.</param>
/// <param name="SuppressedGroups">Names of the groups left out entirely.</param>
/// <param name="SuppressedCount">Customers in the suppressed groups.</param>
/// <param name="Note">One sentence for the report saying what was merged or suppressed; empty when nothing was.</param>
public sealed record DisclosureResult(
    IReadOnlyList<GroupCount> Shown,
    IReadOnlyList<string> MergedGroups,
    IReadOnlyList<string> SuppressedGroups,
    long SuppressedCount,
    string Note
)
{
    /// <summary>True when every group was shown as it is.</summary>
    public bool Unchanged => MergedGroups.Count == 0 && SuppressedGroups.Count == 0;
}

/// <summary>
/// Small-group protection for reports: no table, chart or persona shows a group of fewer than
/// <see cref="DisclosureOptions.MinimumGroupSize"/> customers (default 10).
/// </summary>
public static class SmallGroups
{
    /// <summary>Applies the policy to a list of groups.</summary>
    public static DisclosureResult Protect(IReadOnlyList<GroupCount> groups, DisclosureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var o = (options ?? new DisclosureOptions()).Validate();
        var shown = new List<GroupCount>();
        var small = new List<GroupCount>();
        foreach (var g in groups)
        {
            if (g.Count < 0)
                throw new OptionsException(
                    FormattableString.Invariant($"group '{g.Name}' count={g.Count} must be >= 0")
                );
            if (g.Count == 0)
                continue;
            (g.Count >= o.MinimumGroupSize ? shown : small).Add(g);
        }
        if (small.Count == 0)
            return new DisclosureResult(shown, [], [], 0, "");

        var merged = new List<string>();
        var suppressed = new List<string>();
        long suppressedCount = 0;
        var total = small.Sum(g => g.Count);
        if (o.Action == SmallGroupAction.Merge && total >= o.MinimumGroupSize)
        {
            shown.Add(new GroupCount(o.MergedGroupName, total));
            merged.AddRange(small.Select(g => g.Name));
        }
        else
        {
            suppressed.AddRange(small.Select(g => g.Name));
            suppressedCount = total;
        }
        var note =
            merged.Count > 0
                ? FormattableString.Invariant(
                    $"{merged.Count} group(s) with fewer than {o.MinimumGroupSize} customers were merged "
                ) + FormattableString.Invariant($"into '{o.MergedGroupName}' ({total} customers).")
                : FormattableString.Invariant(
                    $"{suppressed.Count} group(s) with fewer than {o.MinimumGroupSize} customers "
                ) + FormattableString.Invariant($"({suppressedCount} customers in all) are not shown.");
        return new DisclosureResult(shown, merged, suppressed, suppressedCount, note);
    }

    /// <summary>
    /// Cell suppression for cross-tabulations (e.g. migration matrices): a count that is positive but
    /// below the minimum becomes null. Returns the protected table and how many cells were suppressed.
    /// </summary>
    public static (long?[,] Counts, int SuppressedCells) SuppressCells(
        long[,] counts,
        int minimumGroupSize = DisclosureOptions.DefaultMinimumGroupSize
    )
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (minimumGroupSize < 1)
            throw new OptionsException(
                FormattableString.Invariant($"minimumGroupSize={minimumGroupSize} must be >= 1")
            );
        var rows = counts.GetLength(0);
        var columns = counts.GetLength(1);
        var result = new long?[rows, columns];
        var suppressed = 0;
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                var c = counts[i, j];
                if (c > 0 && c < minimumGroupSize)
                {
                    suppressed++;
                    continue;
                }
                result[i, j] = c;
            }
        }
        return (result, suppressed);
    }
}
