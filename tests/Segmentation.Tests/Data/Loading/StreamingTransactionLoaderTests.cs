using System.Globalization;
using System.Text;
using System.Text.Json;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Generation;
using Segmentation.Data.Loading;
using Segmentation.Features;

namespace Segmentation.Tests.Data.Loading;

public sealed class StreamingTransactionLoaderTests
{
    private const string RetailHeader =
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    // Every rule, in the online-retail layout. Line numbers in the comments are physical lines.
    private const string EveryRule =
        RetailHeader
        + "1001,A1,MUG,2,12/4/2024 18:27,1.50,17850,United Kingdom\n"
        + // 2 clean
        "1001,A2,\"BOWLS, SET OF 2\",1,12/4/2024 18:27,3.25,17850,United Kingdom\n"
        + // 3 clean, quoted unmapped field
        "1001,A1,MUG,2,12/4/2024 18:27,1.50,17850,United Kingdom\n"
        + // 4 duplicate of 2
        "1002,A1,\"TWO\nLINES\",1,1/5/2025 9:05,1.50,17850,United Kingdom\n"
        + // 5-6 clean, line break in a quoted field
        "1003,A3,CUP,-1,1/6/2025 10:00,2.00,17850,United Kingdom\n"
        + // 7 return (negative quantity)
        "C1004,A3,CUP,1,1/6/2025 10:00,2.00,12347,Iceland\n"
        + // 8 return (cancellation)
        "1005,A3,CUP,0,1/6/2025 10:00,2.00,12347,Iceland\n"
        + // 9 non-positive quantity
        "1006,A3,CUP,1,1/6/2025 10:00,0,12347,Iceland\n"
        + // 10 non-positive price
        "1007,A3,CUP,1,1/6/1980 10:00,2.00,12347,Iceland\n"
        + // 11 outside the window
        "1008,A3,CUP,1,1/6/2025 10:00,2.00,,Iceland\n"
        + // 12 missing customer id
        "1008,A3,CUP,1,1/6/2025 10:00,2.00,,Iceland\n"
        + // 13 missing customer id again (not a duplicate: that rule runs later)
        ",A3,CUP,1,1/6/2025 10:00,2.00,12347,Iceland\n"
        + // 14 missing order id
        "1009,A3,CUP,abc,1/6/2025 10:00,2.00,12347,Iceland\n"
        + // 15 not a number
        "1010,A3,CUP,1,2/30/2024 10:00,2.00,12347,Iceland\n"
        + // 16 not a date
        "1011,A3,CUP, 3 ,1/7/2025 11:00,+2.5,12347,Iceland\n"
        + // 17 clean: spaces and a sign (DuckDB's casts)
        "1012,A3,CUP,1e1,2025-01-08 12:00:00,2.12345,12347,Iceland\n"
        + // 18 clean: exponent, ISO, rounded price
        "1013,A3,CUP,1,1/9/2025 13:00,2.00,12347,Iceland,extra\n"
        + // 19 malformed: too many fields
        "1014,A3,CUP,1,1/9/2025 13:00,2.00,12347\n"
        + // 20 malformed: too few fields
        "\n"
        + // 21 blank
        "\"1015\",A3,\"CUP\",\"4\",1/10/2025 14:00,\"2.00\",\"12347\",\"Ice\"\"land\"\n"
        + // 22 clean, quoted mapped fields
        "1003,A3,CUP,-1,1/6/2025 10:00,2.00,17850,United Kingdom\n"
        + // 23 duplicate of a return (duplicates run first)
        "1016,A3,CUP,1,1/11/2025 15:00,2.00,12347,Iceland"; // 24 clean, no final line break

    [Fact]
    public void Streamed_load_quarantines_every_row_exactly_as_the_full_load_and_gives_the_same_rfm()
    {
        var outcome = Compare(EveryRule);

        Assert.Equal(21, outcome.Streamed.RowsIn);
        Assert.Equal(24, outcome.Streamed.Report.PhysicalLines);
        Assert.Equal(1, outcome.Streamed.Report.BlankLines);
        Assert.Equal([4L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L, 19L, 20L, 23L], outcome.QuarantineLines);
        Assert.Equal(2, outcome.Streamed.Returns);
    }

