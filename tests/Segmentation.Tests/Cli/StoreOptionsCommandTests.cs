using Segmentation.Data;
using Segmentation.Testing;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Cli;

/// <summary>The DuckDB options the loading commands share: --memory-limit, --temp-dir, --threads.</summary>
public sealed class StoreOptionsCommandTests
{
    private const string Transactions =
        "customer_id,order_id,timestamp,quantity,unit_price\n"
        + "c1,o1,2024-01-02 10:00:00,2,3.50\nc2,o2,2024-01-03 11:00:00,1,5.00\n";

    [Theory]
    [InlineData("clean")]
    [InlineData("features")]
    [InlineData("segment")]
    public void A_bad_memory_limit_exits_2_with_one_line_naming_the_value(string command)
    {
        using var scratch = new ScratchDirectory();
        var input = scratch.Write("transactions.csv", Transactions);

        var (code, _, error) = SegProcess.Run(
            command,
            "--input",
            input,
            "--memory-limit",
            "lots",
            "--out",
            Path.Combine(scratch.Path, "out")
        );

        Assert.Equal(2, code);
        Assert.Equal("seg: memory-limit='lots' must be a size such as 8GB, 512MB or 1.5GiB", error.TrimEnd());
        Assert.False(Directory.Exists(Path.Combine(scratch.Path, "out")));
    }

    [Fact]
    public void Seg_segment_runs_under_a_tiny_memory_limit_and_leaves_no_spill_files()
    {
        using var scratch = new ScratchDirectory();
        var spill = Path.Combine(scratch.Path, "spill");
        var output = Path.Combine(scratch.Path, "out");

        var sample = TestPaths.Sample("transactions.csv");
        var code = Segmentation.Cli.Program.Main([
            "segment",
            "--input",
            sample,
            "--k",
            "3",
            "--memory-limit",
            "300MB",
            "--temp-dir",
            spill,
            "--out",
            output,
        ]);

        Assert.Equal(0, code);
        // --temp-dir was made; the store's spill directory under it went away with the store.
        Assert.True(Directory.Exists(spill));
        Assert.Empty(Directory.GetFileSystemEntries(spill));
        var run = File.ReadAllText(Path.Combine(output, RunRecord.FileName));
        Assert.Contains("\"memory-limit\": \"300MB\"", run, StringComparison.Ordinal);
        Assert.Contains($"\"temp-dir\": \"{spill}\"", run, StringComparison.Ordinal);
    }
}
