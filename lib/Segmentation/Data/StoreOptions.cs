using System.Text.RegularExpressions;

namespace Segmentation.Data;

/// <summary>
/// How the DuckDB engine behind a <see cref="TransactionStore"/> may use the machine. With <see cref="MemoryLimit"/>
/// set, DuckDB's memory is bounded and larger data spills to a directory of its own under
/// <see cref="TempDirectory"/> instead of growing with the input.
/// </summary>
public sealed partial record StoreOptions
{
    /// <summary>Worker threads; null keeps DuckDB's default (all cores).</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Memory DuckDB may use, in DuckDB's size syntax (<c>8GB</c>, <c>512MB</c>); null keeps DuckDB's default (80 % of
    /// the RAM). A 10M-line load under 2GB peaks near 2.3 GB instead of 4.2 GB but spends 12–18 more CPU-seconds
    /// spilling (docs/performance.md); the outputs are the same bytes either way.
    /// </summary>
    public string? MemoryLimit { get; init; }

    /// <summary>
    /// Directory under which DuckDB spills once data outgrows <see cref="MemoryLimit"/>; null means the system's
    /// temporary directory. Each store spills into a fresh subdirectory of it (two runs never share spill files),
    /// removed when the store is disposed.
    /// </summary>
    public string? TempDirectory { get; init; }

    /// <summary>Throws <see cref="OptionsException"/> naming the first invalid option and its value.</summary>
    public void Validate()
    {
        if (Threads is { } t && t < 1)
            throw new OptionsException(FormattableString.Invariant($"threads={t} must be >= 1"));
        if (MemoryLimit is { } m && !SizePattern().IsMatch(m))
            throw new OptionsException($"memory-limit='{m}' must be a size such as 8GB, 512MB or 1.5GiB");
        if (TempDirectory is { Length: 0 })
            throw new OptionsException("temp-directory='' must be a directory path");
    }

    [GeneratedRegex(
        @"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
    )]
    private static partial Regex SizePattern();
}
