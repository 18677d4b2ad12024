using System.Globalization;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Testing;
using Segmentation.Tests.Cli;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Data.OwnData;

/// <summary>The sample as an Excel workbook (title rows, two sheets, date cells and serial numbers) reads back to the
/// same rfm.csv.</summary>
public sealed class ExcelCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("seg-excel-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>
    /// The sample on sheet 2 '订单' below a title row and a missing row, header on row 3, so CSV line L is Excel row L +
    /// 2. Numbers that round-trip are number cells, timestamps date cells (every 997th a bare serial number). The CSV's
    /// two short lines (too few fields) cannot exist in a sheet and are left out: they are quarantined in the CSV, so
    /// RFM is unchanged, and they lie after the rows the tests look at.
    /// </summary>
    private string SampleWorkbook()
    {
        var lines = File.ReadAllLines(OwnDataFixtures.SampleTransactions);
        var rows = new List<(int, object?[])>
        {
            (1, ["2024–2025 会员订单导出"]),
            (3, [.. OwnDataFixtures.ChineseHeader]),
        };
        var row = 3;
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            if (fields.Length < OwnDataFixtures.ChineseHeader.Length)
                continue;
            rows.Add((++row, fields.Select((f, c) => Cell(f, c == 2, i % 997 == 0)).ToArray()));
        }
        rows.Add((row + 1, ["  ", null, ""]));
        rows.Add((row + 2, [null, ""]));
        var path = Path.Combine(directory, "会员订单.xlsx");
        XlsxWriter.Write(path, ("说明", [(1, ["导出说明"])]), ("订单", rows));
        return path;
    }

    private static object? Cell(string text, bool timestamp, bool serial)
    {
        if (text.Length == 0)
            return null;
        if (
            timestamp
            && DateTime.TryParseExact(
                text,
                "yyyy-MM-dd HH:mm:ss",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var t
            )
        )
            return serial ? t.ToOADate() : t;
        if (
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d.ToString("R", CultureInfo.InvariantCulture) == text
        )
            return d;
        return text;
    }

    private (int Code, string Output, string Error) Seg(string command, string output, params string[] args) =>
        SegProcess.Run([command, .. args, "--out", Path.Combine(directory, output)]);

    [Fact]
    public void The_sample_as_a_workbook_gives_the_original_rfm_and_quarantines_rows_by_sheet_and_excel_row()
    {
        var workbook = SampleWorkbook();
        var original = Seg("rfm", "original", "--input", OwnDataFixtures.SampleTransactions, "--as-of", "2026-01-01");
        var byName = Seg(
            "rfm",
            "by-name",
            "--input",
            workbook,
            "--sheet",
            "订单",
            "--map",
            OwnDataFixtures.ChineseMap,
            "--as-of",
            "2026-01-01"
        );
        var byNumber = Seg(
            "rfm",
            "by-number",
            "--input",
            workbook,
            "--sheet",
            "2",
            "--map",
            OwnDataFixtures.ChineseMap,
            "--as-of",
            "2026-01-01"
        );

        Assert.True(
            original.Code == 0 && byName.Code == 0 && byNumber.Code == 0,
            original.Error + byName.Error + byNumber.Error
        );
        var expected = File.ReadAllText(Path.Combine(directory, "original", "rfm.csv"));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(directory, "by-name", "rfm.csv")));
        Assert.Equal(expected, File.ReadAllText(Path.Combine(directory, "by-number", "rfm.csv")));
        // CSV line 6187 holds quantity "abc": Excel row 6189 of sheet 订单.
        Assert.Contains(
            "transactions,6189,unparseable,\"not a number (sheet 订单, row 6189)\",quantity,abc,",
            File.ReadAllText(Path.Combine(directory, "by-name", "quarantine.csv")),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void A_workbook_that_is_not_a_zip_and_a_missing_sheet_are_one_line_errors()
    {
        var fake = Path.Combine(directory, "fake.xlsx");
        File.WriteAllText(fake, "customer_id,order_id\n1,2\n");
        var workbook = Path.Combine(directory, "two.xlsx");
        XlsxWriter.Write(workbook, ("说明", [(1, ["x"])]), ("订单", [(1, ["a", "b"])]));

        var notZip = Seg("clean", "a", "--input", fake);
        var missing = Seg("rfm", "b", "--input", workbook, "--sheet", "客户");

        Assert.Equal((2, 2), (notZip.Code, missing.Code));
        Assert.StartsWith(
            $"seg: {fake}: is not an .xlsx workbook: not a zip archive",
            notZip.Error,
            StringComparison.Ordinal
        );
        Assert.Equal(
            $"seg: {workbook}: sheet '客户' not found; sheets: 1 '说明', 2 '订单'; expected --sheet NAME or NUMBER",
            missing.Error.TrimEnd()
        );
        Assert.Single(notZip.Error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Title_rows_are_skipped_line_breaks_in_cells_keep_excel_row_numbers_and_trailing_empty_rows_are_ignored()
    {
        var path = Path.Combine(directory, "small.xlsx");
        XlsxWriter.Write(
            path,
            (
                "Orders",
                [
                    (1, ["Orders export"]),
                    (2, ["customer_id", "order_id", "timestamp", "quantity", "unit_price", "note"]),
                    (3, ["7", "A1", new DateTime(2024, 3, 5, 14, 3, 0), 2.0, 2.5, "two\nlines"]),
                    (5, ["7", "A2", 45356.5, "x", 2.5, null]),
                    (6, ["8", "A3", "2024-03-06 09:00:00", 1.0, 4.0, "ok"]),
                    (7, ["", null]),
                ]
            )
        );
        using var store = TransactionStore.InMemory();

        var detected = TransactionLoader.Load(store, path);
        var quarantine = StoreQueries.Rows(store, "SELECT line_number, reason FROM quarantine");
        var clean = StoreQueries.Rows(
            store,
            "SELECT line_number, CAST(\"timestamp\" AS VARCHAR) FROM clean ORDER BY line_number"
        );
        var explicitRow = TransactionLoader.Load(store, path, options: new CleaningOptions { HeaderRow = 2 });

        Assert.Equal((3L, 2L, 1L), (detected.RowsIn, detected.Clean, detected.Quarantined));
        Assert.Equal(
            [
                ["5", "not a number (sheet Orders, row 5)"],
            ],
            quarantine
        );
        Assert.Equal(
            [
                ["3", "2024-03-05 14:03:00"],
                ["6", "2024-03-06 09:00:00"],
            ],
            clean
        );
        Assert.Equal(detected.RowsIn, explicitRow.RowsIn);
    }
}
