using Segmentation.Data;

namespace Segmentation.Tests.Data;

public sealed class TransactionStoreTests
{
    [Fact]
    public void Typed_rows_round_trip_through_the_clean_table()
    {
        var rows = new[]
        {
            new Transaction("c1", "o1", new DateTime(2024, 1, 2, 10, 30, 0), 2m, 3.5m)
            {
                LineNumber = 2,
                Channel = "online",
                Category = "books",
            },
            new Transaction("c2", "o2", new DateTime(2024, 2, 3), 1m, 10.25m) { LineNumber = 3, IsOutlier = true },
        };

        using var store = TransactionStore.FromTransactions(rows);
        var back = store.Read().ToList();

        Assert.Equal(rows, back);
        Assert.Equal(2, store.Count(TransactionStore.CleanTable));
        Assert.Equal(0, store.Count(TransactionStore.ReturnsTable));
        Assert.Equal(17.25m, back.Sum(t => t.Amount));
    }
}