    [Fact]
    public void A_duplicate_is_identical_in_every_column_of_the_file_not_only_the_mapped_ones()
    {
        var outcome = Compare(
            RetailHeader
                + "1001,A1,MUG,2,12/4/2024 18:27,1.50,17850,United Kingdom\n"
                + // 2 clean
                "1001,A1,MUG RED,2,12/4/2024 18:27,1.50,17850,United Kingdom\n"
                + // 3 clean: only the (unmapped) description differs
                "1001,A1, MUG ,2,12/4/2024 18:27,1.50,17850,United Kingdom\n"
                + // 4 duplicate of 2 (values are trimmed)
                "1001,A1,MUG RED,2,12/4/2024 18:27,1.50,17850,United Kingdom\n"
        ); // 5 duplicate of 3

        Assert.Equal([4L, 5L], outcome.QuarantineLines);
        Assert.Equal(2, outcome.Streamed.Clean);
    }

    [Fact]
    public void Lines_not_valid_utf8_are_quarantined_by_both_engines_whichever_column_holds_the_bad_bytes()
    {
        var text = Encoding
            .UTF8.GetBytes(RetailHeader + "1001,A1,MUG,2,12/4/2024 18:27,1.50,17850,United Kingdom\n")
            // 3: unmapped column
            .Concat(Encoding.Latin1.GetBytes("1002,A1,CAF\u00c9 MUG,2,12/4/2024 18:27,1.50,17850,United Kingdom\n"))
            // 4: mapped column
            .Concat(Encoding.Latin1.GetBytes("1003,A1,MUG,2,12/4/2024 18:27,1.50,17850,Cura\u00e7ao\n"))
            .Concat(Encoding.UTF8.GetBytes("1004,A1,MUG,2,12/4/2024 18:27,1.50,17850,United Kingdom\n"))
            .ToArray();

        var outcome = Compare(text);

        Assert.Equal([3L, 4L], outcome.QuarantineLines);
        Assert.Equal(
            (4L, 2L, 2L),
            (outcome.Streamed.RowsIn, outcome.Streamed.Clean, outcome.Streamed.Report.InvalidEncodingLines)
        );
        Assert.StartsWith(
            "line 3 is not valid UTF-8 (2 such lines quarantined); files saved by Excel in Western Europe",
            outcome.Streamed.Report.EncodingMessage
        );
    }

    [Fact]
    public void Line_numbers_of_rejected_rows_equal_the_byte_scan_ones_with_and_without_multi_line_records()
    {
        var singleLine =
            RetailHeader
            + string.Concat(
                Enumerable
                    .Range(0, 200)
                    .Select(i =>
                        i % 17 == 3
                            ? $"{2000 + i},A1,MUG,x,12/4/2024 18:27,1.50,{i % 9},UK\n"
                            : $"{2000 + i},A1,MUG,1,12/4/2024 18:27,1.50,{i % 9},UK\n"
                    )
            );
        var multiLine =
            RetailHeader
            + string.Concat(
                Enumerable
                    .Range(0, 200)
                    .Select(i =>
                        (i % 5 == 0 ? $"{2000 + i},A1,\"MUG\nWITH\nLID\"," : $"{2000 + i},A1,MUG,")
                        + (i % 17 == 3 ? "x" : "1")
                        + $",12/4/2024 18:27,1.50,{i % 9},UK\n"
                    )
            );

        var plain = Compare(singleLine);
        var broken = Compare(multiLine);

        Assert.Equal(12, plain.QuarantineLines.Count);
        Assert.Equal(12, broken.QuarantineLines.Count);
        Assert.NotEqual(plain.QuarantineLines, broken.QuarantineLines);
    }

