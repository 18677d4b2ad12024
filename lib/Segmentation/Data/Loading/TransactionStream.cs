using System.Buffers;
using System.Buffers.Binary;
using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using DuckDB.NET.Data;
using Microsoft.Win32.SafeHandles;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Loading;

/// <summary>
/// The one pass of <see cref="StreamingTransactionLoader"/>. The header is read first; the rest of the file is cut into
/// blocks that start right after a line feed, and worker threads read each block's records (<see cref="BlockReader"/>:
/// keys, hashes, plain values, the checks that need no other record). This thread merges the blocks in file order: it
/// numbers the lines, finds exact duplicates, sends each row to the sink, the returns count or the quarantine, and
/// re-reads a block itself when the record before it does not end where the block starts (a quoted field holding a
/// line feed), so the outcome is the same whatever the number of workers or the size of the blocks. Values the plain
/// readers cannot decide wait for DuckDB's casts, resolved in batches; records that are not plain CSV go to DuckDB's
/// reader at the end.
/// </summary>
internal sealed class TransactionStream
{
    private const int MaxLineSize = 16777216;

    /// <summary>
    /// Rows waiting for DuckDB's casts are resolved once this many have gathered (or <see cref="PendingBatchBytes"/> of
    /// keys).
    /// </summary>
    internal const int PendingBatchRows = 100_000;
    private const int PendingBatchBytes = 64 << 20;

    /// <summary>
    /// Texts DuckDB has read, remembered across batches up to this many per kind (then forgotten and asked again).
    /// </summary>
    private const int MaxRememberedTexts = 1_000_000;
    private const int Missing = RecordLayout.Missing,
        Read = RecordLayout.Read,
        Unreadable = RecordLayout.Unreadable,
        Deferred = RecordLayout.Deferred;

    private readonly TransactionStore store;
    private readonly SourceFile source;
    private readonly ColumnMapping mapping;
    private readonly IReadOnlyDictionary<string, int?> bound;
    private readonly CleaningOptions options;
    private readonly ICleanLineSink sink;
    private readonly StreamSettings settings;
    private readonly RecordLayout layout;
    private readonly TransactionCheck[] checks;
    private readonly List<PendingRow> pending = [];
    private long pendingBytes;
    private readonly Dictionary<string, long?> castTimestamps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal?> castQuantities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal?> castPrices = new(StringComparer.Ordinal);
    private readonly List<Malformed> malformed = [];
    private SafeFileHandle? file;
    private long fileLength;
    private DuplicateIndex? duplicates;
    private DuckDBAppender? quarantine;
    private readonly Piece[] parts;
    private byte[] pointBuffer = new byte[512];
    private readonly FieldSpan[] pointFields;
    private readonly Piece[] pointPieces;
    private byte[] pointKey = new byte[1024];
    private char[] chars = new char[256];
    private long clean,
        returns,
        quarantined,
        records,
        blank,
        physicalLines;

    public TransactionStream(
        TransactionStore store,
        SourceFile source,
        ColumnMapping mapping,
        IReadOnlyDictionary<string, int?> bound,
        CleaningOptions options,
        PlainTimestamps timestamps,
        ICleanLineSink sink,
        StreamSettings settings
    )
    {
        this.store = store;
        this.source = source;
        this.mapping = mapping;
        this.bound = bound;
        this.options = options;
        this.settings = settings;
        this.sink = sink;
        layout = new RecordLayout(source, bound, options, timestamps);
        checks = layout.Checks;
        parts = new Piece[layout.KeyValues];
        pointPieces = new Piece[layout.KeyValues];
        pointFields = new FieldSpan[source.Header.Count + 1];
    }

    /// <summary>Streams the file; returns the result, or why it cannot be streamed exactly.</summary>
    public (CleaningResult? Result, string? NotStreamedBecause) Run()
    {
        try
        {
            return (StreamFile(), null);
        }
        catch (NotStreamableException e)
        {
            return (null, e.Message);
        }
        finally
        {
            quarantine?.Dispose();
            file?.Dispose();
        }
    }

