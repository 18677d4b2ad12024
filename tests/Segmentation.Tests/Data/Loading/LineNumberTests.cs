using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;

namespace Segmentation.Tests.Data.Loading;

public sealed class LineNumberTests
{
    // Physical lines: 1 header; 2-3 one record whose quoted field holds a line break; 4 clean; 5 blank;
    // 6 too many fields (malformed); 7-9 a record with two line breaks, one of them CRLF; 10 not a number; 11 clean.
    private const string Tricky =
        "customer_id,order_id,timestamp,quantity,unit_price,category\n"
        + "c1,o1,2024-01-02,1,1.0,\"multi\nline\"\n"
        + "c2,o2,2024-01-02,1,1.0,books\n"
        + "\n"
        + "c3,o3,2024-01-02,1,1.0,books,extra\n"
        + "c4,o4,2024-01-02,1,1.0,\"a \"\"quoted\"\"\r\nb\nc\"\n"
        + "c5,o5,2024-01-02,x,1.0,books\n"
        + "c6,o6,2024-01-02,1,1.0,books\n";

    [Theory]
    [InlineData(LineNumbering.DefaultMaxInlineSteps)]
    [InlineData(0)]
    public void Line_numbers_are_physical_lines_even_after_quoted_line_breaks_blank_and_malformed_lines(
        int maxInlineSteps
    )
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();

        var result = TransactionLoader.Load(store, scratch.Write("t.csv", Tricky), null, null, maxInlineSteps);

