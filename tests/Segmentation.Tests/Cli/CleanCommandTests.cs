using System.Diagnostics;
using System.Text.Json;
using Segmentation.Cli;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Cli;

public sealed class CleanCommandTests
{
    private const string Transactions =
        "customer_id,order_id,timestamp,quantity,unit_price,category\n"
        + "c1,o1,2024-01-02 10:00:00,2,3.50,\"books,\nused\"\n"
        + "c1,o1,2024-01-02 10:00:00,2,3.50,toys\n"
        + ",o2,2024-01-03 11:00:00,1,5.00,toys\n"
        + "c2,C3,2024-01-04 12:00:00,-1,5.00,toys\n"
        + "c2,o4,2024-01-04 12:00:00,abc,5.00,toys\n"
        + "c3,o5,2024-01-05 09:00:00,1,2.00,toys\n";

    private const string Customers = "customer_id,age,segment_hint\nc1,30,a\nc2,x,b\nc1,31,c\nc3,44,d\n";

    [Fact]
    public void Seg_clean_writes_the_five_outputs_and_run_json()
    {
        using var scratch = new ScratchDirectory();
        var input = scratch.Write("transactions.csv", Transactions);
        var customers = scratch.Write("customers.csv", Customers);
        var output = Path.Combine(scratch.Path, "out");

        var code = Program.Main(["clean", "--input", input, "--customers", customers, "--out", output]);

        Assert.Equal(0, code);
        Assert.Equal(
            [
                OutputFiles.Clean,
                OutputFiles.QualityHtml,
                OutputFiles.QualityJson,
                OutputFiles.Quarantine,
                OutputFiles.Returns,
                RunRecord.FileName,
            ],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal)
        );
        using var store = TransactionStore.InMemory();
        Assert.Equal(
            [2L, 4L, 8L],
            StoreQueries.Longs(store, $"SELECT line_number FROM '{Path.Combine(output, OutputFiles.Clean)}'")
        );
        Assert.Equal(
            [6L],
            StoreQueries.Longs(store, $"SELECT line_number FROM '{Path.Combine(output, OutputFiles.Returns)}'")
        );
        var quarantine = File.ReadAllLines(Path.Combine(output, OutputFiles.Quarantine));
        Assert.Equal("source,line_number,rule,reason,column_name,value,raw", quarantine[0]);
        Assert.Equal(
            "transactions,7,unparseable,not a number,quantity,abc,\"c2,o4,2024-01-04 12:00:00,abc,5.00,toys\"",
            quarantine[2]
        );
        Assert.Equal(
            [
                "transactions,5,missing_customer_id",
                "transactions,7,unparseable",
                "customers,3,unparseable",
                "customers,4,duplicate_customer_id",
            ],
            quarantine.Skip(1).Select(l => string.Join(",", l.Split(',').Take(3)))
        );
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, OutputFiles.QualityJson)));
        var reports = json.RootElement.GetProperty("reports");
        Assert.Equal(
            ["transactions", "customers"],
            reports.EnumerateArray().Select(r => r.GetProperty("kind").GetString()!)
        );
        Assert.Equal(6, reports[0].GetProperty("rows_in").GetInt64());
        Assert.Equal(2, reports[1].GetProperty("kept").GetInt64());
        Assert.Contains(
            "customers.csv",
            File.ReadAllText(Path.Combine(output, OutputFiles.QualityHtml)),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Same_input_gives_the_same_bytes_whatever_the_thread_count()
    {
        using var scratch = new ScratchDirectory();
        var input = scratch.Write("transactions.csv", Transactions);
        var one = Path.Combine(scratch.Path, "one");
        var two = Path.Combine(scratch.Path, "two");

        Assert.Equal(0, Program.Main(["clean", "--input", input, "--out", one, "--threads", "1"]));
        Assert.Equal(0, Program.Main(["clean", "--input", input, "--out", two, "--threads", "2"]));

        // run.json records the thread count asked for; every data file is the same.
        foreach (var file in Directory.GetFiles(one).Select(Path.GetFileName).Where(f => f != RunRecord.FileName))
            Assert.Equal(File.ReadAllBytes(Path.Combine(one, file!)), File.ReadAllBytes(Path.Combine(two, file!)));
        Assert.Equal(
            File.ReadAllText(Path.Combine(one, RunRecord.FileName))
                .Replace("\"threads\": 1", "\"threads\": 2", StringComparison.Ordinal),
            File.ReadAllText(Path.Combine(two, RunRecord.FileName))
        );
    }

    [Fact]
    public void A_bad_input_exits_2_with_one_line_and_no_stack_trace()
    {
        using var scratch = new ScratchDirectory();
        var missing = Path.Combine(scratch.Path, "nowhere.csv");
        var semicolon = scratch.Write(
            "semicolon.csv",
            "customer_id;order_id;timestamp;quantity;unit_price\nc;o;2024-01-01;1;1\n"
        );

        var (code, _, error) = SegProcess.Run("clean", "--input", missing, "--out", Path.Combine(scratch.Path, "out"));
        var (code2, _, error2) = SegProcess.Run(
            "clean",
            "--input",
            semicolon,
            "--out",
            Path.Combine(scratch.Path, "out")
        );

        Assert.Equal(2, code);
        Assert.Equal($"seg: {missing}: file not found", error.TrimEnd());
        Assert.Equal(2, code2);
        Assert.Single(error2.TrimEnd().Split('\n'));
        Assert.StartsWith($"seg: {semicolon}:1: the delimiter looks wrong", error2);
    }
}