    [Fact]
    public void A_crlf_file_streams_and_a_file_mixing_line_ends_goes_to_the_full_load()
    {
        var crlf = EveryRule.Replace("\n", "\r\n", StringComparison.Ordinal);
        var mixed = EveryRule.Replace("CUP,1,1/11/2025", "CUP,1\r\n1017,A3,CUP,1,1/11/2025", StringComparison.Ordinal);
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();

        var outcome = Compare(crlf);
        var streamed = StreamedLoads.TryOnlineRetail(store, scratch.Write("t.csv", mixed), Options);

        Assert.Equal(2, outcome.Streamed.Returns);
        Assert.Contains("LF and CRLF mixed", streamed.NotStreamedBecause);
    }

    [Fact]
    public void A_generated_log_with_every_fault_streams_to_the_full_loads_quarantine_and_rfm()
    {
        using var scratch = new ScratchDirectory();
        var options = new GeneratorOptions
        {
            Lines = 20_000,
            Seed = 7,
            Layout = TransactionLayout.OnlineRetail,
        };
        RetailSimulator.Write(options, scratch.Path);

        var outcome = Compare(File.ReadAllText(Path.Combine(scratch.Path, "transactions.csv")));

        Assert.True(outcome.Streamed.Quarantined > 100);
        Assert.Contains(outcome.Streamed.Rules, r => r.Rule == CleaningRuleNames.Duplicates && r.Rows > 0);
    }

    [Fact]
    public void A_record_duckdb_reads_although_it_is_not_plain_csv_sends_the_file_to_the_full_load()
    {
        // A quote inside an unquoted field is an ordinary character to DuckDB: the row is well-formed.
        var text =
            RetailHeader
            + "1001,A1,10\" SCREEN,2,12/4/2024 18:27,1.50,17850,UK\n1002,A1,MUG,1,12/4/2024 18:27,1.50,17850,UK\n";
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write("t.csv", text);

        var streamed = StreamedLoads.TryOnlineRetail(store, path, Options);
        var loaded = RfmStream.Load(store, path, ColumnMapping.OnlineRetail, Options);

        Assert.False(streamed.Streamed);
        Assert.Contains("not plain CSV", streamed.NotStreamedBecause);
        Assert.Equal(0, store.Count($"{TransactionStore.QuarantineTable}"));
        Assert.NotNull(loaded.NotStreamedBecause);
        Assert.Equal(2, loaded.Cleaning.Clean);
        Assert.Equal(2, loaded.Rfm!.Rows.Single().Frequency);
    }

    [Fact]
    public void Files_it_cannot_stream_exactly_say_why_and_rfm_stream_loads_them_fully()
    {
        using var scratch = new ScratchDirectory();
        var body = "1001,A1,MUG,2,12/4/2024 18:27,1.50,17850,UK\n";
        var path = scratch.Write("t.csv", RetailHeader + body.Replace("UK", "UK\t", StringComparison.Ordinal));
        var options = Options;
        using var store = TransactionStore.InMemory();

        var streamed = StreamedLoads.TryOnlineRetail(store, path, options);
        var loaded = RfmStream.Load(store, path, ColumnMapping.OnlineRetail, options);

        Assert.False(streamed.Streamed);
        Assert.False(string.IsNullOrWhiteSpace(streamed.NotStreamedBecause));
        Assert.Equal(loaded.NotStreamedBecause, streamed.NotStreamedBecause);
        Assert.Equal(1, loaded.Cleaning.RowsIn);
    }

    [Fact]
    public void The_audit_of_a_streamed_load_adds_up_rows_in_to_kept_returns_and_quarantined()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write("t.csv", EveryRule);

        var loaded = RfmStream.Load(store, path, ColumnMapping.OnlineRetail, Options);
        loaded.Cleaning.WriteAudit(store, Path.Combine(scratch.Path, "out"));

