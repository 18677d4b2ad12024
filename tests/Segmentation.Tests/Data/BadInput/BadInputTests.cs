using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Data.BadInput;

/// <summary>
/// The bad-input corpus: every file in this folder is either refused with a one-line message naming the file
/// (file-level faults) or loaded with its bad rows quarantined at their physical line (row-level faults).
/// </summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string?, string> Refused =>
        new()
        {
            { "empty.csv", null, ": the file is empty" },
            { "blank_lines_only.csv", null, ": the file is empty (no header line)" },
            { "header_only.csv", null, ":1: has a header but no data rows" },
            {
                "missing_required_column.csv",
                ColumnMapping.WorkspacePresetName,
                ":1: missing required column unit_price for mapping 'workspace' (found 'customer_id, "
                    + "order_id, timestamp, quantity')"
            },
            {
                "missing_required_column.csv",
                null,
                ":1: no column mapping fits the header; missing roles unit_price (found 'customer_id, "
                    + "order_id, timestamp, quantity')"
            },
            {
                "semicolon.csv",
                null,
                ":1: the delimiter looks wrong: the header has no ',' but splits into 5 columns on ';'"
            },
            { "binary.bin", null, ": looks like a binary file, not CSV text" },
            {
                "workbook.xlsx",
                null,
                ": is not a readable Excel workbook (End of Central Directory record could not be found); "
                    + "expected a workbook saved by Excel, or a CSV export"
            },
            { "utf16.csv", null, ":1: has a header but no data rows" },
            { "corrupt.parquet", null, ": is not a readable Parquet file" },
            { "does_not_exist.csv", null, ": file not found" },
            {
                "cr_only.csv",
                null,
                ": ends its lines with a bare carriage return (classic Mac); expected LF or CRLF line ends"
            },
        };

    /// <summary>File → clean lines and quarantined "line column reason" entries.</summary>
    public static TheoryData<string, long[], string[]> Quarantined =>
        new()
        {
            {
                "non_numeric_amounts.csv",
                [2, 7],
                [
                    "3 quantity not a number",
                    "4 unit_price not a number",
                    "5 unit_price not a number",
                    "6 quantity missing value",
                ]
            },
            {
                "impossible_dates.csv",
                [6],
                [
                    "2 timestamp not a date/time",
                    "3 timestamp not a date/time",
                    "4 timestamp not a date/time",
                    "5 timestamp not a date/time",
                ]
            },
            { "bom_crlf.csv", [2, 3, 4], [] },
            { "quoted_newlines.csv", [2, 4, 8], ["7 quantity not a number"] },
            {
                "ragged_rows.csv",
                [2, 5],
                ["3 - malformed line: too many columns", "4 unit_price malformed line: missing columns"]
            },
            { "unterminated_quote.csv", [2], ["3 order_id malformed line: unquoted value"] },
            {
                "latin1.csv",
                [],
                [
                    "2 - invalid encoding: the line is not valid UTF-8",
                    "3 - invalid encoding: the line is not valid UTF-8",
                ]
            },
        };

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_file_level_fault_is_one_line_naming_the_file(string file, string? preset, string message)
    {
        var path = Path.Combine(Corpus, file);
        using var store = TransactionStore.InMemory();

        var error = Assert.Throws<DataFormatException>(() =>
            TransactionLoader.Load(store, path, preset is null ? null : ColumnMapping.Preset(preset))
        );

        Assert.StartsWith(path + message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(path, error.File);
    }

    [Theory]
    [MemberData(nameof(Quarantined))]
    public void A_row_level_fault_is_quarantined_at_its_physical_line(string file, long[] clean, string[] quarantined)
    {
        using var store = TransactionStore.InMemory();

        var result = TransactionLoader.Load(store, Path.Combine(Corpus, file));

        Assert.Equal(clean, StoreQueries.Lines(store, TransactionStore.CleanTable));
        var entries = StoreQueries
            .Rows(store, "SELECT line_number, coalesce(column_name, '-'), reason FROM quarantine ORDER BY line_number")
            .Select(r => string.Join(" ", r))
            .ToArray();
        Assert.Equal(quarantined.Length, entries.Length);
        for (var i = 0; i < entries.Length; i++)
            Assert.StartsWith(quarantined[i], entries[i]);
        Assert.Equal(result.RowsIn, result.Clean + result.Returns + result.Quarantined);
    }

    [Fact]
    public void Every_corpus_file_has_an_expectation()
    {
        var covered = Refused
            .Select(row => (string)row[0])
            .Concat(Quarantined.Select(row => (string)row[0]))
            .ToHashSet();

        var files = Directory
            .GetFiles(Corpus)
            .Select(Path.GetFileName)
            .Where(f => f is not ".gitattributes" && !f!.EndsWith(".cs", StringComparison.Ordinal));

        Assert.All(files, f => Assert.Contains(f!, covered));
    }

    [Fact]
    public void Latin1_text_is_decoded_with_its_encoding_and_quarantined_with_advice_without_it()
    {
        using var store = TransactionStore.InMemory();

        var asUtf8 = TransactionLoader.Load(store, Path.Combine(Corpus, "latin1.csv"));
        Assert.Equal(
            (
                2L,
                "line 2 is not valid UTF-8 (2 such lines quarantined); files saved by Excel in Western "
                    + "Europe and the Americas are usually windows-1252: try --encoding windows-1252"
            ),
            (asUtf8.Report.InvalidEncodingLines, asUtf8.Report.EncodingMessage)
        );

        var asLatin1 = TransactionLoader.Load(
            store,
            Path.Combine(Corpus, "latin1.csv"),
            options: new CleaningOptions { Encoding = "latin-1" }
        );
        Assert.Equal(["Café", "Crème brûlée"], store.Read().Select(t => t.Category!));
        Assert.Equal(("latin-1", 0L), (asLatin1.Report.Encoding, asLatin1.Report.InvalidEncodingLines));
    }

    /// <summary>This folder in the source tree (found from the test binaries by walking up to the solution).</summary>
    public static string Corpus
    {
        get
        {
            for (
                var directory = new DirectoryInfo(AppContext.BaseDirectory);
                directory is not null;
                directory = directory.Parent
            )
            {
                if (File.Exists(Path.Combine(directory.FullName, "Segmentation.sln")))
                    return Path.Combine(directory.FullName, "tests", "Segmentation.Tests", "Data", "BadInput");
            }
            throw new DirectoryNotFoundException("Segmentation.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
