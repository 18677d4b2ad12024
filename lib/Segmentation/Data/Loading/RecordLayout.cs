using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Segmentation.Data.Cleaning;

namespace Segmentation.Data.Loading;

/// <summary>
/// How the streamed reader reads one record of a file: which columns make its key (the trimmed values of every column,
/// as the duplicate rule compares them), where the mapped values lie in it, how they are read and how the quarantine's
/// raw text is rebuilt. Immutable once built, so any number of threads read records with one layout.
/// </summary>
internal sealed class RecordLayout
{
    /// <summary>States of a typed value.</summary>
    public const int Missing = 0,
        Read = 1,
        Unreadable = 2,
        Deferred = 3;

    private readonly int[] keySources;
    private readonly string[] keyNames;
    private readonly int[] rawOrder;
    private readonly int[] fieldKeys;
    private readonly bool[] returnChecks;
    private readonly SearchValues<char> quoteTriggers;
    private readonly PlainTimestamps timestamps;

    public RecordLayout(
        SourceFile source,
        IReadOnlyDictionary<string, int?> bound,
        CleaningOptions options,
        PlainTimestamps timestamps
    )
    {
        this.timestamps = timestamps;
        Delimiter = (byte)options.Delimiter;
        Columns = source.Header.Count;
        var keyColumns = TransactionColumns.All.Where(c => bound[c] is not null).ToList();
        var mapped = keyColumns.Select(c => bound[c]!.Value).ToArray();
        // The key holds every column of the file: the mapped ones first (their positions are the checks'), then the
        // rest, so that a duplicate is a record identical in every column, as in the full load.
        var rest = Enumerable.Range(0, source.Header.Count).Except(mapped).ToArray();
        keySources = [.. mapped, .. rest];
        keyNames = [.. keyColumns, .. rest.Select(i => source.Header[i])];
        rawOrder = Enumerable.Range(0, keyColumns.Count).OrderBy(i => keySources[i]).ToArray();
        OrderKey = keyColumns.IndexOf(TransactionColumns.OrderId);
        CustomerKey = keyColumns.IndexOf(TransactionColumns.CustomerId);
        TimestampKey = keyColumns.IndexOf(TransactionColumns.Timestamp);
        QuantityKey = keyColumns.IndexOf(TransactionColumns.Quantity);
        PriceKey = keyColumns.IndexOf(TransactionColumns.UnitPrice);
        quoteTriggers = SearchValues.Create([options.Delimiter, '"', '\n', '\r']);
        Checks = [.. TransactionRules.Checks(options)];
        DuplicateCheck = Array.FindIndex(Checks, c => c.Test == RowTest.Duplicate);
        returnChecks = [.. Checks.Select(c => c.Rule == CleaningRuleNames.Returns)];
        fieldKeys = [-1, CustomerKey, OrderKey, TimestampKey, QuantityKey, PriceKey];
    }

    /// <summary>The field delimiter.</summary>
    public byte Delimiter { get; }

    /// <summary>Fields of the header.</summary>
    public int Columns { get; }

    /// <summary>Values in a key (every column of the file).</summary>
    public int KeyValues => keySources.Length;

    /// <summary>Key positions of the mapped values.</summary>
    public int OrderKey { get; }

    /// <inheritdoc cref="OrderKey"/>
    public int CustomerKey { get; }

    /// <inheritdoc cref="OrderKey"/>
    public int TimestampKey { get; }

    /// <inheritdoc cref="OrderKey"/>
    public int QuantityKey { get; }

    /// <inheritdoc cref="OrderKey"/>
    public int PriceKey { get; }

    /// <summary>The checks in the order they run.</summary>
    public TransactionCheck[] Checks { get; }

    /// <summary>Index of the duplicate check in <see cref="Checks"/>, -1 when the rule is off.</summary>
    public int DuplicateCheck { get; }

    /// <summary>
    /// Writes the record's key into <paramref name="target"/> from <paramref name="at"/> on: per column (the mapped
    /// ones
    /// in workspace order, then the others in file order) a 4-byte length and the value with quotes unescaped and
    /// spaces
    /// trimmed, as DuckDB's <c>nullif(trim(x), '')</c> leaves it (empty = NULL). Returns the key's length, or -1 when
    /// <paramref name="check"/> is set and a value begins or ends with a character DuckDB's trim may remove
    /// (<paramref name="uncertain"/> names its column).
    /// </summary>
    public int BuildKey(
        ReadOnlySpan<byte> data,
        ReadOnlySpan<FieldSpan> fields,
        ref byte[] target,
        int at,
        Span<Piece> parts,
        bool check,
        out string? uncertain
    )
    {
        uncertain = null;
        var begin = at;
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
            {
                uncertain = keyNames[c];
                return -1;
            }
            BinaryPrimitives.WriteInt32LittleEndian(target.AsSpan(at), length);
            parts[c] = new Piece(at + 4 - begin, length);
            at += 4 + length;
        }
        return at - begin;

