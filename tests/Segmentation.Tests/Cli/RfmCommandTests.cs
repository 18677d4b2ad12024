using System.Text.Json;
using Segmentation.Testing;

namespace Segmentation.Tests.Cli;

public sealed class RfmCommandTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("seg-cli-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void Rfm_keeps_seg_cleans_quarantine_and_a_report_whose_counts_add_up()
    {
        var input = TestPaths.Sample("transactions.csv");
        var rfm = Path.Combine(output, "rfm");
        var clean = Path.Combine(output, "clean");

        var (code, text, error) = SegProcess.Run("rfm", "--input", input, "--out", rfm);
        var (cleanCode, _, cleanError) = SegProcess.Run("clean", "--input", input, "--out", clean);

        Assert.True(code == 0, error);
        Assert.True(cleanCode == 0, cleanError);
        Assert.Contains("streamed in one pass", text, StringComparison.Ordinal);
        Assert.Equal(
            File.ReadAllText(Path.Combine(clean, "quarantine.csv")),
            File.ReadAllText(Path.Combine(rfm, "quarantine.csv"))
        );
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(rfm, "quality.json")));
        var report = json.RootElement.GetProperty("reports")[0];
        var quarantined = report.GetProperty("quarantined").GetInt64();
        Assert.Equal(
            report.GetProperty("rows_in").GetInt64(),
            report.GetProperty("kept").GetInt64() + report.GetProperty("returns").GetInt64() + quarantined
        );
        Assert.Equal(quarantined, File.ReadLines(Path.Combine(rfm, "quarantine.csv")).Count() - 1);
        foreach (var name in new[] { "rfm.csv", "rfm_bins.csv", "rfm_segments.csv" })
            Assert.True(File.Exists(Path.Combine(rfm, name)), name);
        foreach (var name in new[] { "clean.parquet", "returns.parquet", "quality.html" })
            Assert.False(File.Exists(Path.Combine(rfm, name)), name);
    }

    [Fact]
    public void A_log_without_a_usable_line_names_the_file_and_the_counts_and_keeps_the_quarantine()
    {
        var input = Path.Combine(output, "bad.csv");
        File.WriteAllText(
            input,
            "customer_id,order_id,timestamp,quantity,unit_price\nc1,o1,2024-01-01 "
                + "10:00:00,x,2.50\nc2,o2,2024-01-02 10:00:00,-1,3.00\n"
        );
        var results = Path.Combine(output, "bad");

        var (code, _, error) = SegProcess.Run("rfm", "--input", input, "--out", results);

        Assert.Equal(2, code);
        Assert.Equal(
            $"seg: {input}: no clean order line to compute RFM from; 2 rows in = 0 clean + 1 returns + 1 "
                + $"quarantined (see {Path.Combine(results, "quarantine.csv")})",
            error.Trim()
        );
        Assert.Equal(2, File.ReadAllLines(Path.Combine(results, "quarantine.csv")).Length);
    }
}