        Assert.Null(loaded.NotStreamedBecause);
        using var json = JsonDocument.Parse(
            File.ReadAllText(Path.Combine(scratch.Path, "out", OutputFiles.QualityJson))
        );
        var report = json.RootElement.GetProperty("reports")[0];
        var rowsIn = report.GetProperty("rows_in").GetInt64();
        var quarantined = report.GetProperty("quarantined").GetInt64();
        Assert.Equal(
            rowsIn,
            report.GetProperty("kept").GetInt64() + report.GetProperty("returns").GetInt64() + quarantined
        );
        Assert.True(report.GetProperty("balanced").GetBoolean());
        var quarantineRows = File.ReadAllLines(Path.Combine(scratch.Path, "out", OutputFiles.Quarantine)).Length - 1;
        Assert.Equal(quarantined, quarantineRows);
        Assert.False(File.Exists(Path.Combine(scratch.Path, "out", OutputFiles.Clean)));
    }

    [Fact]
    public void An_as_of_date_leaves_later_lines_out_as_the_store_query_does()
    {
        var asOf = new DateOnly(2025, 1, 6);

        var outcome = Compare(EveryRule, asOf);

        Assert.Equal(asOf, outcome.Rfm.AsOf);
        Assert.Equal(["17850"], outcome.Rfm.Rows.Select(r => r.CustomerId));
    }

    [Theory]
    [InlineData("12", 15, 3)]
    [InlineData("-7", 15, 3)]
    [InlineData("007", 15, 3)]
    [InlineData("-0", 15, 3)]
    [InlineData("3.125", 15, 3)]
    [InlineData("3.1250", 14, 4)]
    [InlineData("999999999999999", 15, 3)]
    [InlineData("1234567890.1234", 14, 4)]
    public void Plain_numbers_read_as_duckdb_casts_them(string text, int integerDigits, int scale)
    {
        using var store = TransactionStore.InMemory();

        Assert.True(PlainValues.TryDecimal(Encoding.UTF8.GetBytes(text), integerDigits, scale, out var value));

        var duck = store.Scalar($"SELECT TRY_CAST('{text}' AS DECIMAL({integerDigits + scale},{scale}))");
        Assert.Equal(Convert.ToDecimal(duck, CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("+5")]
    [InlineData("5.")]
    [InlineData(".5")]
    [InlineData("1e3")]
    [InlineData("1.2345")]
    [InlineData("1_000")]
    [InlineData("1234567890123456")]
    [InlineData("abc")]
    public void Other_spellings_of_numbers_are_left_to_duckdb(string text) =>
        Assert.False(PlainValues.TryDecimal(Encoding.UTF8.GetBytes(text), 15, 3, out _));

    // Every timestamp spelling the loaders accept (ISO 8601, M/d/yyyy, year first with slashes or dashes, Chinese,
    // day.month.year).
    private static readonly string[] AcceptedTimestamps =
    [
        "2010-12-01 08:26:00",
        "2010-12-01 08:26",
        "2010-12-01T08:26:00",
        "2010-12-01T08:26",
        "2010-12-01 08:26:00.5",
        "2010-12-01T08:26:00.123456",
        "2010-12-01",
        "2024-3-5 14:03",
        "2024-3-5 8:05:09",
        "2024-3-5",
        "2024-02-29 23:59:59",
        "2024/3/5 14:03",
        "2024/03/05 14:03:09",
        "2024/3/5",
        "12/1/2010 8:26",
        "12/01/2010 08:26",
        "12/1/2010 8:26:09",
        "3/5/2024",
        "2024年3月5日 14:03",
        "2024年3月5日 14:03:09",
        "2024年3月5日14:03",
        "2024年3月5日",
        "2024年3月5日 14时03分",
        "2024年3月5日 14时03分09秒",
        "05.03.2024 14:03",
        "5.3.2024",
        "05.03.2024 14:03:09",
    ];

    // Spellings no format reads, and ones only DuckDB can judge (zones, leap seconds, long fractions, two-digit years).
    private static readonly string[] OtherTimestamps =
    [
        "2/30/2024 10:00",
        "2024-02-30 10:00:00",
        "2023-02-29",
        "12/4/2024 24:00",
        "2024-3-5 24:00",
        "2024-13-01",
        "2024-03-05 14:3",
        "2024-03-05 14:03:60",
        "2024-03-05 14:03:00.1234567",
        "2024-03-05T14:03:00Z",
        "2024-03-05 14:03:00+01",
        "2024-03-05  14:03",
        "12/4/24 18:27",
        "12/1/10 8:26",
        "0099-01-01",
        "20240305",
        "14:03 2024-03-05",
        "epoch",
        "infinity",
        "abc",
        "2024-03-05 (BC)",
        "31.12.1989 23:59",
        "2024年13月5日",
        "5 Mar 2024",
        "-2024-03-05",
        "2024.03.05",
        "2024-03-05X",
        "1/6/1980 10:00",
        "05-03-2024 14:03",
    ];

    public static TheoryData<string> Chains() =>
        ["online-retail", "no formats", "day-first first", "compact first", "glued first", "month name first"];

    [Theory]
    [MemberData(nameof(Chains))]
    public void The_plain_timestamp_reader_gives_what_duckdbs_casts_give_and_reads_every_accepted_spelling_itself(
        string chain
    )
    {
        var (mapping, options) = Chain(chain);
        var reader = PlainTimestamps.For(TransactionLoader.FirstTimestampFormats(mapping, options));
        using var store = TransactionStore.InMemory();
        var texts = AcceptedTimestamps.Concat(OtherTimestamps).ToList();
        var sql = TransactionLoader.TimestampSql("v", mapping, options);
        var duck = StoreQueries
            .Rows(
                store,
                $"SELECT epoch_us({sql}) FROM (VALUES {string.Join(", ", texts.Select((t, i) => $"({i}, '{t}')"))}"
                    + ") t(i, v) ORDER BY i"
            )
            .Select(r => r[0] is null ? (long?)null : long.Parse(r[0]!, CultureInfo.InvariantCulture))
            .ToList();

        var asked = new List<string>();
        for (var i = 0; i < texts.Count; i++)
        {
            var outcome = reader.Read(Encoding.UTF8.GetBytes(texts[i]), out var value);
            if (outcome == PlainOutcome.AskDuckDb)
                asked.Add(texts[i]);
            else if (outcome == PlainOutcome.NoValue)
                Assert.True(duck[i] is null, $"{texts[i]}: DuckDB reads {duck[i]}");
            else
                Assert.True(
                    duck[i] == (value - DateTime.UnixEpoch).Ticks / 10,
                    $"{texts[i]}: read {value:O}, DuckDB {duck[i]}"
                );
        }

        Assert.Empty(chain == "month name first" ? [] : AcceptedTimestamps.Intersect(asked));
        Assert.Contains("2024-03-05T14:03:00Z", asked);
    }

    [Theory]
    [MemberData(nameof(Chains))]
    public void Every_timestamp_spelling_streams_to_the_full_loads_rows_in_batches(string chain)
    {
        var (mapping, options) = Chain(chain);
        var lines = AcceptedTimestamps
            .Concat(OtherTimestamps)
            .Select(
                (t, i) =>
                    $"{5000 + i},A{i % 3},CUP,{1 + i % 4},{t},{(i % 5 == 0 ? "+2.5" : "1.25")},{12000 + i % 7},UK\n"
            );
        var text = RetailHeader + string.Concat(lines) + string.Concat(lines.Take(5)); // and five exact duplicates

        var outcome = Compare(
            text,
            mapping: mapping,
            options: options,
            settings: new StreamSettings(PendingBatchRows: 4)
        );

        Assert.Equal(5, outcome.Streamed.Rules.Single(r => r.Rule == CleaningRuleNames.Duplicates).Rows);
        Assert.True(outcome.Streamed.Clean >= AcceptedTimestamps.Length - 2);
    }

    [Fact]
    public void Rows_waiting_for_duckdbs_casts_have_no_cap_and_resolve_in_batches()
    {
        // 3,000 rows with a sign on the price (DuckDB's cast) and 400 distinct zone-suffixed timestamps, in batches of
        // 64.
        var body = string.Concat(
            Enumerable
                .Range(0, 3000)
                .Select(i =>
                    $"{7000 + i / 3},A{i % 11},CUP,{1 + i % 5},2011-0{1 + i % 9}-{10 + i % 17} "
                    + $"0{i % 10}:{10 + i % 40}:00{(i % 7 == 0 ? "Z" : "")},+{1 + i % 13}.5,{13000 + i % 97},"
                    + "UK\n"
                )
        );

        var outcome = Compare(RetailHeader + body, settings: new StreamSettings(PendingBatchRows: 64));

        Assert.Equal(3000, outcome.Streamed.RowsIn);
        Assert.Equal(3000, outcome.Streamed.Clean);
    }

    [Theory]
    [InlineData("12/4/2024 18:27")]
    [InlineData("1/5/2025 9:05")]
    [InlineData("2010-12-01 08:26:00")]
    public void The_online_retail_chain_reads_its_own_and_iso_spellings_without_duckdb(string text)
    {
        var reader = PlainTimestamps.For(TransactionLoader.FirstTimestampFormats(ColumnMapping.OnlineRetail, Options));

        Assert.Equal(PlainOutcome.Read, reader.Read(Encoding.UTF8.GetBytes(text), out _));
    }

    private static (ColumnMapping Mapping, CleaningOptions Options) Chain(string chain) =>
        chain switch
        {
            "online-retail" => (ColumnMapping.OnlineRetail, Options),
            "no formats" => (
                ColumnMapping.Explicit(
                    new Dictionary<string, string>
                    {
                        [TransactionColumns.OrderId] = "InvoiceNo",
                        [TransactionColumns.ProductId] = "StockCode",
                        [TransactionColumns.Quantity] = "Quantity",
                        [TransactionColumns.Timestamp] = "InvoiceDate",
                        [TransactionColumns.UnitPrice] = "UnitPrice",
                        [TransactionColumns.CustomerId] = "CustomerID",
                        [TransactionColumns.Country] = "Country",
                    }
                ),
                Options
            ),
            "day-first first" => (
                ColumnMapping.OnlineRetail,
                Options with
                {
                    TimestampFormats = ["%d/%m/%Y %H:%M", "%d/%m/%Y"],
                }
            ),
            "compact first" => (
                ColumnMapping.OnlineRetail,
                Options with
                {
                    TimestampFormats = ["%Y%m%d", "%d.%m.%Y %H:%M"],
                }
            ),
            "glued first" => (ColumnMapping.OnlineRetail, Options with { TimestampFormats = ["%d-%m-%Y%H:%M"] }),
            "month name first" => (ColumnMapping.OnlineRetail, Options with { TimestampFormats = ["%d %b %Y"] }),
            _ => throw new ArgumentOutOfRangeException(nameof(chain)),
        };

    private static readonly CleaningOptions Options = new() { ProfileColumns = false, OutlierFence = null };

    private sealed record CleanLine(
        string CustomerId,
        string OrderId,
        long Microseconds,
        decimal Quantity,
        decimal UnitPrice
    ) : IComparable<CleanLine>
    {
        public int CompareTo(CleanLine? other) =>
            other is null
                ? 1
                : (
                    string.CompareOrdinal(CustomerId, other.CustomerId),
                    string.CompareOrdinal(OrderId, other.OrderId),
                    Microseconds.CompareTo(other.Microseconds),
                    Quantity.CompareTo(other.Quantity),
                    UnitPrice.CompareTo(other.UnitPrice)
                ) switch
                {
                    (not 0 and var c, _, _, _, _) => c,
                    (_, not 0 and var c, _, _, _) => c,
                    (_, _, not 0 and var c, _, _) => c,
                    (_, _, _, not 0 and var c, _) => c,
                    (_, _, _, _, var c) => c,
                };
    }

    /// <summary>Keeps every clean line it is sent and passes it on.</summary>
    private sealed class RecordingSink(ICleanLineSink inner) : ICleanLineSink
    {
        public List<CleanLine> Lines { get; } = [];

        public void Add(
            ReadOnlySpan<char> customerId,
            ReadOnlySpan<char> orderId,
            DateTime timestamp,
            decimal quantity,
            decimal unitPrice
        )
        {
            Lines.Add(
                new CleanLine(
                    customerId.ToString(),
                    orderId.ToString(),
                    (timestamp - DateTime.UnixEpoch).Ticks / 10,
                    quantity,
                    unitPrice
                )
            );
            inner.Add(customerId, orderId, timestamp, quantity, unitPrice);
        }
    }

    internal sealed record Outcome(CleaningResult Streamed, RfmTable Rfm, List<long> QuarantineLines);

    /// <summary>Loads <paramref name="text"/> both ways and asserts the same accounting, quarantine rows and
    /// RFM.</summary>
    private static Outcome Compare(
        string text,
        DateOnly? asOf = null,
        ColumnMapping? mapping = null,
        CleaningOptions? options = null,
        StreamSettings? settings = null
    ) => Compare(Encoding.UTF8.GetBytes(text), asOf, mapping, options, settings);

    /// <summary>Loads <paramref name="bytes"/> both ways and asserts the same accounting, quarantine rows, clean lines
    /// (every value) and RFM.</summary>
    internal static Outcome Compare(
        byte[] bytes,
        DateOnly? asOf = null,
        ColumnMapping? mapping = null,
        CleaningOptions? options = null,
        StreamSettings? settings = null
    )
    {
        mapping ??= ColumnMapping.OnlineRetail;
        options ??= Options;
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("t.csv", bytes);

        using var full = TransactionStore.InMemory();
        var expected = TransactionLoader.Load(full, path, mapping, options);
        var expectedRfm = Rfm.FromStore(full, asOf);
        var expectedLines = StoreQueries
            .Rows(
                full,
                "SELECT customer_id, order_id, epoch_us(\"timestamp\"), quantity, unit_price FROM "
                    + $"{TransactionStore.CleanTable}"
            )
            .Select(r => new CleanLine(
                r[0]!,
                r[1]!,
                long.Parse(r[2]!, CultureInfo.InvariantCulture),
                decimal.Parse(r[3]!, CultureInfo.InvariantCulture),
                decimal.Parse(r[4]!, CultureInfo.InvariantCulture)
            ))
            .Order()
            .ToList();

        using var store = TransactionStore.InMemory();
        var accumulator = new RfmAccumulator(asOf);
        var recorder = new RecordingSink(accumulator);
        var streamed = StreamingTransactionLoader.TryLoad(
            store,
            path,
            recorder,
            mapping,
            options,
            settings ?? new StreamSettings()
        );

        Assert.Null(streamed.NotStreamedBecause);
        var result = streamed.Result!;
        Assert.Equal(
            (expected.RowsIn, expected.Clean, expected.Returns, expected.Quarantined),
            (result.RowsIn, result.Clean, result.Returns, result.Quarantined)
        );
        Assert.Equal(
            (expected.Report.PhysicalLines, expected.Report.BlankLines),
            (result.Report.PhysicalLines, result.Report.BlankLines)
        );
        const string quarantine =
            "SELECT line_number, rule, reason, column_name, \"value\", raw FROM quarantine ORDER BY line_number, rule";
        Assert.Equal(StoreQueries.Rows(full, quarantine), StoreQueries.Rows(store, quarantine));
        Assert.Equal(expected.Rules.Select(r => (r.Rule, r.Rows)), result.Rules.Select(r => (r.Rule, r.Rows)));
        Assert.Equal(0, store.Count(TransactionStore.CleanTable));
        Assert.Equal(expectedLines, recorder.Lines.Order().ToList());
        var rfm = accumulator.ToTable();
        Assert.Equal(expectedRfm.AsOf, rfm.AsOf);
        Assert.Equal(expectedRfm.Rows, rfm.Rows);
        return new Outcome(result, rfm, StoreQueries.Lines(store, TransactionStore.QuarantineTable));
    }
}
