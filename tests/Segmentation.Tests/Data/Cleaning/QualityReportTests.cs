using System.Text.Json;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Data.Cleaning;

public sealed class QualityReportTests
{
    private const string Fixture =
        "customer_id,order_id,timestamp,quantity,unit_price,category\n"
        + "c1,o1,2024-01-02 10:00:00,2,3.50,books\n"
        + "c1,o1,2024-01-02 10:00:00,2,3.50,books\n"
        + ",o2,2024-01-03 11:00:00,1,5.00,toys\n"
        + "c2,o3,2024-01-04 12:00:00,-1,5.00,<toys>\n"
        + "c4,o8,1980-01-01 00:00:00,abc,5.00,toys\n";

    private static CleaningResult Load(TransactionStore store)
    {
        using var scratch = new ScratchDirectory();
        return TransactionLoader.Load(store, scratch.Write("t.csv", Fixture));
    }

    [Fact]
    public void Column_profiles_count_missing_unreadable_and_distinct_values_with_typed_min_and_max()
    {
        using var store = TransactionStore.InMemory();

        var columns = Load(store).Report.Columns.ToDictionary(c => c.Column);

        Assert.Equal(
            new ColumnProfile("customer_id", "customer_id", "VARCHAR", 1, 0.2, 0, 3, "c1", "c4"),
            columns["customer_id"]
        );
        Assert.Equal(
            new ColumnProfile("quantity", "quantity", "DECIMAL(18,3)", 0, 0, 1, 4, "-1.000", "2.000"),
            columns["quantity"]
        );
        Assert.Equal(
            new ColumnProfile(
                "timestamp",
                "timestamp",
                "TIMESTAMP",
                0,
                0,
                0,
                4,
                "1980-01-01 00:00:00",
                "2024-01-04 12:00:00"
            ),
            columns["timestamp"]
        );
        Assert.Equal(new ColumnProfile("product_id", null, "VARCHAR", 5, 1, 0, 0, null, null), columns["product_id"]);
        Assert.Equal(TransactionColumns.All, columns.Keys);
    }

    [Fact]
    public void Json_report_carries_the_accounting_and_every_rule()
    {
        using var store = TransactionStore.InMemory();
        var result = Load(store);

        using var json = JsonDocument.Parse(QualityReportWriter.ToJson([result.Report]));

        var report = json.RootElement.GetProperty("reports")[0];
        Assert.Equal(5, report.GetProperty("rows_in").GetInt64());
        Assert.Equal(1, report.GetProperty("kept").GetInt64());
        Assert.Equal(1, report.GetProperty("returns").GetInt64());
        Assert.Equal(3, report.GetProperty("quarantined").GetInt64());
        Assert.True(report.GetProperty("balanced").GetBoolean());
        var rules = report
            .GetProperty("rules")
            .EnumerateArray()
            .Select(r => $"{r.GetProperty("rule").GetString()}={r.GetProperty("rows").GetInt64()}");
        Assert.Equal(
            [
                "unparseable=1",
                "missing_customer_id=1",
                "duplicates=1",
                "returns=1",
                "non_positive=0",
                "timestamp_window=0",
                "outliers=0",
            ],
            rules
        );
    }

    [Fact]
    public void Html_report_is_self_contained_and_escapes_values()
    {
        using var store = TransactionStore.InMemory();
        var result = Load(store);

        var html = Segmentation.Reports.QualityPage.Build([result.Report]).ToString();

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;toys&gt;", html);
        Assert.Contains("timestamp_window", html);
    }

    [Fact]
    public void Profiling_can_be_switched_off()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();

        var result = TransactionLoader.Load(
            store,
            scratch.Write("t.csv", Fixture),
            options: new CleaningOptions { ProfileColumns = false }
        );

        Assert.Empty(result.Report.Columns);
        Assert.Equal(5, result.Report.RowsIn);
    }
}
