using System.Text;
using DuckDB.NET.Data;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Loading;

/// <summary>The kind of an input file, told from its first bytes.</summary>
internal enum SourceFormat
{
    /// <summary>Delimited text.</summary>
    Csv,

    /// <summary>Apache Parquet.</summary>
    Parquet,
}

/// <summary>
/// What loading needs to know about an input before reading its rows: format, header names, delimiter, encoding
/// and where the header sits. Opening checks the file and throws <see cref="DataFormatException"/> with a one-line
/// message for the file-level faults (missing, empty, binary, header only is checked after reading, wrong delimiter).
/// </summary>
internal sealed record SourceFile(
    string Path,
    SourceFormat Format,
    IReadOnlyList<string> Header,
    char Delimiter,
    string Encoding,
    int LeadingBlankLines,
    long HeaderLine
)
{
    private const int SampleBytes = 1 << 20;
    private static readonly char[] DelimiterCandidates = [',', ';', '\t', '|'];

    /// <summary>What is read: <see cref="Path"/> itself, or the UTF-8 copy of a transcoded file.</summary>
    public string DataPath { get; init; } = Path;

    /// <summary>Throws <see cref="DataFormatException"/> when <paramref name="path"/> is not an existing
    /// file.</summary>
    public static void CheckExists(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new DataFormatException("(no path)", "no input file was given");
        if (Directory.Exists(path))
            throw new DataFormatException(path, "is a directory, not a file");
        if (!File.Exists(path))
            throw new DataFormatException(path, "file not found");
    }

    /// <summary>The first <paramref name="count"/> bytes of <paramref name="path"/> (fewer when it is
    /// shorter).</summary>
    public static byte[] ReadHead(string path, int count)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        var buffer = new byte[count];
        var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return buffer[..read];
    }

    /// <summary>True when <paramref name="head"/> starts with Parquet's magic bytes.</summary>
    public static bool IsParquet(byte[] head) => StartsWith(head, "PAR1"u8);

    /// <summary>The bytes (without line break) of the physical lines <paramref name="lines"/> (ascending), at most
    /// <paramref name="limit"/> of them.</summary>
    public static List<byte[]> ReadLines(string path, IReadOnlyList<long> lines, int limit = 10_000)
    {
        var result = new List<byte[]>();
        using var stream = ChunkedFile.OpenSequential(path, 1 << 16);
        var current = new List<byte>();
        long line = 1;
        var next = 0;
        int b;
        while (next < lines.Count && result.Count < limit && (b = stream.ReadByte()) >= 0)
        {
            if (b == '\n')
            {
                if (line == lines[next])
                {
                    result.Add([.. current]);
                    next++;
                }
                current.Clear();
                line++;
                continue;
            }
            if (line == lines[next] && b != '\r')
                current.Add((byte)b);
        }
        if (next < lines.Count && result.Count < limit && line == lines[next] && current.Count > 0)
            result.Add([.. current]);
        return result;
    }

    /// <summary>
    /// Inspects <paramref name="path"/>; Parquet schemas are read through <paramref name="store"/>. Messages name
    /// <paramref name="displayPath"/> (the user's file when <paramref name="path"/> is its transcoded copy).
    /// </summary>
    public static SourceFile Open(
        TransactionStore store,
        string path,
        char delimiter,
        string? displayPath = null,
        string? encodingName = null
    )
    {
        ArgumentNullException.ThrowIfNull(store);
        CheckExists(path);
        var shown = displayPath ?? path;

        var sample = ReadSample(path);
        if (sample.Length == 0)
            throw new DataFormatException(shown, "the file is empty");
        if (StartsWith(sample, "PAR1"u8))
            return OpenParquet(store, path);
        if (StartsWith(sample, "PK\u0003\u0004"u8))
        {
            throw new DataFormatException(
                shown,
                "looks like a ZIP archive, not a CSV, Parquet or Excel file",
                expected: "an Excel workbook named .xlsx, or CSV text"
            );
        }
        if (StartsWith(sample, [0xFF, 0xFE]) || StartsWith(sample, [0xFE, 0xFF]))
            throw new DataFormatException(shown, "is UTF-16 encoded", expected: "UTF-8 text, or --encoding utf-16");
        if (LooksBinary(sample))
            throw new DataFormatException(shown, "looks like a binary file, not CSV text");

        var body = StartsWith(sample, [0xEF, 0xBB, 0xBF]) ? sample.AsSpan(3) : sample.AsSpan();
        if (body.IndexOf((byte)'\n') < 0 && body.IndexOf((byte)'\r') >= 0)
            throw new DataFormatException(
                shown,
                "ends its lines with a bare carriage return (classic Mac)",
                expected: "LF or CRLF line ends"
            );
        var text = System.Text.Encoding.UTF8.GetString(body);
        var source = OpenCsv(shown, text, delimiter, "utf-8") with { DataPath = path };
        if (!IsUtf8(body[..HeaderEnd(body, source)]))
        {
            var header = ReadLines(path, [source.HeaderLine]);
            var advice = TextEncodings.Advise(header);
            throw new DataFormatException(
                shown,
                FormattableString.Invariant($"line {source.HeaderLine} is not valid ")
                    + FormattableString.Invariant(
                        $"{encodingName ?? TextEncodings.Utf8}{(advice is null ? "" : "; " + advice)}"
                    ),
                expected: advice is null ? $"UTF-8 text, or --encoding NAME ({TextEncodings.Names})" : null
            );
        }
        return source;
    }

    /// <summary>Bytes up to the end of the header line (the first line that is not blank) in
    /// <paramref name="body"/>.</summary>
    private static int HeaderEnd(ReadOnlySpan<byte> body, SourceFile source)
    {
        var at = 0;
        for (var line = 0L; line < source.HeaderLine; line++)
        {
            var feed = body[at..].IndexOf((byte)'\n');
            if (feed < 0)
                return body.Length;
            at += feed + 1;
        }
        return at;
    }

    private static SourceFile OpenCsv(string path, string text, char delimiter, string encoding)
    {
        var position = 0;
        var blank = 0;
        while (position < text.Length)
        {
            var end = text.IndexOf('\n', position);
            var line = end < 0 ? text[position..] : text[position..end];
            if (line.Trim().Length > 0)
                break;
            blank++;
            position = end < 0 ? text.Length : end + 1;
        }
        if (position >= text.Length)
            throw new DataFormatException(path, "the file is empty (no header line)");

        var header = SplitRecord(text, position, delimiter);
        var headerLine = blank + 1L;
        if (header.Count == 1)
        {
            foreach (var candidate in DelimiterCandidates.Where(c => c != delimiter))
            {
                var split = SplitRecord(text, position, candidate);
                if (split.Count > 1)
                    throw new DataFormatException(
                        path,
                        $"the delimiter looks wrong: the header has no '{Show(delimiter)}' but splits into "
                            + $"{split.Count} columns on '{Show(candidate)}'",
                        line: headerLine,
                        expected: $"'{Show(delimiter)}'-delimited columns, or the delimiter set to '{Show(candidate)}'"
                    );
            }
        }
        var names = header.Select((h, i) => h.Trim().Length == 0 ? $"column{i + 1}" : h.Trim()).ToList();
        return new SourceFile(path, SourceFormat.Csv, names, delimiter, encoding, blank, headerLine);
    }

    private static SourceFile OpenParquet(TransactionStore store, string path)
    {
        var names = new List<string>();
        try
        {
            using var command = store.Connection.CreateCommand();
            command.CommandText = $"DESCRIBE SELECT * FROM read_parquet({SqlText.Literal(path)})";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                names.Add(reader.GetString(0));
        }
        catch (DuckDBException e)
        {
            throw new DataFormatException(path, "is not a readable Parquet file: " + SqlText.FirstLine(e.Message));
        }
        return new SourceFile(path, SourceFormat.Parquet, names, ',', "utf-8", 0, 0);
    }

    /// <summary>Splits the record starting at <paramref name="start"/> (quotes may hold delimiters and line
    /// breaks).</summary>
    internal static List<string> SplitRecord(string text, int start, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var fieldStart = true;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else
                        quoted = false;
                }
                else
                    field.Append(c);
                continue;
            }
            if (c == '"' && fieldStart)
            {
                quoted = true;
                fieldStart = false;
                continue;
            }
            if (c == delimiter)
            {
                fields.Add(field.ToString());
                field.Clear();
                fieldStart = true;
                continue;
            }
            if (c == '\n')
                break;
            if (c == '\r' && (i + 1 == text.Length || text[i + 1] == '\n'))
                continue;
            field.Append(c);
            fieldStart = false;
        }
        fields.Add(field.ToString());
        return fields;
    }

    private static string Show(char c) => c == '\t' ? "\\t" : c.ToString();

    private static byte[] ReadSample(string path)
    {
        using var stream = ChunkedFile.OpenSequential(path);
        var buffer = new byte[(int)Math.Min(SampleBytes, stream.Length)];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = stream.Read(buffer, read, buffer.Length - read);
            if (n == 0)
                break;
            read += n;
        }
        return read == buffer.Length ? buffer : buffer[..read];
    }

    private static bool StartsWith(byte[] data, ReadOnlySpan<byte> prefix) => data.AsSpan().StartsWith(prefix);

    /// <summary>NUL bytes, or more than 1 % control characters other than tab and line breaks.</summary>
    private static bool LooksBinary(byte[] sample)
    {
        if (sample.AsSpan().IndexOf((byte)0) >= 0)
            return true;
        var control = 0;
        foreach (var b in sample)
        {
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0C))
                control++;
        }
        return control > sample.Length / 100;
    }

    /// <summary>True when the sample is valid UTF-8 up to its last line break (a cut multi-byte character at the end is
    /// fine).</summary>
    private static bool IsUtf8(ReadOnlySpan<byte> sample)
    {
        var end = sample.LastIndexOf((byte)'\n');
        var checkedPart = end < 0 ? sample : sample[..end];
        return System.Text.Unicode.Utf8.IsValid(checkedPart);
    }
}