        Assert.Equal([2L, 4L, 7L, 11L], StoreQueries.Lines(store, TransactionStore.CleanTable));
        Assert.Equal([6L, 10L], StoreQueries.Lines(store, TransactionStore.QuarantineTable));
        Assert.Equal(6, result.RowsIn);
        Assert.Equal(11, result.Report.PhysicalLines);
        Assert.Equal(1, result.Report.BlankLines);
        var category = StoreQueries.Rows(store, "SELECT category FROM clean WHERE line_number = 7").Single()[0];
        Assert.Equal("a \"quoted\"\r\nb\nc", category);
    }

    [Fact]
    public void A_malformed_line_is_quarantined_with_its_raw_text_and_the_reader_reason()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();

        TransactionLoader.Load(store, scratch.Write("t.csv", Tricky));

        var row = StoreQueries.Rows(store, "SELECT rule, reason, raw FROM quarantine WHERE line_number = 6").Single();
        Assert.Equal("unparseable", row[0]);
        Assert.StartsWith("malformed line: too many columns", row[1]);
        Assert.Equal("c3,o3,2024-01-02,1,1.0,books,extra", row[2]);
    }

    [Fact]
    public void Bom_and_crlf_line_ends_do_not_shift_lines_or_leak_into_values()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var text =
            "\uFEFFcustomer_id,order_id,timestamp,quantity,unit_price\r\nc1,o1,2024-01-02,1,2.5\r\nc2,o2,"
            + "2024-01-03,2,1.25\r\n";

        var result = TransactionLoader.Load(store, scratch.Write("t.csv", text));

        Assert.Equal(2, result.Clean);
        Assert.Equal([2L, 3L], StoreQueries.Lines(store, TransactionStore.CleanTable));
        var rows = store.Read().ToList();
        Assert.Equal("c1", rows[0].CustomerId);
        Assert.Equal(1.25m, rows[1].UnitPrice);
    }

    [Fact]
    public void Leading_blank_lines_before_the_header_count_as_lines()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var text =
            "\n\ncustomer_id,order_id,timestamp,quantity,unit_price\nc1,o1,2024-01-02,1,2.5\nc2,o2,"
            + "2024-01-03,1,x\nc3,o3,2024-01-03,1,1,1\nc4,o4,2024-01-03,1,1\n";

        TransactionLoader.Load(store, scratch.Write("t.csv", text));

        Assert.Equal([4L, 7L], StoreQueries.Lines(store, TransactionStore.CleanTable));
        Assert.Equal([5L, 6L], StoreQueries.Lines(store, TransactionStore.QuarantineTable));
    }

    [Fact]
    public void Many_scattered_quoted_line_breaks_use_the_lookup_table_and_stay_exact()
    {
        // 3000 records, every 7th holding a line break: more steps than the inline limit.
        var text = new System.Text.StringBuilder("customer_id,order_id,timestamp,quantity,unit_price,category\n");
        var expected = new List<long>();
        long line = 2;
        for (var i = 0; i < 3000; i++)
        {
            expected.Add(line);
            var category = i % 7 == 0 ? "\"two\nlines\"" : "plain";
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"c{i},o{i},2024-01-02,1,1.0,{category}\n");
            line += i % 7 == 0 ? 2 : 1;
        }
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();

        var result = TransactionLoader.Load(
            store,
            scratch.Write("t.csv", text.ToString()),
            options: new CleaningOptions { ProfileColumns = false }
        );

        Assert.Equal(3000, result.Clean);
        Assert.Equal(expected, StoreQueries.Lines(store, TransactionStore.CleanTable));
        Assert.Equal(expected, store.Read().Select(t => t.LineNumber));
    }

    [Fact]
    public void Step_function_maps_ordinals_past_excluded_lines()
    {
        using var store = TransactionStore.InMemory();
        long[] excluded = [1, 3, 4, 8];

        var inline = LineNumbering.Create(store, "_t1", excluded);
        var table = LineNumbering.Create(store, "_t2", excluded, maxInlineSteps: 0);

        // Lines not excluded: 2, 5, 6, 7, 9, 10, …
        Assert.Equal([2L, 5L, 6L, 7L, 9L, 10L], Enumerable.Range(1, 6).Select(k => inline.LineOf(k)));
        Assert.True(inline.Inline);
        Assert.False(table.Inline);
        var viaInline = StoreQueries.Longs(
            store,
            $"SELECT line FROM ({inline.Lined("SELECT range AS k FROM range(1, 7)", "k", keepOrder: true)}) ORDER BY k"
        );
        var viaTable = StoreQueries.Longs(
            store,
            $"SELECT line FROM ({table.Lined("SELECT range AS k FROM range(1, 7)", "k", keepOrder: true)}) ORDER BY k"
        );
        Assert.Equal([2L, 5L, 6L, 7L, 9L, 10L], viaInline);
        Assert.Equal(viaInline, viaTable);
    }

    [Theory]
    // Sparse steps, a cluster at the start then one far away, a cluster at the end, every other line excluded, runs.
    [InlineData("sparse")]
    [InlineData("front")]
    [InlineData("back")]
    [InlineData("alternate")]
    [InlineData("runs")]
    public void The_bucket_lookup_gives_every_ordinal_the_line_the_step_function_gives_however_the_steps_cluster(
        string shape
    )
    {
        const int Lines = 200_000;
        var random = new Random(11);
        var excluded = (
            shape switch
            {
                "sparse" => Enumerable.Range(1, Lines).Where(_ => random.NextDouble() < 0.003),
                "front" => Enumerable.Range(1, 5000).Where(i => i % 3 != 0).Append(Lines - 7),
                "back" => Enumerable.Range(Lines - 5000, 5000).Where(i => i % 2 == 0),
                "alternate" => Enumerable.Range(1, Lines).Where(i => i % 2 == 0),
                _ => Enumerable.Range(1, Lines).Where(i => i / 37 % 5 == 0),
            }
        )
            .Select(i => (long)i)
            .ToList();
        using var store = TransactionStore.InMemory();

        var table = LineNumbering.Create(store, "_t", excluded, maxInlineSteps: 0);

        Assert.False(table.Inline);
        var ordinals = $"SELECT range AS k FROM range(1, {Lines + 100})";
        var lines = StoreQueries.Longs(store, $"SELECT line FROM ({table.Lined(ordinals, "k", false)}) ORDER BY k");
        // Every ordinal past the last bucket too: the k-th line not excluded, counted here.
        var excludedSet = excluded.ToHashSet();
        var expected = Enumerable
            .Range(1, 3 * Lines)
            .Select(i => (long)i)
            .Where(i => !excludedSet.Contains(i))
            .Take(Lines + 99)
            .ToList();
        Assert.Equal(expected, lines);
    }

    [Fact]
    public void Scanner_follows_rfc_4180_quoting()
    {
        using var scratch = new ScratchDirectory();
        // A stray quote inside an unquoted field is literal; "" inside quotes is a quote; a field opened on
        // line 3 closes on line 4.
        var path = scratch.Write("t.csv", "a,b\n1,5\" screen\n2,\"x\"\"y\n z\"\n\n3,4");

        var layout = PhysicalLineScanner.Scan(path, ',', singleColumn: false);

        Assert.Equal(6, layout.TotalLines);
        Assert.Equal([1L], layout.HeaderLines);
        Assert.Equal([5L], layout.BlankLines);
        Assert.Equal([4L], layout.ContinuationLines);
    }
}