        static int Copy(ReadOnlySpan<byte> from, Span<byte> to)
        {
            from.CopyTo(to);
            return from.Length;
        }
    }

    /// <summary>The typed values of a key: read here, missing, unreadable, or waiting for DuckDB's casts.</summary>
    public RowValues ReadValues(ReadOnlySpan<byte> key, ReadOnlySpan<Piece> parts)
    {
        var values = default(RowValues);
        var ts = parts[TimestampKey].Of(key);
        values.Timestamp =
            ts.Length == 0
                ? Missing
                : timestamps.Read(ts, out values.TimestampValue) switch
                {
                    PlainOutcome.Read => Read,
                    PlainOutcome.NoValue => Unreadable,
                    _ => Deferred,
                };
        var quantity = parts[QuantityKey].Of(key);
        values.Quantity =
            quantity.Length == 0 ? Missing
            : PlainValues.TryDecimal(quantity, 15, 3, out values.QuantityValue) ? Read
            : Deferred;
        var price = parts[PriceKey].Of(key);
        values.UnitPrice =
            price.Length == 0 ? Missing
            : PlainValues.TryDecimal(price, 14, 4, out values.UnitPriceValue) ? Read
            : Deferred;
        return values;
    }

    /// <summary>What the checks read of a row whose values are all decided.</summary>
    public TransactionFacts Facts(ReadOnlySpan<byte> key, ReadOnlySpan<Piece> parts, in RowValues v, long duplicate) =>
        new()
        {
            Missing =
                (parts[CustomerKey].Length == 0 ? TransactionFacts.Bit(RowField.CustomerId) : 0)
                | (parts[OrderKey].Length == 0 ? TransactionFacts.Bit(RowField.OrderId) : 0)
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
            OrderId = parts[OrderKey].Of(key),
            CustomerId = parts[CustomerKey].Of(key),
            DuplicateOf = duplicate,
        };

    /// <summary>True when check <paramref name="check"/> sends a row to the returns, not the quarantine.</summary>
    public bool IsReturn(int check) => returnChecks[check];

    /// <summary>Index of the first check the row fails, <see cref="Checks"/>.Length when it fails none.</summary>
    public int FirstFailed(in TransactionFacts facts)
    {
        for (var i = 0; i < Checks.Length; i++)
        {
            if (Checks[i].Fails(facts))
                return i;
        }
        return Checks.Length;
    }

    /// <summary>
    /// The text the quarantine records as the value at fault for check <paramref name="check"/> (null for none).
    /// </summary>
    public string? ValueOf(int check, ReadOnlySpan<byte> key, ReadOnlySpan<Piece> parts) =>
        Checks[check].RecordsValue ? Encoding.UTF8.GetString(parts[fieldKeys[(int)Checks[check].Field]].Of(key)) : null;

    /// <summary>
    /// The mapped values in file order, joined by the delimiter and quoted as RFC 4180 requires
    /// (as <see cref="RowCheck.RawLine"/>).
    /// </summary>
    public string Raw(ReadOnlySpan<byte> key, ReadOnlySpan<Piece> parts)
    {
        var text = new StringBuilder();
        for (var i = 0; i < rawOrder.Length; i++)
        {
            if (i > 0)
                text.Append((char)Delimiter);
            var value = Encoding.UTF8.GetString(parts[rawOrder[i]].Of(key));
            if (value.AsSpan().IndexOfAny(quoteTriggers) >= 0)
                text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            else
                text.Append(value);
        }
        return text.ToString();
    }

    /// <summary>Where each value lies in a key written by <see cref="BuildKey"/>.</summary>
    public static void Pieces(ReadOnlySpan<byte> key, Span<Piece> parts)
    {
        var at = 0;
        for (var c = 0; c < parts.Length; c++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(key[at..]);
            parts[c] = new Piece(at + 4, length);
            at += 4 + length;
        }
    }

    /// <summary>
    /// True when the record's line breaks are all of the header's kind: DuckDB reads the whole file with the line end
    /// it
    /// detects, so a carriage return in an LF file (or a bare line feed in a CRLF file) is read in ways not modelled
    /// here.
    /// </summary>
    public static bool ConsistentLineEnds(ReadOnlySpan<byte> record, bool crlf)
    {
        if (!crlf)
            return record.IndexOf((byte)'\r') < 0;
        var feeds = record.Count((byte)'\n');
        return record.Count((byte)'\r') == feeds && record.Count("\r\n"u8) == feeds;
    }

    /// <summary>
    /// False when a value's first or last character might be removed by DuckDB's <c>trim</c> (control, space-like or
    /// format characters).
    /// </summary>
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
}

/// <summary>Where one value lies in a key.</summary>
internal readonly record struct Piece(int Start, int Length)
{
    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> data) => data.Slice(Start, Length);
}

/// <summary>The typed values of a row: state (<see cref="RecordLayout.Missing"/>, …) and value.</summary>
internal struct RowValues
{
    public int Timestamp,
        Quantity,
        UnitPrice;
    public DateTime TimestampValue;
    public decimal QuantityValue,
        UnitPriceValue;
    public bool OutOfRange;

    /// <summary>True when a value waits for DuckDB's casts.</summary>
    public readonly bool Waits =>
        Timestamp == RecordLayout.Deferred || Quantity == RecordLayout.Deferred || UnitPrice == RecordLayout.Deferred;
}
