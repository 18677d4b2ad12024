using Segmentation.Data;

namespace Segmentation.Features;

/// <summary>One customer's recency, frequency and monetary value as of a date.</summary>
/// <param name="CustomerId">Customer identifier.</param>
/// <param name="RecencyDays">Days from the date of the last purchase to the as-of date.</param>
/// <param name="Frequency">Distinct orders.</param>
/// <param name="Monetary">Sum of quantity × unit price over the customer's clean lines (exact).</param>
public sealed record CustomerRfm(string CustomerId, int RecencyDays, int Frequency, decimal Monetary);

/// <summary>RFM values of every customer with a purchase on or before <see cref="AsOf"/>, sorted by customer id
/// (ordinal).</summary>
/// <param name="AsOf">The as-of date the values are counted to.</param>
/// <param name="Rows">One row per customer, sorted by customer id (ordinal).</param>
public sealed record RfmTable(DateOnly AsOf, IReadOnlyList<CustomerRfm> Rows)
{
    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"RfmTable: {Rows.Count} customers as of {AsOf:yyyy-MM-dd}");
}

/// <summary>
/// Recency, frequency, monetary from the clean table. Lines dated on or before the as-of date are used;
/// the default as-of date is the day after the date of the last timestamp in the data.
/// </summary>
public static class Rfm
{
    /// <summary>RFM of every customer in the store's clean table.</summary>
    public static RfmTable FromStore(TransactionStore store, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        return FromSource(FeatureSource.Of(store), asOf);
    }

    /// <summary>RFM of every customer in the clean lines of <paramref name="source"/> (DuckDB or a warehouse: one row
    /// per customer comes back).</summary>
    public static RfmTable FromSource(FeatureSource source, DateOnly? asOf = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var date = asOf ?? FeatureQueries.DefaultAsOf(source);
        var rows = FeatureQueries.Rfm(source, date);
        if (rows.Count == 0)
            throw FeatureQueries.NoCustomers(date);
        return new RfmTable(date, rows);
    }

    /// <summary>RFM of clean order lines held in memory (small data, notebooks, tests): loads them into a DuckDB store
    /// and runs the same SQL.</summary>
    public static RfmTable FromTransactions(IEnumerable<Transaction> clean, DateOnly? asOf = null)
    {
        using var store = TransactionStore.FromTransactions(clean);
        return FromStore(store, asOf);
    }
}
