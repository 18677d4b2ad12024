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
    /// Memory DuckDB may use, in DuckDB's size syntax (<c>8GB</c>, <c>512MB</c>). Null sizes it to the input: once a
    /// file is loaded, three times the file's size, at least 1 GiB, at most 40 % of the RAM
    /// (<see cref="TransactionStore.MemoryLimitFor"/>); before any load DuckDB's default (80 % of the RAM) holds. A
    /// 10M-line load bounded this way peaks near 2.8 GB instead of 4.4 GB for about 3 more seconds spilling
    /// (docs/performance.md); the outputs are the same bytes either way.
    /// </summary>
    public string? MemoryLimit { get; init; }

    /// <summary>
    /// Directory under which DuckDB spills once data outgrows <see cref="MemoryLimit"/>; null means the system's
    /// temporary directory. Each store spills into a fresh subdirectory of it (two runs never share spill files),
    /// removed when the store is disposed.
    /// </summary>
    public string? TempDirectory { get; init; }

    /// <summary>
    /// Bytes of input (what DuckDB reads) from which the store keeps its tables in a DuckDB database file in its own
    /// directory under <see cref="TempDirectory"/> instead of in memory; 1 GiB by default (a 13M-line CSV log). In
    /// memory DuckDB holds a log's staged text and clean table uncompressed, about 5.5 bytes per byte of CSV, and
    /// spills what outgrows the memory limit uncompressed (more than 48 GB for a 100M-line, 7.5 GiB log); in the file
    /// they are compressed (under 1 byte per byte of CSV) for a quarter more CPU time (docs/performance.md). The
    /// outputs are the same bytes either way.
    /// </summary>
    public long DiskFromInputBytes { get; init; } = DefaultDiskFromInputBytes;

    /// <summary>Default of <see cref="DiskFromInputBytes"/>: 1 GiB.</summary>
    public const long DefaultDiskFromInputBytes = 1L << 30;

    /// <summary>Throws <see cref="OptionsException"/> naming the first invalid option and its value.</summary>
    public void Validate()
    {
        if (Threads is { } t && t < 1)
            throw new OptionsException(FormattableString.Invariant($"threads={t} must be >= 1"));
        if (MemoryLimit is { } m && !SizePattern().IsMatch(m))
            throw new OptionsException($"memory-limit='{m}' must be a size such as 8GB, 512MB or 1.5GiB");
        if (DiskFromInputBytes < 0)
            throw new OptionsException(
                FormattableString.Invariant($"DiskFromInputBytes={DiskFromInputBytes} must be >= 0")
            );
        if (TempDirectory is { Length: 0 })
            throw new OptionsException("temp-directory='' must be a directory path");
    }

    [GeneratedRegex(
        @"^\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant
    )]
    private static partial Regex SizePattern();
}
