using System.Globalization;
using System.Text;
using ExcelDataReader;
using ExcelDataReader.Exceptions;

namespace Segmentation.Data.Loading;

/// <summary>
/// Reads one sheet of an .xlsx or .xls workbook as a stream of rows (ExcelDataReader: it reads both formats row by row
/// and keeps no sheet in memory) and writes it as a UTF-8 CSV file whose line k is Excel row k: rows above the header
/// (titles) and empty rows become blank lines, trailing empty rows are dropped, date cells and serial numbers in the
/// timestamp column become <c>yyyy-MM-dd HH:mm:ss</c>. A cell holding line breaks makes its record span several
/// lines; <see cref="ExtraLines"/> then maps lines back to rows.
/// </summary>
internal sealed class ExcelSheet
{
    private const int HeaderSearchRows = 30;
    private static readonly object RegisterLock = new();
    private static bool registered;

    private ExcelSheet(string name, int headerRow, List<(long Line, long Extra)> extraLines)
    {
        Name = name;
        HeaderRow = headerRow;
        ExtraLines = extraLines;
    }

    /// <summary>The sheet read.</summary>
    public string Name { get; }

    /// <summary>The header's Excel row (1-based).</summary>
    public int HeaderRow { get; }

    /// <summary>Steps (first CSV line, extra lines before it): the Excel row of CSV line L is L minus the extra of the
    /// last step at or before L. Empty when every cell fits one line.</summary>
    public IReadOnlyList<(long Line, long Extra)> ExtraLines { get; }

