using System.Diagnostics;
using Segmentation.Tests.Cli;

namespace Segmentation.Tests.Data.OwnData;

/// <summary>
/// An Excel 97–2003 workbook (.xls, the binary format older back-office systems still export), written by Debian's
/// xlwt: the first 60,000 lines of the sample (an .xls sheet holds at most 65,536 rows) under Chinese headers on sheet
/// 2, below a title row, with timestamps as date cells and numbers as number cells, read back to the same rfm.csv as
/// the same lines in CSV. The CSV's short lines (too few fields, quarantined there) cannot exist in a sheet and are
/// left out.
/// </summary>
public sealed class XlsWorkbookTests : IDisposable
{
    private const int Lines = 60_000;

    private const string Writer = """
        import csv, datetime, sys, xlwt
        source, target, header = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
        book = xlwt.Workbook(encoding="utf-8")
        book.add_sheet("说明").write(0, 0, "导出说明")
        sheet = book.add_sheet("订单")
        sheet.write(0, 0, "会员订单导出")
        when = xlwt.easyxf(num_format_str="yyyy-mm-dd hh:mm:ss")
        for c, name in enumerate(header):
            sheet.write(2, c, name)
        with open(source, newline="", encoding="utf-8") as f:
            rows = csv.reader(f)
            next(rows)
            r = 2
            for fields in rows:
                if len(fields) < len(header):
                    continue
                r += 1
                for c, text in enumerate(fields):
                    if text == "":
                        continue
                    if c == 2:
                        try:
                            sheet.write(r, c, datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S"), when)
                            continue
                        except ValueError:
                            pass
                    try:
                        number = float(text)
                        if repr(number) == text or (number.is_integer() and str(int(number)) == text):
                            sheet.write(r, c, number)
                            continue
                    except ValueError:
                        pass
                    sheet.write(r, c, text)
        book.save(target)
        """;

    private readonly string directory = Directory.CreateTempSubdirectory("seg-xls-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void The_sample_as_an_xls_workbook_gives_the_same_rfm_as_the_same_lines_in_csv()
    {
        var csv = Path.Combine(directory, "head.csv");
        File.WriteAllLines(csv, File.ReadLines(OwnDataFixtures.SampleTransactions).Take(Lines + 1));
        var xls = Path.Combine(directory, "会员订单.xls");
        WriteXls(csv, xls);

        var original = SegProcess.Run(
            "rfm",
            "--input",
            csv,
            "--as-of",
            "2026-01-01",
            "--out",
            Path.Combine(directory, "csv")
        );
        var workbook = SegProcess.Run(
            "rfm",
            "--input",
            xls,
            "--sheet",
            "订单",
            "--map",
            OwnDataFixtures.ChineseMap,
            "--as-of",
            "2026-01-01",
            "--out",
            Path.Combine(directory, "xls")
        );

        Assert.True(original.Code == 0 && workbook.Code == 0, original.Error + workbook.Error);
        var expected = File.ReadAllText(Path.Combine(directory, "csv", "rfm.csv"));
        Assert.True(expected.Split('\n').Length > 1000, "the CSV's rfm.csv should hold the sample's customers");
        Assert.Equal(expected, File.ReadAllText(Path.Combine(directory, "xls", "rfm.csv")));
    }

    private static void WriteXls(string csv, string xls)
    {
        using var python = Process.Start(
            new ProcessStartInfo(
                "/usr/bin/python3",
                ["-c", Writer, csv, xls, string.Join(",", OwnDataFixtures.ChineseHeader)]
            )
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            }
        )!;
        var error = python.StandardError.ReadToEnd();
        python.WaitForExit();
        Assert.True(
            python.ExitCode == 0,
            "xlwt (Debian python3-xlwt, installed by tests/setup.sh) could not write the .xls fixture: " + error
        );
    }
}
