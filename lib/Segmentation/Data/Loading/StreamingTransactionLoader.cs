using Segmentation.Data.Cleaning;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Loading;

/// <summary>Receives the clean lines of a streamed load (<see cref="StreamingTransactionLoader"/>), one call per line,
/// in no set order.</summary>
public interface ICleanLineSink
{
    /// <summary>One clean line: trimmed ids, its timestamp, quantity and unit price as the clean table would hold
    /// them.</summary>
    void Add(
        ReadOnlySpan<char> customerId,
        ReadOnlySpan<char> orderId,
        DateTime timestamp,
        decimal quantity,
        decimal unitPrice
    );
}

/// <summary>The outcome of
/// <see cref="StreamingTransactionLoader.TryLoad(TransactionStore, string, ICleanLineSink, ColumnMapping?,
/// CleaningOptions?)"/>: the cleaning result, or why the file was not streamed.</summary>
/// <param name="Result">The accounting and quality report when the file was streamed; null otherwise.</param>
/// <param name="NotStreamedBecause">Why the file needs
/// <see cref="TransactionLoader.Load(TransactionStore, string, ColumnMapping?, CleaningOptions?)"/> instead; null when
/// streamed.</param>
public sealed record StreamedLoad(CleaningResult? Result, string? NotStreamedBecause)
{
    /// <summary>True when the file was streamed and <see cref="Result"/> is set.</summary>
    public bool Streamed => Result is not null;
}

/// <summary>How the streamed pass runs; the outcome is the same whatever the values.</summary>
/// <param name="PendingBatchRows">Rows waiting for DuckDB's casts that are resolved together.</param>
/// <param name="Workers">Threads reading blocks (0: one per processor; 1: blocks are read on the merging thread).
/// </param>
/// <param name="BlockBytes">Nominal size of a block (each starts at the first line start at or after a multiple of
/// it).</param>
internal sealed record StreamSettings(
    int PendingBatchRows = TransactionStream.PendingBatchRows,
    int Workers = 0,
    int BlockBytes = StreamSettings.DefaultBlockBytes
)
{
    /// <summary>Default block size: handing a block over costs little, and a few of them fit in memory.</summary>
    public const int DefaultBlockBytes = 1 << 20;
}

/// <summary>
/// Cleans a CSV transaction log in one streaming pass with the rules of <see cref="TransactionLoader"/>, for jobs that
/// need the clean lines only once (RFM): clean lines go to an <see cref="ICleanLineSink"/> and are never stored;
/// returns are counted; quarantined rows go to the store's quarantine table with the same line, rule, reason, column,
/// value and raw text the full load gives. Memory holds 16 bytes per distinct record (for exact duplicates) plus the
/// quarantine.
/// <para>
/// Plain records and values are read here; DuckDB still decides everything else: malformed records (DuckDB's reader
/// and its error messages), numbers in any spelling other than the plainest, and timestamps
/// <see cref="PlainTimestamps"/> cannot decide for certain (DuckDB's casts, in batches, so memory stays bounded however
/// many there are). Files this cannot stream exactly (Parquet, Latin-1, one column, values that
/// begin or end with a character DuckDB's trim may treat as space, a record DuckDB reads although it is not plain
/// CSV) are reported as not streamed, to be loaded with <see cref="TransactionLoader"/>. The column profile and the
/// outlier flags need the whole clean table and are not computed (the report says outlier flagging is off).
/// </para>
/// </summary>
public static class StreamingTransactionLoader
{
    /// <summary>
    /// Streams <paramref name="path"/> into <paramref name="sink"/> and the store's quarantine (its clean and returns
    /// tables are emptied and stay empty). File-level faults throw <see cref="DataFormatException"/> as in the full
    /// load. When the file cannot be streamed the result says why, the store's transaction quarantine is empty again,
    /// and lines the sink already received must be discarded.
    /// </summary>
    public static StreamedLoad TryLoad(
        TransactionStore store,
        string path,
        ICleanLineSink sink,
        ColumnMapping? mapping = null,
        CleaningOptions? options = null
    ) => TryLoad(store, path, sink, mapping, options, new StreamSettings());

    /// <summary>
    /// <see cref="TryLoad(TransactionStore, string, ICleanLineSink, ColumnMapping?, CleaningOptions?)"/> with other
    /// batch and block sizes and worker counts (tests use small ones so that every boundary is crossed).
    /// </summary>
    internal static StreamedLoad TryLoad(
        TransactionStore store,
        string path,
        ICleanLineSink sink,
        ColumnMapping? mapping,
        CleaningOptions? options,
        StreamSettings settings
    )
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sink);
        options ??= CleaningOptions.Default;
        options.Validate();

        using var input = InputFile.Open(store, path, options, header =>
            TransactionLoader.TimestampColumn(mapping, header)
        );
        var source = input.Source;
        if (source.Format != SourceFormat.Csv)
            return NotStreamed("Parquet input is loaded by TransactionLoader");
        if (source.Encoding != "utf-8")
            return NotStreamed($"{source.Encoding} text is loaded by TransactionLoader");
        if (source.Header.Count < 2)
            return NotStreamed("a one-column file is loaded by TransactionLoader");
        var resolved = mapping ?? ColumnMapping.Detect(source.Header);
        if (resolved is null)
            return NotStreamed("no preset fits the header");
        var bound = TransactionLoader.Bind(resolved, source, TransactionColumns.Required, TransactionColumns.Roles);
        if (bound[TransactionColumns.Amount] is not null)
            return NotStreamed("a line amount (no unit price) is loaded by TransactionLoader");
        if (!options.ReadOptionalColumns)
            bound = TransactionLoader.RequiredOnly(bound);
        var timestamps = PlainTimestamps.For(TransactionLoader.FirstTimestampFormats(resolved, options));

        ClearTransactionTables(store);
        var stream = new TransactionStream(store, source, resolved, bound, options, timestamps, sink, settings);
        var outcome = stream.Run();
        if (outcome.NotStreamedBecause is not null)
        {
            ClearTransactionTables(store);
            return NotStreamed(outcome.NotStreamedBecause);
        }
        var (invalidLines, encodingMessage) = input.Finish(store, Sources.Transactions);
        var result = outcome.Result!;
        return new StreamedLoad(
            result with
            {
                Report = result.Report with
                {
                    Encoding = input.Encoding,
                    InvalidEncodingLines = invalidLines,
                    EncodingMessage = encodingMessage,
                },
            },
            null
        );
    }

    private static StreamedLoad NotStreamed(string reason) => new(null, reason);

    private static void ClearTransactionTables(TransactionStore store)
    {
        store.Execute($"DELETE FROM {TransactionStore.CleanTable}");
        store.Execute($"DELETE FROM {TransactionStore.ReturnsTable}");
        store.Execute(
            $"DELETE FROM {TransactionStore.QuarantineTable} WHERE source = {SqlText.Literal(Sources.Transactions)}"
        );
    }
}