    private CleaningResult StreamFile()
    {
        file = File.OpenHandle(
            source.DataPath,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            FileOptions.SequentialScan
        );
        fileLength = RandomAccess.GetLength(file);
        if (options.Rules.Contains(CleaningRule.Duplicates))
            duplicates = new DuplicateIndex(EstimateRecords(), KeyAt);
        quarantine = store.Connection.CreateAppender(TransactionStore.QuarantineTable);

        var (dataStart, headerLines, crlf) = ReadHeader();
        physicalLines = headerLines;
        var headerEnd = dataStart;
        var blockBytes = settings.BlockBytes;
        var blocks = (int)((fileLength - dataStart + blockBytes - 1) / blockBytes);
        var workers = settings.Workers > 0 ? settings.Workers : Environment.ProcessorCount;
        var readers = Enumerable
            .Range(0, Math.Max(1, workers) + 1)
            .Select(_ => new BlockReader(file, fileLength, layout, crlf, MaxLineSize))
            .ToArray();
        long BlockStart(BlockReader reader, int index) =>
            index == 0 ? dataStart
            : index >= blocks ? fileLength
            : reader.LineStart(dataStart + (long)index * blockBytes);
        using (
            var pipeline = new BlockPipeline(blocks, workers, 2 * workers, (worker, index, block) =>
                readers[worker].Read(block, BlockStart(readers[worker], index), BlockStart(readers[worker], index + 1))
            )
        )
        {
            var at = dataStart;
            for (var index = 0; index < blocks; index++)
            {
                var block = pipeline.Take(index);
                if (block.Start != at)
                {
                    if (block.Start > at)
                        throw new InvalidOperationException("a block starts past the record before it");
                    // The record before it ran past the block's start (a quoted line feed): read the block again from
                    // where that record ends, here.
                    if (at < block.Limit)
                        Merge(readers[^1].Read(block, at, block.Limit));
                }
                else
                    Merge(block);
                at = Math.Max(at, block.End);
                pipeline.Release(block);
            }
        }

        if (pending.Count > 0)
            ResolvePending();
        quarantine.Dispose();
        quarantine = null;
        var rejected = malformed.Count > 0 ? QuarantineMalformed(headerEnd, headerLines) : 0;

        var rowsIn = records;
        var total = quarantined + rejected;
        var stored = store.Count(
            $"{TransactionStore.QuarantineTable} WHERE source = {SqlText.Literal(Sources.Transactions)}"
        );
        if (rowsIn != clean + returns + total || stored != total)
            throw new InvalidOperationException(
                FormattableString.Invariant(
                    $"accounting failed for {source.Path}: rows_in={rowsIn} but clean={clean} + "
                ) + FormattableString.Invariant($"returns={returns} + quarantined={total} (stored {stored})")
            );

        var thresholds = new OutlierThresholds(null, null, null, null, null);
        var counts = TransactionLoader.QuarantineCounts(store, Sources.Transactions);
        var rules = TransactionRules.Outcomes(counts, returns, options, thresholds, 0);
        var report = new QualityReport(
            source.Path,
            Sources.Transactions,
            mapping.Name,
            physicalLines,
            blank,
            rowsIn,
            clean,
            returns,
            total,
            rules,
            []
        );
        return new CleaningResult(source.Path, mapping, rowsIn, clean, returns, total, 0, thresholds, report)
        {
            PresentColumns = TransactionColumns.All.Where(c => bound[c] is not null).ToList(),
        };
    }

