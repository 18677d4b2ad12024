namespace Segmentation.Data.Loading;

/// <summary>
/// Which physical lines of a CSV file do not start a data record: the header (and any blank lines before it),
/// blank lines, and continuation lines of records whose quoted fields hold line breaks. Every other physical line
/// starts exactly one record, in order, which is how a record's ordinal becomes its true line number.
/// </summary>
/// <param name="TotalLines">Physical lines in the file (a last line without a line break counts).</param>
/// <param name="HeaderLines">Physical lines of the header record and the blank lines before it, ascending.</param>
/// <param name="BlankLines">Empty lines between records (skipped by the CSV reader), ascending.</param>
/// <param name="ContinuationLines">Lines that continue a record begun on an earlier line, ascending.</param>
internal sealed record LineLayout(
    long TotalLines,
    IReadOnlyList<long> HeaderLines,
    IReadOnlyList<long> BlankLines,
    IReadOnlyList<long> ContinuationLines
)
{
    /// <summary>Every line that starts no record, ascending.</summary>
    public IReadOnlyList<long> NonRecordLines()
    {
        var all = new List<long>(HeaderLines.Count + BlankLines.Count + ContinuationLines.Count);
        all.AddRange(HeaderLines);
        all.AddRange(BlankLines);
        all.AddRange(ContinuationLines);
        all.Sort();
        return all;
    }
}

/// <summary>
/// One streaming pass over a CSV file's bytes that finds its <see cref="LineLayout"/>. It follows RFC 4180 quoting
/// as DuckDB's reader does: a quote opens a quoted field only at the start of a field, <c>""</c> inside one is a
/// literal quote, and a quote elsewhere is an ordinary character. Only lines holding a quote are examined byte by
/// byte; the rest cost one vectorised search each. Nothing is kept per record.
/// </summary>
internal static class PhysicalLineScanner
{
    private const int BufferSize = 4 << 20;

    /// <summary>Scans <paramref name="path"/>. With one column, an empty line is a record (an empty value), not a blank
    /// line.</summary>
    public static LineLayout Scan(string path, char delimiter, bool singleColumn)
    {
        var header = new List<long>();
        var blank = new List<long>();
        var continuation = new List<long>();
        var delimiterByte = (byte)delimiter;
        const byte quote = (byte)'"';

        long line = 0;
        var inQuotes = false;
        var headerSeen = false;
        var buffer = new byte[BufferSize];
        var filled = 0;
        var first = true;
        using var stream = ChunkedFile.OpenSequential(path);
        while (true)
        {
            var read = stream.Read(buffer, filled, buffer.Length - filled);
            var end = filled + read;
            var start = 0;
            if (first)
            {
                first = false;
                if (end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    start = 3;
            }
            var atEof = read == 0;
            while (true)
            {
                var span = buffer.AsSpan(start, end - start);
                var newline = span.IndexOf((byte)'\n');
                if (newline < 0 && !(atEof && span.Length > 0))
                    break;
                var content = newline < 0 ? span : span[..newline];
                line++;
                Classify(content);
                start += newline < 0 ? span.Length : newline + 1;
            }
            if (atEof)
                break;
            filled = ChunkedFile.KeepTail(ref buffer, start, end);
        }
        return new LineLayout(line, header, blank, continuation);

        void Classify(ReadOnlySpan<byte> content)
        {
            if (inQuotes)
            {
                continuation.Add(line);
                inQuotes = Advance(content, inQuotes: true, delimiterByte, quote);
                return;
            }
            var isBlank = content.Length == 0 || (content.Length == 1 && content[0] == (byte)'\r');
            if (!headerSeen)
            {
                header.Add(line);
                if (isBlank)
                    return;
                headerSeen = true;
            }
            else if (isBlank && !singleColumn)
            {
                blank.Add(line);
                return;
            }
            if (content.IndexOf(quote) >= 0)
                inQuotes = Advance(content, inQuotes: false, delimiterByte, quote);
        }
    }

    /// <summary>Runs the quoting state machine over one line; returns whether a quoted field is still open at its
    /// end.</summary>
    internal static bool Advance(ReadOnlySpan<byte> line, bool inQuotes, byte delimiter, byte quote)
    {
        var i = 0;
        var fieldStart = inQuotes ? -1 : 0;
        while (i < line.Length)
        {
            if (inQuotes)
            {
                var j = line[i..].IndexOf(quote);
                if (j < 0)
                    return true;
                i += j + 1;
                if (i < line.Length && line[i] == quote)
                {
                    i++;
                    continue;
                }
                inQuotes = false;
                fieldStart = -1;
            }
            else
            {
                var j = line[i..].IndexOfAny(delimiter, quote);
                if (j < 0)
                    return false;
                i += j;
                if (line[i] == delimiter)
                {
                    i++;
                    fieldStart = i;
                }
                else
                {
                    if (i == fieldStart)
                        inQuotes = true;
                    i++;
                }
            }
        }
        return inQuotes;
    }
}
