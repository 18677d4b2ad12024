namespace Segmentation.Data.Loading;

/// <summary>One field of a parsed record: where its content lies in the parsed bytes and whether it holds doubled
/// quotes.</summary>
/// <param name="Start">Offset of the first content byte (after an opening quote).</param>
/// <param name="Length">Content bytes (without the quotes around a quoted field).</param>
/// <param name="Escaped">True when the content holds <c>""</c> pairs that stand for one quote each.</param>
internal readonly record struct FieldSpan(int Start, int Length, bool Escaped);

/// <summary>What <see cref="CsvRecordParser.Parse"/> found at the start of the bytes.</summary>
internal enum ParsedKind
{
    /// <summary>A record (well-formed or not: see <see cref="ParsedRecord.Plain"/>).</summary>
    Record,

    /// <summary>An empty line (skipped by the CSV reader).</summary>
    Blank,

    /// <summary>The bytes end before the record does: read more and parse again.</summary>
    NeedMore,
}

/// <summary>The extent of one parsed record.</summary>
/// <param name="Kind">Record, blank line, or more bytes needed.</param>
/// <param name="Consumed">Bytes of the record, its line break included.</param>
/// <param name="Lines">Physical lines it spans (more than one when a quoted field holds line breaks).</param>
/// <param name="Fields">Fields found (may exceed the span buffer given to the parser).</param>
/// <param name="Plain">
/// True when the record is plain RFC 4180 that DuckDB's reader reads the same way: every quote opens a field at its
/// start and closes it right before a delimiter or the line break, no bare carriage return. A record that is not plain
/// is left for DuckDB to judge.
/// </param>
internal readonly record struct ParsedRecord(ParsedKind Kind, int Consumed, int Lines, int Fields, bool Plain);

/// <summary>
/// Splits CSV bytes into records and fields with the quoting rules of <see cref="PhysicalLineScanner"/> (a quote opens
/// a quoted field only at the start of a field, <c>""</c> inside one is a literal quote, a quote elsewhere is an
/// ordinary byte), so record boundaries and line counts agree with it and with DuckDB's reader.
/// </summary>
internal static class CsvRecordParser
{
    private const byte Quote = (byte)'"';
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    /// <summary>
    /// Parses the record at the start of <paramref name="data"/>, storing up to <paramref name="fields"/>.Length field
    /// spans. <paramref name="final"/> says the bytes reach the end of the file (a last record needs no line break).
    /// </summary>
    public static ParsedRecord Parse(ReadOnlySpan<byte> data, bool final, byte delimiter, Span<FieldSpan> fields)
    {
        if (data.Length == 0)
            return new(ParsedKind.NeedMore, 0, 0, 0, false);
        if (data[0] == LineFeed)
            return new(ParsedKind.Blank, 1, 1, 0, true);
        if (data[0] == CarriageReturn)
        {
            if (data.Length == 1)
                return final ? new(ParsedKind.Blank, 1, 1, 0, true) : new(ParsedKind.NeedMore, 0, 0, 0, false);
            if (data[1] == LineFeed)
                return new(ParsedKind.Blank, 2, 1, 0, true);
        }

        var count = 0;
        var lines = 1;
        var plain = true;
        var i = 0;
        while (true)
        {
            var start = i;
            var escaped = false;
            var quoted = i < data.Length && data[i] == Quote;
            if (quoted)
            {
                i++;
                while (true)
                {
                    var j = data[i..].IndexOf(Quote);
                    if (j < 0)
                    {
                        if (!final)
                            return new(ParsedKind.NeedMore, 0, 0, 0, false);
                        // An unterminated quote runs to the end of the file: DuckDB rejects it.
                        lines += data[start..].Count(LineFeed);
                        return new(ParsedKind.Record, data.Length, lines, count + 1, false);
                    }
                    i += j + 1;
                    if (i == data.Length && !final)
                        return new(ParsedKind.NeedMore, 0, 0, 0, false);
                    if (i < data.Length && data[i] == Quote)
                    {
                        escaped = true;
                        i++;
                        continue;
                    }
                    break;
                }
                lines += data[start..i].Count(LineFeed);
                Add(fields, count++, new FieldSpan(start + 1, i - start - 2, escaped));
                if (i == data.Length)
                    return new(ParsedKind.Record, i, lines, count, plain);
                var next = data[i];
                if (next == delimiter)
                {
                    i++;
                    continue;
                }
                if (next == LineFeed)
                    return new(ParsedKind.Record, i + 1, lines, count, plain);
                if (next == CarriageReturn)
                {
                    if (i + 1 == data.Length && !final)
                        return new(ParsedKind.NeedMore, 0, 0, 0, false);
                    if (i + 1 < data.Length && data[i + 1] == LineFeed)
                        return new(ParsedKind.Record, i + 2, lines, count, plain);
                }
                // Bytes after a closing quote: ordinary bytes to the next delimiter, as the scanner reads them; DuckDB
                // decides.
                plain = false;
                count--;
            }

            while (true)
            {
                var k = data[i..].IndexOfAny(delimiter, LineFeed, Quote);
                if (k < 0)
                {
                    if (!final)
                        return new(ParsedKind.NeedMore, 0, 0, 0, false);
                    var end = data.Length;
                    if (data[start..end].IndexOf(CarriageReturn) >= 0)
                        plain = false;
                    Add(fields, count++, new FieldSpan(start, end - start, false));
                    return new(ParsedKind.Record, end, lines, count, plain);
                }
                i += k;
                if (data[i] == Quote)
                {
                    plain = false;
                    i++;
                    continue;
                }
                var fieldEnd = i;
                if (data[i] == delimiter)
                {
                    if (data[start..fieldEnd].IndexOf(CarriageReturn) >= 0)
                        plain = false;
                    Add(fields, count++, new FieldSpan(start, fieldEnd - start, false));
                    i++;
                    break;
                }
                // Line feed: the record ends here; a carriage return right before it belongs to the line break.
                if (fieldEnd > start && data[fieldEnd - 1] == CarriageReturn)
                    fieldEnd--;
                if (data[start..fieldEnd].IndexOf(CarriageReturn) >= 0)
                    plain = false;
                Add(fields, count++, new FieldSpan(start, fieldEnd - start, false));
                return new(ParsedKind.Record, i + 1, lines, count, plain);
            }
        }
    }

    /// <summary>The field content <paramref name="content"/> with <c>""</c> pairs turned into one quote, written to
    /// <paramref name="target"/>; returns its length.</summary>
    public static int Unescape(ReadOnlySpan<byte> content, Span<byte> target)
    {
        var written = 0;
        for (var i = 0; i < content.Length; i++)
        {
            target[written++] = content[i];
            if (content[i] == Quote && i + 1 < content.Length && content[i + 1] == Quote)
                i++;
        }
        return written;
    }

    private static void Add(Span<FieldSpan> fields, int index, FieldSpan field)
    {
        if (index < fields.Length)
            fields[index] = field;
    }
}
