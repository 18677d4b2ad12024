using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Segmentation.Testing;

/// <summary>
/// Writes a minimal .xlsx workbook (the Office Open XML parts Excel itself writes: content types, workbook, sheets,
/// styles with one date format), for fixtures. Cells: string (inline), double, DateTime (date-formatted serial), null.
/// Rows are (Excel row number, cells); missing numbers are rows Excel leaves out.
/// </summary>
internal static class XlsxWriter
{
    public static void Write(string path, params (string Name, IEnumerable<(int Row, object?[] Cells)> Rows)[] sheets)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var overrides = string.Concat(
            sheets.Select(
                (_, i) =>
                    $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" "
                    + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+"
                    + "xml\"/>"
            )
        );
        Entry(
            zip,
            "[Content_Types].xml",
            $"""<?xml version="1.0" encoding="UTF-8"?><Types """
                + $"""xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default """
                + $"""Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"""
                + $"""<Default Extension="xml" ContentType="application/xml"/><Override """
                + $"""PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument."""
                + $"""spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" """
                + $"""ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"""
                + $"""{overrides}</Types>"""
        );
        Entry(
            zip,
            "_rels/.rels",
            """<?xml version="1.0" encoding="UTF-8"?><Relationships """
                + """xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship """
                + """Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/"""
                + """officeDocument" Target="xl/workbook.xml"/></Relationships>"""
        );
        var sheetList = string.Concat(
            sheets.Select(
                (s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>"
            )
        );
        Entry(
            zip,
            "xl/workbook.xml",
            $"""<?xml version="1.0" encoding="UTF-8"?><workbook """
                + $"""xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" """
                + $"""xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"""
                + $"""{sheetList}</sheets></workbook>"""
        );
        var relations = string.Concat(
            sheets.Select(
                (_, i) =>
                    $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/"
                    + $"officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>"
            )
        );
        Entry(
            zip,
            "xl/_rels/workbook.xml.rels",
            $"""<?xml version="1.0" encoding="UTF-8"?><Relationships """
                + $"""xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"""
                + $"""{relations}<Relationship Id="rIdStyles" """
                + $"""Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" """
                + $"""Target="styles.xml"/></Relationships>"""
        );
        Entry(
            zip,
            "xl/styles.xml",
            """<?xml version="1.0" encoding="UTF-8"?><styleSheet """
                + """xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts """
                + """count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts><fonts """
                + """count="1"><font/></fonts><fills count="1"><fill/></fills><borders """
                + """count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs """
                + """count="2"><xf numFmtId="0"/><xf numFmtId="164" """
                + """applyNumberFormat="1"/></cellXfs></styleSheet>"""
        );
        for (var s = 0; s < sheets.Length; s++)
        {
            using var writer = new StreamWriter(
                zip.CreateEntry($"xl/worksheets/sheet{s + 1}.xml").Open(),
                new UTF8Encoding(false)
            );
            writer.Write(
                """<?xml version="1.0" encoding="UTF-8"?><worksheet """
                    + """xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""
            );
            foreach (var (row, cells) in sheets[s].Rows)
            {
                writer.Write(FormattableString.Invariant($"<row r=\"{row}\">"));
                for (var c = 0; c < cells.Length; c++)
                {
                    var reference = FormattableString.Invariant($"{Column(c)}{row}");
                    switch (cells[c])
                    {
                        case null:
                            break;
                        case double d:
                            writer.Write(
                                $"<c r=\"{reference}\"><v>{d.ToString("R", CultureInfo.InvariantCulture)}</v></c>"
                            );
                            break;
                        case DateTime t:
                            writer.Write(
                                $"<c r=\"{reference}\" s=\"1\"><v>"
                                    + $"{t.ToOADate().ToString("R", CultureInfo.InvariantCulture)}</v></c>"
                            );
                            break;
                        case string text:
                            writer.Write(
                                $"<c r=\"{reference}\" t=\"inlineStr\"><is><t "
                                    + $"xml:space=\"preserve\">{SecurityElement.Escape(text)}</t></is></c>"
                            );
                            break;
                        default:
                            throw new ArgumentException($"unsupported cell {cells[c]}");
                    }
                }
                writer.Write("</row>");
            }
            writer.Write("</sheetData></worksheet>");
        }
    }

    private static string Column(int index) =>
        index < 26 ? ((char)('A' + index)).ToString() : Column(index / 26 - 1) + (char)('A' + index % 26);

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
