using Segmentation.Features;

namespace Segmentation.Segmenting.Rules;

/// <summary>One customer's RFM values and scores (1–5; 5 is best: most recent, most frequent, highest spend).</summary>
/// <param name="CustomerId">Customer identifier.</param>
/// <param name="RecencyDays">Days from the last purchase date to the as-of date.</param>
/// <param name="Frequency">Distinct orders.</param>
/// <param name="Monetary">Exact spend.</param>
/// <param name="RecencyScore">1–5, 5 = most recent.</param>
/// <param name="FrequencyScore">1–5, 5 = most orders.</param>
/// <param name="MonetaryScore">1–5, 5 = highest spend.</param>
public sealed record CustomerRfmScore(
    string CustomerId,
    int RecencyDays,
    int Frequency,
    decimal Monetary,
    int RecencyScore,
    int FrequencyScore,
    int MonetaryScore
);

/// <summary>
/// One score of one RFM dimension: how many customers got it and the range of their values. With ties a
/// value can span neighbouring scores (the rank decides); the ranges show where.
/// </summary>
/// <param name="Score">1–5.</param>
/// <param name="Customers">Customers with this score.</param>
/// <param name="Lowest">Lowest value among them (null when the score is empty, possible only with fewer than five
/// customers).</param>
/// <param name="Highest">Highest value among them (null when the score is empty).</param>
public sealed record RfmScoreBin(int Score, int Customers, decimal? Lowest, decimal? Highest);

/// <summary>
/// RFM scores 1–5 by quintiles of ranks, as <c>pandas.qcut(x.rank(method='first'), 5)</c> does it but in
/// exact integer arithmetic: customers are ranked 1..n by value, ties broken by customer id (ordinal);
/// rank r gets bin <c>max(1, ceil(5(r − 1)/(n − 1)))</c>, i.e. the smallest k with r ≤ 1 + k(n − 1)/5 (qcut's
/// edges on the ranks, right-closed, lowest included). Frequency and monetary score = bin; recency score =
/// 6 − bin, so more recent = 5 (among equal recencies, the smaller id counts as more recent). Every score
/// gets ⌊n/5⌋ or ⌈n/5⌉ customers, however many customers tie.
/// With a single customer every score is 3. The ranges of values per score are reported (<see cref="RfmScoreBin"/>).
/// </summary>
public sealed class RfmScores
{
    /// <summary>Number of score levels.</summary>
    public const int Levels = 5;

    private RfmScores(DateOnly asOf, IReadOnlyList<CustomerRfmScore> rows)
    {
        AsOf = asOf;
        Rows = rows;
        RecencyBins = Bins(rows, r => r.RecencyScore, r => r.RecencyDays);
        FrequencyBins = Bins(rows, r => r.FrequencyScore, r => r.Frequency);
        MonetaryBins = Bins(rows, r => r.MonetaryScore, r => r.Monetary);
    }

    /// <summary>The as-of date of the RFM values.</summary>
    public DateOnly AsOf { get; }

    /// <summary>One row per customer, in the order of the input (customer id, ordinal).</summary>
    public IReadOnlyList<CustomerRfmScore> Rows { get; }

    /// <summary>Recency scores 1–5 with their ranges of days (score 5 holds the smallest recencies).</summary>
    public IReadOnlyList<RfmScoreBin> RecencyBins { get; }

    /// <summary>Frequency scores 1–5 with their ranges of orders.</summary>
    public IReadOnlyList<RfmScoreBin> FrequencyBins { get; }

    /// <summary>Monetary scores 1–5 with their ranges of spend.</summary>
    public IReadOnlyList<RfmScoreBin> MonetaryBins { get; }

    /// <summary>Scores every customer of <paramref name="rfm"/>.</summary>
    public static RfmScores Score(RfmTable rfm)
    {
        ArgumentNullException.ThrowIfNull(rfm);
        var rows = rfm.Rows;
        var ids = IdOrder(rows);
        var recency = Scores(rows, ids, r => r.RecencyDays);
        var frequency = Scores(rows, ids, r => r.Frequency);
        var monetary = Scores(rows, ids, r => r.Monetary);
        var scored = new CustomerRfmScore[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            scored[i] = new CustomerRfmScore(
                r.CustomerId,
                r.RecencyDays,
                r.Frequency,
                r.Monetary,
                Levels + 1 - recency[i],
                frequency[i],
                monetary[i]
            );
        }
        return new RfmScores(rfm.AsOf, scored);
    }

    /// <summary>The quintile bin (1–5) of 1-based rank <paramref name="rank"/> among <paramref name="count"/>
    /// ranks.</summary>
    internal static int BinOfRank(int rank, int count)
    {
        if (count == 1)
            return (Levels + 1) / 2;
        var numerator = (long)Levels * (rank - 1);
        var bin = (int)((numerator + count - 2) / (count - 1));
        return Math.Max(1, bin);
    }

    /// <summary>The rows' indices in ordinal order of customer id (the identity when the rows come sorted).</summary>
    private static int[] IdOrder(IReadOnlyList<CustomerRfm> rows)
    {
        var order = Enumerable.Range(0, rows.Count).ToArray();
        var sorted = true;
        for (var i = 1; i < rows.Count && sorted; i++)
            sorted = string.CompareOrdinal(rows[i - 1].CustomerId, rows[i].CustomerId) < 0;
        if (!sorted)
            Array.Sort(order, (a, b) => string.CompareOrdinal(rows[a].CustomerId, rows[b].CustomerId));
        return order;
    }

    /// <summary>
    /// The bin of each row when ranked by value, ties by customer id: the values are sorted with the rows' places in id
    /// order, then each run of equal values by those places (integers, so the ties cost no string comparison).
    /// </summary>
    private static int[] Scores<T>(IReadOnlyList<CustomerRfm> rows, int[] idOrder, Func<CustomerRfm, T> value)
        where T : IComparable<T>
    {
        var count = rows.Count;
        var values = new T[count];
        var places = new int[count];
        for (var place = 0; place < count; place++)
        {
            values[place] = value(rows[idOrder[place]]);
            places[place] = place;
        }
        Array.Sort(values, places);
        for (int start = 0, end = 1; start < count; start = end++)
        {
            while (end < count && values[end].CompareTo(values[start]) == 0)
                end++;
            if (end - start > 1)
                Array.Sort(places, start, end - start);
        }
        var bins = new int[count];
        for (var position = 0; position < count; position++)
            bins[idOrder[places[position]]] = BinOfRank(position + 1, count);
        return bins;
    }

    private static RfmScoreBin[] Bins(
        IReadOnlyList<CustomerRfmScore> rows,
        Func<CustomerRfmScore, int> score,
        Func<CustomerRfmScore, decimal> value
    ) =>
        Enumerable
            .Range(1, Levels)
            .Select(s =>
            {
                var values = rows.Where(r => score(r) == s).Select(value).ToList();
                return values.Count == 0
                    ? new RfmScoreBin(s, 0, null, null)
                    : new RfmScoreBin(s, values.Count, values.Min(), values.Max());
            })
            .ToArray();

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"RfmScores: {Rows.Count} customers as of {AsOf:yyyy-MM-dd}");
}
