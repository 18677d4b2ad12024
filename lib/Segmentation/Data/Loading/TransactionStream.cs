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
/// The one pass of <see cref="StreamingTransactionLoader"/>: reads records, builds each one's key (the trimmed values
/// of every column, as the duplicate rule compares them), reads plain values, runs the checks of
/// <see cref="TransactionLoader"/> in the same order and sends each row to the sink, the returns count or the
/// quarantine. Values the plain readers cannot decide wait for DuckDB's casts, resolved in batches; records that are
/// not plain CSV go to DuckDB's reader at the end.
/// </summary>
internal sealed class TransactionStream
{
    private const int BufferSize = 4 << 20;
    private const int MaxLineSize = 16777216;

    /// <summary>Rows waiting for DuckDB's casts are resolved once this many have gathered (or
    /// <see cref="PendingBatchBytes"/> of keys).</summary>
    internal const int PendingBatchRows = 100_000;
    private const int PendingBatchBytes = 64 << 20;

    /// <summary>Texts DuckDB has read, remembered across batches up to this many per kind (then forgotten and asked
    /// again).</summary>
    private const int MaxRememberedTexts = 1_000_000;
    private const int Missing = 0,
        Read = 1,
        Unreadable = 2,
        Deferred = 3;

    private readonly TransactionStore store;
    private readonly SourceFile source;
    private readonly ColumnMapping mapping;
    private readonly IReadOnlyDictionary<string, int?> bound;
    private readonly CleaningOptions options;
    private readonly PlainTimestamps timestamps;
    private readonly ICleanLineSink sink;
    private readonly byte delimiter;
    private readonly int[] keySources;
    private readonly string[] keyNames;
    private readonly int[] rawOrder;
    private readonly int orderKey,
        customerKey,
        timestampKey,
        quantityKey,
        priceKey;

    /// <summary>The key part of each <see cref="RowField"/> (by its value).</summary>
    private readonly int[] fieldKeys;
    private readonly TransactionCheck[] checks;
    private readonly SearchValues<char> quoteTriggers;
    private readonly List<PendingRow> pending = [];
    private readonly int pendingBatchRows;
    private long pendingBytes;
    private readonly Dictionary<string, long?> castTimestamps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal?> castQuantities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, decimal?> castPrices = new(StringComparer.Ordinal);
    private readonly List<Malformed> malformed = [];
    private SafeFileHandle? file;
    private long fileLength;
    private DuplicateIndex? duplicates;
    private DuckDBAppender? quarantine;
    private byte[] key = new byte[1024];
    private readonly Piece[] pieces;
    private byte[] pointBuffer = new byte[512];
    private readonly FieldSpan[] pointFields;
    private readonly Piece[] pointPieces;
    private byte[] pointKey = new byte[1024];
    private char[] chars = new char[256];
    private long clean,
        returns,
        quarantined;

    public TransactionStream(
        TransactionStore store,
        SourceFile source,
        ColumnMapping mapping,
        IReadOnlyDictionary<string, int?> bound,
        CleaningOptions options,
        PlainTimestamps timestamps,
        ICleanLineSink sink,
        int pendingBatchRows = PendingBatchRows
    )
    {
        this.store = store;
        this.source = source;
        this.mapping = mapping;
        this.bound = bound;
        this.options = options;
        this.timestamps = timestamps;
        this.pendingBatchRows = pendingBatchRows;
        this.sink = sink;
        delimiter = (byte)options.Delimiter;
        var keyColumns = TransactionColumns.All.Where(c => bound[c] is not null).ToList();
        var mapped = keyColumns.Select(c => bound[c]!.Value).ToArray();
        // The key holds every column of the file: the mapped ones first (their positions are the checks'), then the
        // rest, so that a duplicate is a record identical in every column, as in the full load.
        var rest = Enumerable.Range(0, source.Header.Count).Except(mapped).ToArray();
        keySources = [.. mapped, .. rest];
        keyNames = [.. keyColumns, .. rest.Select(i => source.Header[i])];
        rawOrder = Enumerable.Range(0, keyColumns.Count).OrderBy(i => keySources[i]).ToArray();
        orderKey = keyColumns.IndexOf(TransactionColumns.OrderId);
        customerKey = keyColumns.IndexOf(TransactionColumns.CustomerId);
        timestampKey = keyColumns.IndexOf(TransactionColumns.Timestamp);
        quantityKey = keyColumns.IndexOf(TransactionColumns.Quantity);
        priceKey = keyColumns.IndexOf(TransactionColumns.UnitPrice);
        pieces = new Piece[keySources.Length];
        pointPieces = new Piece[keySources.Length];
        pointFields = new FieldSpan[source.Header.Count + 1];
        quoteTriggers = SearchValues.Create([options.Delimiter, '"', '\n', '\r']);
        checks = [.. TransactionRules.Checks(options)];
        fieldKeys = [-1, customerKey, orderKey, timestampKey, quantityKey, priceKey];
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

        var fields = new FieldSpan[source.Header.Count + 1];
        var buffer = new byte[BufferSize];
        long bufferStart = 0;
        int filled = 0,
            position = 0;
        long line = 0,
            blank = 0,
            records = 0,
            headerEnd = 0,
            headerLines = 0;
        var headerSeen = false;
        var crlf = false;
        var leading = source.LeadingBlankLines;

        while (true)
        {
            var final = bufferStart + filled == fileLength;
            var data = buffer.AsSpan(position, filled - position);
            if (data.Length == 0 && final)
                break;
            if (
                bufferStart == 0
                && position == 0
                && filled >= 3
                && data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])
            )
            {
                position = 3;
                continue;
            }
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
                record = CsvRecordParser.Parse(data, final, delimiter, fields);