    /// <summary>
    /// Reads the byte-order mark, the leading blank lines and the header; returns where the records start, the physical
    /// lines up to there and whether the header ends with CRLF (the end of the file when there is no header).
    /// </summary>
    private (long DataStart, long Lines, bool Crlf) ReadHeader()
    {
        var fields = new FieldSpan[source.Header.Count + 1];
        var buffer = new byte[1 << 16];
        var filled = RandomAccess.Read(file!, buffer, 0);
        var position = 0;
        long lines = 0;
        var leading = source.LeadingBlankLines;
        if (filled >= 3 && buffer.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            position = 3;
        while (true)
        {
            var final = filled == fileLength;
            var data = buffer.AsSpan(position, filled - position);
            if (data.Length == 0 && final)
                return (fileLength, lines, false);
            ParsedRecord record;
            if (leading > 0)
            {
                var end = data.IndexOf((byte)'\n');
                record =
                    end >= 0 ? new(ParsedKind.Blank, end + 1, 1, 0, true)
                    : final ? new(ParsedKind.Blank, data.Length, 1, 0, true)
                    : new(ParsedKind.NeedMore, 0, 0, 0, false);
            }
            else
                record = CsvRecordParser.Parse(data, final, layout.Delimiter, fields);
            if (record.Kind == ParsedKind.NeedMore)
            {
                if (final)
                    throw new NotStreamableException("the last record could not be delimited");
                if (filled == buffer.Length)
                    Array.Resize(ref buffer, buffer.Length * 2);
                filled += RandomAccess.Read(file!, buffer.AsSpan(filled), filled);
                continue;
            }
            var bytes = data[..record.Consumed];
            position += record.Consumed;
            if (leading > 0)
            {
                leading--;
                lines++;
                continue;
            }
            if (record.Kind == ParsedKind.Blank)
                throw new NotStreamableException("a blank line sits where the header was expected");
            return (position, lines + record.Lines, bytes.EndsWith("\r\n"u8));
        }
    }

    /// <summary>
    /// Numbers the block's lines, finds duplicates and sends each row where its first failed check says.
    /// </summary>
    private void Merge(RecordBlock block)
    {
        var before = physicalLines;
        for (var i = 0; i < block.Count; i++)
        {
            ref var record = ref block.Lines[i];
            var first = before + record.LinesBefore + 1;
            var last = first + record.Lines - 1;
            if (record.Kind == BlockLineKind.Blank)
            {
                blank++;
                continue;
            }
            if (record.Kind == BlockLineKind.Fault)
                throw new NotStreamableException(
                    record.Fault switch
                    {
                        BlockFault.MixedLineEnds => FormattableString.Invariant(
                            $"line {first} ends its lines differently from the header (LF and CRLF mixed)"
                        ),
                        BlockFault.UncertainEdge =>
                            $"a {block.FaultColumn} value begins or ends with a character DuckDB's trim may remove",
                        _ => "the last record could not be delimited",
                    }
                );
            records++;
            if (last > DuplicateIndex.MaxLine)
                throw new NotStreamableException("the file has more than 2^32 lines");
            var offset = block.Start + record.Offset;
            if (record.Kind == BlockLineKind.Malformed)
            {
                malformed.Add(new Malformed(offset, record.Length, first, record.Lines));
                continue;
            }
            var key = block.KeyOf(record);
            var duplicateOf = duplicates?.FirstLineOf(record.Hash, key, offset, first) ?? 0;
            if (record.Kind == BlockLineKind.Waiting)
            {
                pending.Add(new PendingRow(first, key.ToArray(), duplicateOf));
                pendingBytes += key.Length;
                if (pending.Count >= settings.PendingBatchRows || pendingBytes >= PendingBatchBytes)
                    ResolvePending();
                continue;
            }
            var verdict =
                duplicateOf > 0 && layout.DuplicateCheck >= 0 && layout.DuplicateCheck < record.Verdict
                    ? layout.DuplicateCheck
                    : record.Verdict;
            if (verdict == checks.Length)
            {
                var customer = block.Chars.AsSpan(record.CharStart, record.CustomerChars);
                Clean(
                    record.Values,
                    customer,
                    block.Chars.AsSpan(record.CharStart + record.CustomerChars, record.OrderChars)
                );
            }
            else if (layout.IsReturn(verdict))
                returns++;
            else if (verdict == record.Verdict)
                Quarantine(first, verdict, duplicateOf, block.Texts[record.Text].Raw, block.Texts[record.Text].Value);
            else
            {
                RecordLayout.Pieces(key, parts);
                var raw = record.Text >= 0 ? block.Texts[record.Text].Raw : layout.Raw(key, parts);
                Quarantine(first, verdict, duplicateOf, raw, layout.ValueOf(verdict, key, parts));
            }
        }
        physicalLines = before + block.PhysicalLines;
    }

    /// <summary>
    /// Estimated records in the file, from the line length of its first megabyte (sizes the duplicate index).
    /// </summary>
    private long EstimateRecords()
    {
        var sample = new byte[(int)Math.Min(1 << 20, fileLength)];
        var read = RandomAccess.Read(file!, sample, 0);
        var lines = Math.Max(1, sample.AsSpan(0, read).Count((byte)'\n'));
        return (long)(fileLength / ((double)read / lines) * 1.05) + 16;
    }

    /// <summary>
    /// The key of the record that starts at <paramref name="offset"/> (read back to confirm a duplicate).
    /// </summary>
    private byte[] KeyAt(long offset)
    {
        var size = 512;
        while (true)
        {
            if (pointBuffer.Length < size)
                pointBuffer = new byte[size];
            var read = RandomAccess.Read(file!, pointBuffer.AsSpan(0, size), offset);
            var record = CsvRecordParser.Parse(
                pointBuffer.AsSpan(0, read),
                offset + read == fileLength,
                layout.Delimiter,
                pointFields
            );
            if (record.Kind == ParsedKind.NeedMore)
            {
                size *= 4;
                continue;
            }
            var length = layout.BuildKey(
                pointBuffer.AsSpan(0, record.Consumed),
                pointFields,
                ref pointKey,
                0,
                pointPieces,
                check: false,
                out _
            );
            return pointKey.AsSpan(0, length).ToArray();
        }
    }

    /// <summary>
    /// Runs the checks in order and sends the row where the first failed one says (clean when none fails).
    /// </summary>
    private void Decide(long line, long duplicateOf, ReadOnlySpan<byte> key, RowValues v)
    {
        var verdict = layout.FirstFailed(layout.Facts(key, parts, v, duplicateOf));
        if (verdict == checks.Length)
        {
            var customer = Chars(parts[layout.CustomerKey].Of(key), 0);
            var order = Chars(parts[layout.OrderKey].Of(key), customer);
            Clean(v, chars.AsSpan(0, customer), chars.AsSpan(customer, order));
        }
        else if (layout.IsReturn(verdict))
            returns++;
        else
            Quarantine(line, verdict, duplicateOf, layout.Raw(key, parts), layout.ValueOf(verdict, key, parts));
    }

    private void Clean(in RowValues v, ReadOnlySpan<char> customer, ReadOnlySpan<char> order)
    {
        if (v.OutOfRange)
            throw new NotStreamableException("a clean line has a timestamp outside the years 1–9999");
        sink.Add(customer, order, v.TimestampValue, v.QuantityValue, v.UnitPriceValue);
        clean++;
    }

    private void Quarantine(long line, int verdict, long duplicateOf, string raw, string? value)
    {
        var check = checks[verdict];
        var reason = check.ReasonOf(new TransactionFacts { DuplicateOf = duplicateOf });
        quarantine!
            .CreateRow()
            .AppendValue(line)
            .AppendValue(reason)
            .AppendValue(raw)
            .AppendValue(Sources.Transactions)
            .AppendValue(check.Rule)
            .AppendValue(check.Column)
            .AppendValue(value)
            .EndRow();
        quarantined++;
    }

    private int Chars(ReadOnlySpan<byte> utf8, int at)
    {
        var needed = at + Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (chars.Length < needed)
            Array.Resize(ref chars, Math.Max(chars.Length * 2, needed));
        return Encoding.UTF8.GetChars(utf8, chars.AsSpan(at));
    }

    /// <summary>
    /// Reads the values of the waiting rows that are not plain with DuckDB's own casts (one query per kind over the
    /// distinct texts not read before) and decides those rows; the quarantine appender is flushed first and reopened.
    /// </summary>
    private void ResolvePending()
    {
        var newTimestamps = new HashSet<string>(StringComparer.Ordinal);
        var newQuantities = new HashSet<string>(StringComparer.Ordinal);
        var newPrices = new HashSet<string>(StringComparer.Ordinal);
        Forget(castTimestamps);
        Forget(castQuantities);
        Forget(castPrices);
        foreach (var row in pending)
        {
            RecordLayout.Pieces(row.Key, parts);
            var values = layout.ReadValues(row.Key, parts);
            if (values.Timestamp == Deferred)
                Collect(row.Key, parts[layout.TimestampKey], castTimestamps, newTimestamps);
            if (values.Quantity == Deferred)
                Collect(row.Key, parts[layout.QuantityKey], castQuantities, newQuantities);
            if (values.UnitPrice == Deferred)
                Collect(row.Key, parts[layout.PriceKey], castPrices, newPrices);
        }
        quarantine!.Dispose();
        var timestampSql = TransactionLoader.TimestampSql("v", mapping, options);
        // epoch_us of ±infinity is not a number of microseconds: they stand beyond every DateTime, as they compare in
        // SQL.
        Cast(
            newTimestamps,
            "(SELECT CASE WHEN t IS NULL THEN NULL WHEN isfinite(t) THEN epoch_us(t) WHEN t > TIMESTAMP "
                + $"'2000-01-01' THEN {long.MaxValue} ELSE {long.MinValue + 1} END FROM (SELECT {timestampSql} AS "
                + "t))",
            r => r.GetInt64(1),
            castTimestamps
        );
        Cast(newQuantities, TransactionLoader.QuantitySql("v"), r => r.GetDecimal(1), castQuantities);
        Cast(newPrices, TransactionLoader.UnitPriceSql("v"), r => r.GetDecimal(1), castPrices);

        quarantine = store.Connection.CreateAppender(TransactionStore.QuarantineTable);
        foreach (var row in pending)
        {
            RecordLayout.Pieces(row.Key, parts);
            var values = layout.ReadValues(row.Key, parts);
            if (values.Timestamp == Deferred)
            {
                if (castTimestamps[Text(row.Key, parts[layout.TimestampKey])] is { } microseconds)
                {
                    values.Timestamp = Read;
                    (values.TimestampValue, values.OutOfRange) = FromEpochMicroseconds(microseconds);
                }
                else
                    values.Timestamp = Unreadable;
            }
            if (values.Quantity == Deferred)
                (values.Quantity, values.QuantityValue) = castQuantities[Text(row.Key, parts[layout.QuantityKey])]
                    is { } q
                    ? (Read, q)
                    : (Unreadable, 0m);
            if (values.UnitPrice == Deferred)
                (values.UnitPrice, values.UnitPriceValue) = castPrices[Text(row.Key, parts[layout.PriceKey])] is { } p
                    ? (Read, p)
                    : (Unreadable, 0m);
            Decide(row.Line, row.DuplicateOf, row.Key, values);
        }
        pending.Clear();
        pendingBytes = 0;

        static void Collect<T>(byte[] data, Piece part, Dictionary<string, T> known, HashSet<string> texts)
        {
            var text = Text(data, part);
            if (!known.ContainsKey(text))
                texts.Add(text);
        }

        static void Forget<T>(Dictionary<string, T> known)
        {
            if (known.Count >= MaxRememberedTexts)
                known.Clear();
        }
    }

    /// <summary>
    /// Adds to <paramref name="known"/> the result of <paramref name="sql"/> (over the text column <c>v</c>) for each
    /// of <paramref name="texts"/>, null where DuckDB reads nothing.
    /// </summary>
    private void Cast<T>(HashSet<string> texts, string sql, Func<DbDataReader, T> read, Dictionary<string, T?> known)
        where T : struct
    {
        if (texts.Count == 0)
            return;
        const string table = "_tx_stream_values";
        store.Execute($"CREATE OR REPLACE TEMP TABLE {table} (v VARCHAR)");
        using (var appender = store.Connection.CreateAppender(table))
        {
            foreach (var text in texts)
                appender.CreateRow().AppendValue(text).EndRow();
        }
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = $"SELECT v, {sql} AS x FROM {table}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                known[reader.GetString(0)] = reader.IsDBNull(1) ? null : read(reader);
        }
        store.Execute($"DROP TABLE {table}");
    }

