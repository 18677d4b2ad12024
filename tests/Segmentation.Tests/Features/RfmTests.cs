using Segmentation.Data;
using Segmentation.Features;
using Segmentation.Reports;

namespace Segmentation.Tests.Features;

public sealed class RfmTests
{
    [Fact]
    public void Rfm_on_generated_data_equals_a_straightforward_computation()
    {
        var lines = GeneratedLog.Create(seed: 7);
        var asOf = DateOnly.FromDateTime(lines.Max(t => t.Timestamp)).AddDays(1);
        var expected = lines
            .GroupBy(t => t.CustomerId)
            .Select(g => new CustomerRfm(
                g.Key,
                asOf.DayNumber - DateOnly.FromDateTime(g.Max(t => t.Timestamp)).DayNumber,
                g.Select(t => t.OrderId).Distinct().Count(),
                g.Sum(t => t.Quantity * t.UnitPrice)
            ))
            .OrderBy(r => r.CustomerId, StringComparer.Ordinal)
            .ToList();

        var rfm = Rfm.FromTransactions(lines);

        Assert.Equal(asOf, rfm.AsOf);
        Assert.True(expected.Count > 300);
        Assert.Equal(expected, rfm.Rows);
    }

    [Fact]
    public void Rfm_counts_distinct_orders_not_lines()
    {
        var lines = new[]
        {
            FeatureFixture.Line(1, "a", "o1", new DateTime(2024, 5, 1), 1m, 2m),
            FeatureFixture.Line(2, "a", "o1", new DateTime(2024, 5, 1), 3m, 1m),
            FeatureFixture.Line(3, "a", "o1", new DateTime(2024, 5, 1), 1m, 1m),
        };

        var row = Assert.Single(Rfm.FromTransactions(lines).Rows);

        Assert.Equal(new CustomerRfm("a", 1, 1, 6m), row);
    }

    [Fact]
    public void An_as_of_date_before_every_line_is_an_error_naming_the_date()
    {
        var error = Assert.Throws<SegmentationException>(() =>
            Rfm.FromTransactions(FeatureFixture.Clean(), new DateOnly(2020, 1, 1))
        );

        Assert.Equal(
            "no clean line is dated on or before the as-of date 2020-01-01: no customer to compute features for",
            error.Message
        );
    }

    [Fact]
    public void Features_are_the_same_bytes_whatever_the_thread_count()
    {
        var lines = GeneratedLog.Create(seed: 11, customers: 600, orders: 4000);
        string Run(int threads)
        {
            using var store = TransactionStore.InMemory(threads);
            store.Append(TransactionStore.CleanTable, lines);
            var writer = new StringWriter();
            FeatureFiles.WriteCsv(CustomerFeatureSet.Compute(store), writer);
            return writer.ToString();
        }

        var one = Run(1);
        var four = Run(4);

        Assert.Equal(one, four);
        Assert.StartsWith("customer_id,recency_days,frequency,monetary,", one, StringComparison.Ordinal);
    }
}