            if (record.Kind == ParsedKind.NeedMore)
            {
                if (final)
                    throw new NotStreamableException("the last record could not be delimited");
                if (position == 0)
                    Array.Resize(ref buffer, buffer.Length * 2);
                buffer.AsSpan(position, filled - position).CopyTo(buffer);
                bufferStart += position;
                filled -= position;
                position = 0;
                filled += RandomAccess.Read(file, buffer.AsSpan(filled), bufferStart + filled);
                continue;
            }

            var offset = bufferStart + position;
            var bytes = data[..record.Consumed];
            position += record.Consumed;
            if (leading > 0)
            {
                leading--;
                line++;
                continue;
            }
            if (!headerSeen)
            {
                if (record.Kind == ParsedKind.Blank)
                    throw new NotStreamableException("a blank line sits where the header was expected");
                headerSeen = true;
                crlf = bytes.EndsWith("\r\n"u8);
                line += record.Lines;
                headerLines = line;
                headerEnd = offset + record.Consumed;
                continue;
            }
            if (record.Kind == ParsedKind.Blank)
            {
                line++;
                blank++;
                continue;
            }

            var first = line + 1;
            line += record.Lines;
            records++;
            if (line > DuplicateIndex.MaxLine)
                throw new NotStreamableException("the file has more than 2^32 lines");
            if (!ConsistentLineEnds(bytes, crlf))
                throw new NotStreamableException(
                    FormattableString.Invariant(
                        $"line {first} ends its lines differently from the header (LF and CRLF mixed)"
                    )
                );
            if (
                !record.Plain
                || record.Fields != source.Header.Count
                || record.Consumed > MaxLineSize
                || !Utf8.IsValid(bytes)
            )
            {
                malformed.Add(new Malformed(offset, record.Consumed, first, record.Lines));
                continue;
            }
            var length = BuildKey(bytes, fields, ref key, pieces, check: true);
            var duplicateOf = duplicates?.FirstLineOf(key.AsSpan(0, length), offset, first) ?? 0;
            var values = ReadValues(key, pieces);
            if (values.Timestamp == Deferred || values.Quantity == Deferred || values.UnitPrice == Deferred)
            {
                pending.Add(new PendingRow(first, key.AsSpan(0, length).ToArray(), duplicateOf));
                pendingBytes += length;
                if (pending.Count >= pendingBatchRows || pendingBytes >= PendingBatchBytes)
                    ResolvePending();
                continue;
            }
            Decide(first, duplicateOf, key, pieces, values);
        }

        if (pending.Count > 0)
            ResolvePending();
        quarantine.Dispose();
        quarantine = null;
        var rejected = malformed.Count > 0 ? QuarantineMalformed(headerEnd, headerLines) : 0;

        var rowsIn = records;
        var total = quarantined + rejected;
        var stored = TransactionLoader.Count(
            store,
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
            line,
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
    /// True when the record's line breaks are all of the header's kind: DuckDB reads the whole file with the line end
    /// it detects, so a carriage return in an LF file (or a bare line feed in a CRLF file) is read in ways not modelled
    /// here.
    /// </summary>
    private static bool ConsistentLineEnds(ReadOnlySpan<byte> record, bool crlf)
    {
        if (!crlf)
            return record.IndexOf((byte)'\r') < 0;
        var feeds = record.Count((byte)'\n');
        return record.Count((byte)'\r') == feeds && record.Count("\r\n"u8) == feeds;
    }

    /// <summary>Records in the file, estimated from the line length of its first megabyte (sizes the duplicate
    /// index).</summary>
    private long EstimateRecords()
    {
        var sample = new byte[(int)Math.Min(1 << 20, fileLength)];
        var read = RandomAccess.Read(file!, sample, 0);
        var lines = Math.Max(1, sample.AsSpan(0, read).Count((byte)'\n'));
        return (long)(fileLength / ((double)read / lines) * 1.05) + 16;
    }

    /// <summary>
    /// Writes the record's key into <paramref name="target"/>: per column (the mapped ones in workspace order, then the
    /// others in file order) a 4-byte length and the value with quotes unescaped and spaces trimmed, as DuckDB's
    /// <c>nullif(trim(x), '')</c> leaves it (empty = NULL).
    /// </summary>
    private int BuildKey(
        ReadOnlySpan<byte> data,
        ReadOnlySpan<FieldSpan> fields,
        ref byte[] target,
        Span<Piece> parts,
        bool check
    )
    {
        var at = 0;
        for (var c = 0; c < keySources.Length; c++)
        {
            var field = fields[keySources[c]];
            var content = data.Slice(field.Start, field.Length);
            if (target.Length < at + 4 + content.Length)
                Array.Resize(ref target, Math.Max(target.Length * 2, at + 4 + content.Length));
            var value = target.AsSpan(at + 4);
            var length = field.Escaped ? CsvRecordParser.Unescape(content, value) : Copy(content, value);
            var start = 0;
            while (start < length && value[start] == (byte)' ')
                start++;
            while (length > start && value[length - 1] == (byte)' ')
                length--;
            if (start > 0)
                value[start..length].CopyTo(value);
            length -= start;
            if (check && !CertainEdges(value[..length]))
                throw new NotStreamableException(
                    FormattableString.Invariant(
                        $"a {keyNames[c]} value begins or ends with a character DuckDB's trim may remove"
                    )
                );
            BinaryPrimitives.WriteInt32LittleEndian(target.AsSpan(at), length);
            parts[c] = new Piece(at + 4, length);
            at += 4 + length;
        }
        return at;

        static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
        {
            from.CopyTo(to);
            return from.Length;
        }
    }

    /// <summary>The key of the record that starts at <paramref name="offset"/> (read back to confirm a
    /// duplicate).</summary>
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
                delimiter,
                pointFields
            );
            if (record.Kind == ParsedKind.NeedMore)
            {
                size *= 4;
                continue;
            }
            var length = BuildKey(
                pointBuffer.AsSpan(0, record.Consumed),
                pointFields,
                ref pointKey,
                pointPieces,
                check: false
            );
            return pointKey.AsSpan(0, length).ToArray();
        }
    }

    private RowValues ReadValues(ReadOnlySpan<byte> data, ReadOnlySpan<Piece> parts)
    {
        var values = default(RowValues);
        var ts = parts[timestampKey].Of(data);
        values.Timestamp =
            ts.Length == 0
                ? Missing
                : timestamps.Read(ts, out values.TimestampValue) switch
                {
                    PlainOutcome.Read => Read,
                    PlainOutcome.NoValue => Unreadable,
                    _ => Deferred,
                };
        var quantity = parts[quantityKey].Of(data);
        values.Quantity =
            quantity.Length == 0 ? Missing
            : PlainValues.TryDecimal(quantity, 15, 3, out values.QuantityValue) ? Read
            : Deferred;
        var price = parts[priceKey].Of(data);
        values.UnitPrice =
            price.Length == 0 ? Missing
            : PlainValues.TryDecimal(price, 14, 4, out values.UnitPriceValue) ? Read
            : Deferred;
        return values;
    }

    /// <summary>Runs the checks in order and sends the row where the first failed one says (clean when none
    /// fails).</summary>
    private void Decide(long line, long duplicateOf, ReadOnlySpan<byte> data, ReadOnlySpan<Piece> parts, RowValues v)
    {
        var facts = new TransactionFacts
        {
            Missing =
                (parts[customerKey].Length == 0 ? TransactionFacts.Bit(RowField.CustomerId) : 0)
                | (parts[orderKey].Length == 0 ? TransactionFacts.Bit(RowField.OrderId) : 0)
                | (v.Timestamp == Missing ? TransactionFacts.Bit(RowField.Timestamp) : 0)
                | (v.Quantity == Missing ? TransactionFacts.Bit(RowField.Quantity) : 0)
                | (v.UnitPrice == Missing ? TransactionFacts.Bit(RowField.UnitPrice) : 0),
            Unreadable =
                (v.Timestamp == Unreadable ? TransactionFacts.Bit(RowField.Timestamp) : 0)
                | (v.Quantity == Unreadable ? TransactionFacts.Bit(RowField.Quantity) : 0)
                | (v.UnitPrice == Unreadable ? TransactionFacts.Bit(RowField.UnitPrice) : 0),
            Timestamp = v.TimestampValue,
            Quantity = v.QuantityValue,
            UnitPrice = v.UnitPriceValue,
            OrderId = parts[orderKey].Of(data),
            CustomerId = parts[customerKey].Of(data),
            DuplicateOf = duplicateOf,
        };
        for (var i = 0; i < checks.Length; i++)
        {
            var check = checks[i];
            if (!check.Fails(facts))
                continue;
            if (check.Rule == CleaningRuleNames.Returns)
            {
                returns++;
                return;
            }
            var value = check.RecordsValue
                ? Encoding.UTF8.GetString(parts[fieldKeys[(int)check.Field]].Of(data))
                : null;
            quarantine!
                .CreateRow()
                .AppendValue(line)
                .AppendValue(check.ReasonOf(facts))
                .AppendValue(Raw(data, parts))
                .AppendValue(Sources.Transactions)
                .AppendValue(check.Rule)
                .AppendValue(check.Column)
                .AppendValue(value)
                .EndRow();
            quarantined++;
            return;
        }
        if (v.OutOfRange)
            throw new NotStreamableException("a clean line has a timestamp outside the years 1–9999");
        var customer = Chars(parts[customerKey].Of(data), 0);
        var order = Chars(parts[orderKey].Of(data), customer);
        sink.Add(
            chars.AsSpan(0, customer),
            chars.AsSpan(customer, order),
            v.TimestampValue,
            v.QuantityValue,
            v.UnitPriceValue
        );
        clean++;
    }

    private int Chars(ReadOnlySpan<byte> utf8, int at)
    {
        var needed = at + Encoding.UTF8.GetMaxCharCount(utf8.Length);
        if (chars.Length < needed)
            Array.Resize(ref chars, Math.Max(chars.Length * 2, needed));
        return Encoding.UTF8.GetChars(utf8, chars.AsSpan(at));
    }

    /// <summary>The mapped values in file order, joined by the delimiter and quoted as RFC 4180 requires (as
    /// <see cref="RowCheck.RawLine"/>).</summary>
    private string Raw(ReadOnlySpan<byte> data, ReadOnlySpan<Piece> parts)
    {
        var text = new StringBuilder();
        for (var i = 0; i < rawOrder.Length; i++)
        {
            if (i > 0)
                text.Append((char)delimiter);
            var value = Encoding.UTF8.GetString(parts[rawOrder[i]].Of(data));
            if (value.AsSpan().IndexOfAny(quoteTriggers) >= 0)
                text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                text.Append(value);
        }
        return text.ToString();
    }

    /// <summary>
    /// Reads the values of the waiting rows that are not plain with DuckDB's own casts (one query per kind over the
    /// distinct texts not read before) and decides those rows; the quarantine appender is flushed first and reopened.
    /// </summary>
    private void ResolvePending()
    {
        var parts = new Piece[keySources.Length];
        var newTimestamps = new HashSet<string>(StringComparer.Ordinal);
        var newQuantities = new HashSet<string>(StringComparer.Ordinal);
        var newPrices = new HashSet<string>(StringComparer.Ordinal);
        Forget(castTimestamps);
        Forget(castQuantities);
        Forget(castPrices);
        foreach (var row in pending)
        {
            Pieces(row.Key, parts);
            var values = ReadValues(row.Key, parts);
            if (values.Timestamp == Deferred)
                Collect(row.Key, parts[timestampKey], castTimestamps, newTimestamps);
            if (values.Quantity == Deferred)
                Collect(row.Key, parts[quantityKey], castQuantities, newQuantities);
            if (values.UnitPrice == Deferred)
                Collect(row.Key, parts[priceKey], castPrices, newPrices);
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
            Pieces(row.Key, parts);
            var values = ReadValues(row.Key, parts);
            if (values.Timestamp == Deferred)
            {
                if (castTimestamps[Text(row.Key, parts[timestampKey])] is { } microseconds)
                {
                    values.Timestamp = Read;
                    (values.TimestampValue, values.OutOfRange) = FromEpochMicroseconds(microseconds);
                }
                else
                    values.Timestamp = Unreadable;
            }
            if (values.Quantity == Deferred)
                (values.Quantity, values.QuantityValue) = castQuantities[Text(row.Key, parts[quantityKey])] is { } q
                    ? (Read, q)
                    : (Unreadable, 0m);
            if (values.UnitPrice == Deferred)
                (values.UnitPrice, values.UnitPriceValue) = castPrices[Text(row.Key, parts[priceKey])] is { } p
                    ? (Read, p)
                    : (Unreadable, 0m);
            Decide(row.Line, row.DuplicateOf, row.Key, parts, values);
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

    /// <summary>Adds to <paramref name="known"/> the result of <paramref name="sql"/> (over the text column <c>v</c>)
    /// for each of <paramref name="texts"/>, null where DuckDB reads nothing.</summary>
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
    /// into a temporary file that is read like the source; each must come back rejected, and its reason is the full
    /// load's.
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
            foreach (
                var table in new[]
                {
                    lineMap,
                    staging,
                    staging + "_rejects",
                    staging + "_lines",
                    staging + "_continuations",
                    staging + "_reject_errors",
                    staging + "_reject_scans",
                }
            )
                store.Execute($"DROP TABLE IF EXISTS {table}");
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

    private static void Pieces(byte[] data, Span<Piece> parts)
    {
        var at = 0;
        for (var c = 0; c < parts.Length; c++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));
            parts[c] = new Piece(at + 4, length);
            at += 4 + length;
        }
    }

    private static string Text(byte[] data, Piece part) => Encoding.UTF8.GetString(part.Of(data));

    /// <summary>False when a value's first or last character might be removed by DuckDB's <c>trim</c> (control,
    /// space-like or format characters).</summary>
    private static bool CertainEdges(ReadOnlySpan<byte> value)
    {
        if (value.Length == 0)
            return true;
        return Certain(value[0], value, first: true) && Certain(value[^1], value, first: false);

        static bool Certain(byte edge, ReadOnlySpan<byte> value, bool first)
        {
            if (edge is >= 0x21 and <= 0x7E)
                return true;
            if (edge < 0x80)
                return false;
            var status = first
                ? Rune.DecodeFromUtf8(value, out var rune, out _)
                : Rune.DecodeLastFromUtf8(value, out rune, out _);
            return status == OperationStatus.Done
                && !Rune.IsWhiteSpace(rune)
                && !Rune.IsControl(rune)
                && Rune.GetUnicodeCategory(rune)
                    is not (
                        UnicodeCategory.Format
                        or UnicodeCategory.SpaceSeparator
                        or UnicodeCategory.LineSeparator
                        or UnicodeCategory.ParagraphSeparator
                    );
        }
    }

    /// <summary>Where one value lies in a key.</summary>
    private readonly record struct Piece(int Start, int Length)
    {
        public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> data) => data.Slice(Start, Length);
    }

    /// <summary>The typed values of a row: state (missing, read, unreadable, waiting for DuckDB) and value.</summary>
    private struct RowValues
    {
        public int Timestamp,
            Quantity,
            UnitPrice;
        public DateTime TimestampValue;
        public decimal QuantityValue,
            UnitPriceValue;
        public bool OutOfRange;
    }

    /// <summary>A row whose values wait for DuckDB's casts.</summary>
    private sealed record PendingRow(long Line, byte[] Key, long DuplicateOf);

    /// <summary>A record that is not plain CSV, left for DuckDB's reader.</summary>
    private sealed record Malformed(long Offset, int Length, long Line, int Lines);

    /// <summary>The file cannot be streamed exactly; the message says why.</summary>
    private sealed class NotStreamableException(string message) : Exception(message);
}
