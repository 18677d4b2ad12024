using Segmentation.Common;
using Segmentation.Features;
using Segmentation.Segmenting.Rules;
using Segmentation.Tests.Features;

namespace Segmentation.Tests.Segmenting.Rules;

public sealed class RfmScoresTests
{
    private static readonly DateOnly AsOf = new(2024, 1, 1);

    private static RfmTable Table(IEnumerable<CustomerRfm> rows) =>
        new(AsOf, rows.OrderBy(r => r.CustomerId, StringComparer.Ordinal).ToArray());

    /// <summary>pandas' qcut(rank(method='first'), 5) written plainly: floating edges 1 + k(n − 1)/5, first edge with
    /// rank &lt;= edge.</summary>
    private static Dictionary<string, int> PandasLikeScores(
        IReadOnlyList<CustomerRfm> rows,
        Func<CustomerRfm, decimal> value
    )
    {
        var ranked = rows.OrderBy(value)
            .ThenBy(r => r.CustomerId, StringComparer.Ordinal)
            .Select(r => r.CustomerId)
            .ToList();
        var n = ranked.Count;
        var scores = new Dictionary<string, int>();
        for (var i = 0; i < n; i++)
        {
            var rank = i + 1.0;
            scores[ranked[i]] = Enumerable.Range(1, 5).First(k => rank <= 1 + k * (n - 1) / 5.0);
        }
        return scores;
    }

    [Fact]
    public void Scores_on_generated_data_equal_rank_then_quintile_as_pandas_does_it()
    {
        var table = Rfm.FromTransactions(GeneratedLog.Create(seed: 5));
        var recency = PandasLikeScores(table.Rows, r => r.RecencyDays);
        var frequency = PandasLikeScores(table.Rows, r => r.Frequency);
        var monetary = PandasLikeScores(table.Rows, r => r.Monetary);

        var scores = RfmScores.Score(table);

        Assert.All(scores.Rows, s =>
        {
            Assert.Equal(6 - recency[s.CustomerId], s.RecencyScore);
            Assert.Equal(frequency[s.CustomerId], s.FrequencyScore);
            Assert.Equal(monetary[s.CustomerId], s.MonetaryScore);
        });
    }

    [Fact]
    public void Rows_not_sorted_by_customer_id_get_the_scores_their_customers_get_in_a_sorted_table()
    {
        var sorted = Rfm.FromTransactions(GeneratedLog.Create(seed: 5));
        var shuffled = new RfmTable(
            sorted.AsOf,
            [.. sorted.Rows.Where((_, i) => i % 2 == 1), .. sorted.Rows.Where((_, i) => i % 2 == 0)]
        );

        var expected = RfmScores.Score(sorted).Rows.ToDictionary(r => r.CustomerId);
        var scores = RfmScores.Score(shuffled);

        Assert.Equal(shuffled.Rows.Select(r => r.CustomerId), scores.Rows.Select(r => r.CustomerId));
        Assert.All(scores.Rows, s => Assert.Equal(expected[s.CustomerId], s));
    }

    [Fact]
    public void Heavy_ties_do_not_collapse_bins_and_ties_break_by_customer_id()
    {
        // 100 customers, 60 of them with frequency 1 (ids F000..F059), the rest 2..5.
        var random = new SeededRandom(21);
        var rows = Enumerable
            .Range(0, 100)
            .Select(i => new CustomerRfm(
                $"F{i:D3}",
                random.NextInt(1, 300),
                i < 60 ? 1 : random.NextInt(2, 6),
                random.NextInt(1, 1000)
            ))
            .Reverse()
            .ToArray();

        var scores = RfmScores.Score(Table(rows));

        Assert.Equal([20, 20, 20, 20, 20], scores.FrequencyBins.Select(b => b.Customers));
        // scores 1-3 all hold frequency 1
        Assert.All(scores.FrequencyBins.Take(3), b => Assert.Equal((1m, 1m), (b.Lowest, b.Highest)));
        var byId = scores.Rows.ToDictionary(r => r.CustomerId, r => r.FrequencyScore);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal(1, byId[$"F{i:D3}"])); // smallest ids first
        Assert.All(Enumerable.Range(20, 20), i => Assert.Equal(2, byId[$"F{i:D3}"]));
        Assert.All(Enumerable.Range(40, 20), i => Assert.Equal(3, byId[$"F{i:D3}"]));
        Assert.Equal(scores.Rows, RfmScores.Score(Table(rows.Reverse())).Rows); // input order does not matter
    }

    [Fact]
    public void Recency_scores_five_for_the_most_recent()
    {
        var rows = Enumerable.Range(1, 10).Select(i => new CustomerRfm($"c{i:D2}", i * 10, 1, 1m));

        var scores = RfmScores.Score(Table(rows));

        // n = 10: ranks 1-2 → bin 1, 3-4 → 2, … (5(r − 1)/9 rounded up); recency score = 6 − bin.
        Assert.Equal([5, 5, 4, 4, 3, 3, 2, 2, 1, 1], scores.Rows.Select(r => r.RecencyScore));
        Assert.Equal(new RfmScoreBin(5, 2, 10m, 20m), scores.RecencyBins[4]);
        Assert.Equal(new RfmScoreBin(1, 2, 90m, 100m), scores.RecencyBins[0]);
    }

    [Fact]
    public void Every_score_holds_the_floor_or_ceiling_of_a_fifth_of_the_customers()
    {
        for (var n = 1; n <= 300; n++)
        {
            var sizes = new int[6];
            for (var rank = 1; rank <= n; rank++)
                sizes[RfmScores.BinOfRank(rank, n)]++;
            if (n >= 5)
                Assert.All(sizes.Skip(1), s => Assert.InRange(s, n / 5, (n + 4) / 5));
            Assert.Equal(n, sizes.Sum());
        }
        Assert.Equal(3, RfmScores.BinOfRank(1, 1)); // a single customer is in the middle
    }
}