    private static (DateTime Value, bool OutOfRange) FromEpochMicroseconds(long microseconds)
    {
        var minimum = (DateTime.MinValue - DateTime.UnixEpoch).Ticks / 10;
        var maximum = (DateTime.MaxValue - DateTime.UnixEpoch).Ticks / 10;
        if (microseconds < minimum)
            return (DateTime.MinValue, true);
        if (microseconds > maximum)
            return (DateTime.MaxValue, true);
        return (new DateTime(DateTime.UnixEpoch.Ticks + microseconds * 10, DateTimeKind.Unspecified), false);
    }

    /// <summary>
    /// Lets DuckDB's reader judge the records that are not plain CSV: they are copied, after the file's own header,
    /// into a
    /// temporary file that is read like the source; each must come back rejected, and its reason is the full load's.
    /// </summary>
    private long QuarantineMalformed(long headerEnd, long headerLines)
    {
        var temporary = Path.Combine(Path.GetTempPath(), $"seg-malformed-{Guid.NewGuid():N}.csv");
        const string staging = "_tx_malformed";
        const string lineMap = "_tx_malformed_lines";
        try
        {
            var map = new List<(long StagedLine, long Line)>();
            using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                Copy(output, 0, headerEnd);
                var stagedLine = headerLines + 1;
                foreach (var record in malformed)
                {
                    Copy(output, record.Offset, record.Length);
                    var last = new byte[1];
                    RandomAccess.Read(file!, last, record.Offset + record.Length - 1);
                    if (last[0] != (byte)'\n')
                        output.WriteByte((byte)'\n');
                    map.Add((stagedLine, record.Line));
                    stagedLine += record.Lines;
                }
            }
            var columns = TransactionColumns.All.Select(c => StagedColumn.Raw(c, bound[c])).ToList();
            StagedSource staged;
            try
            {
                staged = SourceReader.Stage(
                    store,
                    source with
                    {
                        DataPath = temporary,
                    },
                    staging,
                    columns,
                    LineNumbering.DefaultMaxInlineSteps
                );
            }
            catch (DataFormatException e)
            {
                throw new NotStreamableException(
                    "DuckDB did not read the records that are not plain CSV one by one: " + e.Message
                );
            }
            if (staged.Rows > 0 || staged.Rejected != malformed.Count)
                throw new NotStreamableException(
                    FormattableString.Invariant(
                        $"DuckDB reads {staged.Rows} of {malformed.Count} records that are not plain CSV as "
                    ) + "well-formed rows"
                );
            store.Execute($"CREATE OR REPLACE TEMP TABLE {lineMap} (staged_line BIGINT, line BIGINT)");
            using (var appender = store.Connection.CreateAppender(lineMap))
            {
                foreach (var (stagedLine, line) in map)
                    appender.CreateRow().AppendValue(stagedLine).AppendValue(line).EndRow();
            }
            TransactionLoader.InsertRejects(
                store,
                staged.RejectsTable,
                Sources.Transactions,
                source.Header,
                bound,
                lineMap
            );
            return staged.Rejected;
        }
        finally
        {
            store.DropTables([lineMap, .. SourceReader.WorkTables(staging)]);
            File.Delete(temporary);
        }
    }

    private void Copy(Stream output, long offset, long length)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            while (length > 0)
            {
                var read = RandomAccess.Read(file!, chunk.AsSpan(0, (int)Math.Min(chunk.Length, length)), offset);
                if (read == 0)
                    break;
                output.Write(chunk, 0, read);
                offset += read;
                length -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static string Text(byte[] data, Piece part) => Encoding.UTF8.GetString(part.Of(data));

    /// <summary>A row whose values wait for DuckDB's casts.</summary>
    private sealed record PendingRow(long Line, byte[] Key, long DuplicateOf);

    /// <summary>A record that is not plain CSV, left for DuckDB's reader.</summary>
    private sealed record Malformed(long Offset, int Length, long Line, int Lines);

    /// <summary>The file cannot be streamed exactly; the message says why.</summary>
    private sealed class NotStreamableException(string message) : Exception(message);
}
