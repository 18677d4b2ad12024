using System.Globalization;
using Segmentation.Testing;

namespace Segmentation.Tests.Cli;

public sealed class AnalysisCommandTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("seg-cli-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void Rfm_writes_one_sorted_row_per_customer_with_the_documented_header()
    {
        var (code, _, error) = SegProcess.Run(
            "rfm",
            "--input",
            TestPaths.Sample("transactions.csv"),
            "--as-of",
            "2026-01-01",
            "--out",
            output
        );
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(Path.Combine(output, "rfm.csv"));
        Assert.Equal("customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_segment", lines[0]);
        var ids = lines.Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^[^,]+,\d+,\d+,-?\d+\.\d{2,},[1-5],[1-5],[1-5],[^,]+$", l));
        Assert.True(File.Exists(Path.Combine(output, "quarantine.csv")));
    }

    [Fact]
    public void Features_writes_the_feature_table_and_tiers()
    {
        var (code, _, error) = SegProcess.Run(["features", .. SegProcess.SampleInputs, "--out", output]);
        Assert.True(code == 0, error);
        foreach (var name in new[] { "features.csv", "features.parquet", "tiers.csv" })
            Assert.True(File.Exists(Path.Combine(output, name)), name);
        var header = File.ReadLines(Path.Combine(output, "features.csv")).First();
        Assert.StartsWith("customer_id,", header, StringComparison.Ordinal);
        Assert.Contains("recency_days", header, StringComparison.Ordinal);
    }

    [Fact]
    public void Clv_writes_one_row_per_customer_and_the_fitted_parameters()
    {
        var (code, _, error) = SegProcess.Run(
            "clv",
            "--input",
            TestPaths.Sample("transactions.csv"),
            "--calibration-end",
            "2025-06-30",
            "--holdout-end",
            "2025-12-31",
            "--out",
            output
        );
        Assert.True(code == 0, error);
        var lines = File.ReadAllLines(Path.Combine(output, "clv.csv"));
        Assert.Equal("customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,clv", lines[0]);
        Assert.All(lines.Skip(1), l =>
        {
            var p = double.Parse(l.Split(',')[5], CultureInfo.InvariantCulture);
            Assert.InRange(p, 0, 1);
        });
        var model = File.ReadAllText(Path.Combine(output, "clv_model.json"));
        foreach (var name in new[] { "\"r\"", "\"alpha\"", "\"a\"", "\"b\"", "\"p\"", "\"q\"", "\"gamma\"" })
            Assert.Contains(name, model, StringComparison.Ordinal);
    }

    [Fact]
    public void Segment_with_a_pseudonymisation_key_writes_no_customer_id_in_clear()
    {
        var key = Path.Combine(output, "key.txt");
        File.WriteAllText(key, "a test key that is long enough\n");
        var results = Path.Combine(output, "segment");
        var (code, _, error) = SegProcess.Run([
            "segment",
            .. SegProcess.SampleInputs,
            "--k",
            "6",
            "--pseudonymize-key-file",
            key,
            "--out",
            results,
        ]);
        Assert.True(code == 0, error);

        // Every table keyed by customer carries pseudonyms only.
        foreach (var name in new[] { "assignments.csv", "rfm.csv", "features.csv", "tiers.csv" })
        {
            var lines = File.ReadAllLines(Path.Combine(results, name));
            Assert.StartsWith("customer_id,", lines[0], StringComparison.Ordinal);
            Assert.All(lines.Skip(1), l => Assert.StartsWith("p_", l, StringComparison.Ordinal));
        }
        // The quarantine keeps every faulty line's number and reason, but neither its raw text nor a clear id.
        var quarantine = File.ReadAllLines(Path.Combine(results, "quarantine.csv"));
        Assert.True(quarantine.Length > 1, "the sample has faults to quarantine");
        Assert.All(quarantine.Skip(1), l =>
            Assert.Contains(Segmentation.Privacy.Pseudonymizer.WithheldRaw, l, StringComparison.Ordinal)
        );
        var ids = File.ReadLines(TestPaths.Sample("customers.csv"))
            .Skip(1)
            .Select(l => l.Split(',')[0])
            .Where(id => id.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        var customerIdRows = quarantine
            .Skip(1)
            .Where(l => l.Contains(",customer_id,", StringComparison.Ordinal))
            .ToList();
        // source,line_number,rule,reason,column_name,value,raw: the value follows the column name.
        Assert.All(customerIdRows, l =>
            Assert.DoesNotContain(
                l[(l.IndexOf(",customer_id,", StringComparison.Ordinal) + 13)..].Split(',')[0].Trim('"'),
                ids
            )
        );
    }

    [Theory]
    [InlineData("segment", "--input", "no/such/file.csv", "--out", "OUT")]
    [InlineData("segment", "--input", "DATA", "--k", "many", "--out", "OUT")]
    [InlineData("clv", "--input", "DATA", "--calibration-end", "2025-13-40", "--out", "OUT")]
    [InlineData("rfm", "--input", "DATA", "--as-of", "yesterday", "--out", "OUT")]
    public void Bad_arguments_give_one_line_and_exit_code_2(params string[] args)
    {
        var resolved = args.Select(a =>
                a == "OUT" ? output
                : a == "DATA" ? TestPaths.Sample("transactions.csv")
                : a
            )
            .ToArray();
        var (code, _, error) = SegProcess.Run(resolved);
        Assert.Equal(2, code);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("seg: ", error, StringComparison.Ordinal);
    }
}