    /// <summary>True when <paramref name="path"/> names an Excel workbook (by extension, or by the OLE2 signature of
    /// .xls).</summary>
    public static bool IsExcel(string path, byte[] head) =>
        path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".xls", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".xlsm", StringComparison.OrdinalIgnoreCase)
        || head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]);

    /// <summary>
    /// Writes sheet <paramref name="sheet"/> (name, or 1-based number; null: the first) of <paramref name="path"/> to
    /// <paramref name="target"/>. <paramref name="headerRow"/> (1-based) overrides detection;
    /// <paramref name="timestampColumn"/> names the column whose numbers are Excel serial dates, given the header.
    /// </summary>
    public static ExcelSheet ToCsv(
        string path,
        string target,
        string? sheet,
        int? headerRow,
        char delimiter,
        Func<IReadOnlyList<string>, int?> timestampColumn
    )
    {
        EnsureCodePages();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var reader = OpenReader(path, stream);
        var sheetName = SelectSheet(path, reader, sheet);

        // Rows are read once; the first ones are kept until the header is found.
        var buffered = new List<object?[]>();
        var excelRow = 0;
        while (buffered.Count < HeaderSearchRows && Read(reader, path, sheetName, excelRow + 1))
        {
            excelRow++;
            buffered.Add(Cells(reader));
        }
        var header = headerRow
            ?? DetectHeader(buffered)
            ?? throw new DataFormatException(
                path,
                $"sheet '{sheetName}' has no header row in its first {HeaderSearchRows} rows (a row of at "
                    + "least two text cells)",
                expected: "--header-row N"
            );
        if (header < 1 || header > buffered.Count)
            throw new DataFormatException(
                path,
                FormattableString.Invariant($"sheet '{sheetName}' has no row {header} (header row)")
            );
        var headerCells = buffered[header - 1];
        var width = Array.FindLastIndex(headerCells, c => !IsEmpty(c)) + 1;
        if (width == 0)
            throw new DataFormatException(
                path,
                FormattableString.Invariant($"sheet '{sheetName}' row {header} (header row) is empty")
            );
        var names = Enumerable.Range(0, width).Select(i => Text(headerCells[i])).ToList();
        var timestamp = timestampColumn(names.Select(n => n.Trim()).ToList());

        var extra = new List<(long, long)>();
        using var output = new StreamWriter(target, false, new UTF8Encoding(false), 1 << 16);
        var line = 0L;
        var pendingEmpty = 0;
        var row = new StringBuilder();
        void Write(object?[] cells, int number, bool isHeader)
        {
            if (!isHeader && cells.All(IsEmpty))
            {
                pendingEmpty++;
                return;
            }
            for (; pendingEmpty > 0; pendingEmpty--)
            {
                output.Write('\n');
                line++;
            }
            row.Clear();
            // Cells right of the header are kept, so that such a row is malformed (too many columns), as in a CSV file.
            var used = Math.Max(width, Array.FindLastIndex(cells, c => !IsEmpty(c)) + 1);
            for (var i = 0; i < used; i++)
            {
                if (i > 0)
                    row.Append(delimiter);
                var value = i < cells.Length ? Format(cells[i], !isHeader && i == timestamp) : "";
                if (value.AsSpan().IndexOfAny([delimiter, '"', '\n', '\r']) >= 0)
                    row.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                else
                    row.Append(value);
            }
            row.Append('\n');
            var breaks = row.ToString().Count(c => c == '\n') - 1;
            output.Write(row);
            line += 1 + breaks;
            if (breaks > 0)
                extra.Add((line + 1, line - number));
        }
        for (var i = 0; i < header - 1; i++)
        {
            output.Write('\n');
            line++;
        }
        Write(headerCells, header, isHeader: true);
        for (var i = header; i < buffered.Count; i++)
            Write(buffered[i], i + 1, isHeader: false);
        while (Read(reader, path, sheetName, excelRow + 1))
        {
            excelRow++;
            Write(Cells(reader), excelRow, isHeader: false);
        }
        return new ExcelSheet(sheetName, header, extra);
    }

    /// <summary>SQL giving the Excel row of CSV line <paramref name="line"/>.</summary>
    public string RowSql(string line)
    {
        if (ExtraLines.Count == 0)
            return line;
        var sql = new StringBuilder($"{line} - CASE");
        foreach (var (start, extra) in ExtraLines.Reverse())
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {line} >= {start} THEN {extra}");
        return sql.Append(" ELSE 0 END").ToString();
    }

    /// <summary>
    /// ExcelDataReader needs code page 1252 (and others for .xls) even for .xlsx; .NET has them only through
    /// <see cref="CodePagesEncodingProvider"/>, registered here once. It only makes more encodings available.
    /// </summary>
    private static void EnsureCodePages()
    {
        lock (RegisterLock)
        {
            if (registered)
                return;
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            registered = true;
        }
    }

    private static IExcelDataReader OpenReader(string path, Stream stream)
    {
        var xls = path.EndsWith(".xls", StringComparison.OrdinalIgnoreCase);
        if (!xls && !StartsWithZip(stream))
            throw new DataFormatException(
                path,
                "is not an .xlsx workbook: not a zip archive",
                expected: "a workbook saved by Excel, or a CSV export (read with its .csv name)"
            );
        try
        {
            return xls ? ExcelReaderFactory.CreateReader(stream) : ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception e)
            when (e
                    is HeaderException
                        or InvalidDataException
                        or ExcelReaderException
                        or NotSupportedException
                        or IOException
                        or System.Xml.XmlException
            )
        {
            throw new DataFormatException(
                path,
                $"is not a readable Excel workbook ({e.Message.TrimEnd('.')})",
                expected: "a workbook saved by Excel, or a CSV export"
            );
        }
    }

    private static bool StartsWithZip(Stream stream)
    {
        Span<byte> head = stackalloc byte[4];
        var read = stream.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 4 && head.SequenceEqual("PK\u0003\u0004"u8);
    }

    private static string SelectSheet(string path, IExcelDataReader reader, string? sheet)
    {
        if (sheet is null)
            return reader.Name;
        int? number = int.TryParse(sheet.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
        var names = new List<string>();
        do
        {
            names.Add(reader.Name);
            if (string.Equals(reader.Name.Trim(), sheet.Trim(), StringComparison.Ordinal) || number == names.Count)
                return reader.Name;
        } while (reader.NextResult());
        throw new DataFormatException(
            path,
            $"sheet '{sheet}' not found; sheets: "
                + $"{string.Join(", ", names.Select((name, i) => FormattableString.Invariant($"{i + 1} '{name}'")))}",
            expected: "--sheet NAME or NUMBER"
        );
    }

    private static bool Read(IExcelDataReader reader, string path, string sheet, int row)
    {
        try
        {
            return reader.Read();
        }
        catch (Exception e)
            when (e is InvalidDataException or ExcelReaderException or System.Xml.XmlException or FormatException)
        {
            throw new DataFormatException(
                path,
                FormattableString.Invariant($"sheet '{sheet}' row {row} could not be read: {e.Message}")
            );
        }
    }

    private static object?[] Cells(IExcelDataReader reader)
    {
        var cells = new object?[reader.FieldCount];
        for (var i = 0; i < cells.Length; i++)
            cells[i] = reader.GetValue(i);
        return cells;
    }

    /// <summary>The header row: the first of at least two cells, all text, holding at least half as many cells as the
    /// widest row read.</summary>
    private static int? DetectHeader(List<object?[]> rows)
    {
        var widest = rows.Count == 0 ? 0 : rows.Max(r => r.Count(c => !IsEmpty(c)));
        for (var i = 0; i < rows.Count; i++)
        {
            var filled = rows[i].Where(c => !IsEmpty(c)).ToList();
            if (filled.Count >= 2 && filled.Count * 2 >= widest && filled.All(c => c is string))
                return i + 1;
        }
        return null;
    }

    private static bool IsEmpty(object? cell) => cell is null || (cell is string s && s.Trim().Length == 0);

    private static string Text(object? cell) => Format(cell, serialDate: false);

    /// <summary>A cell as CSV text: numbers in invariant shortest form, dates as ISO (date only at midnight), serial
    /// numbers as dates when asked.</summary>
    private static string Format(object? cell, bool serialDate) =>
        cell switch
        {
            null => "",
            string s => s,
            DateTime t => Iso(t),
            double d when serialDate && d > 0 && d < 2958466 => Iso(DateTime.FromOADate(d)),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "TRUE" : "FALSE",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => cell.ToString() ?? "",
        };

    private static string Iso(DateTime t) =>
        t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : t.Millisecond == 0 ? t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
        : t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
