using System.Globalization;
using Segmentation.Data;

namespace Segmentation.Value;

/// <summary>How and at what cost one customer was acquired.</summary>
/// <param name="CustomerId">Customer identifier.</param>
/// <param name="Channel">Acquisition channel.</param>
/// <param name="Cost">Customer acquisition cost (CAC).</param>
public sealed record CustomerAcquisition(string CustomerId, string Channel, double Cost);

/// <summary>CLV against acquisition cost for one channel.</summary>
/// <param name="Channel">Acquisition channel.</param>
/// <param name="Customers">Customers acquired through the channel.</param>
/// <param name="CustomersWithoutClv">Of those, customers with no CLV (no purchase in the calibration period); counted
/// with CLV 0.</param>
/// <param name="MeanAcquisitionCost">Mean CAC.</param>
/// <param name="MeanClv">Mean CLV.</param>
/// <param name="ClvToCacRatio">Mean CLV / mean CAC; null when the mean CAC is 0.</param>
public sealed record ChannelValue(
    string Channel,
    int Customers,
    int CustomersWithoutClv,
    double MeanAcquisitionCost,
    double MeanClv,
    double? ClvToCacRatio
);

/// <summary>CLV against customer acquisition cost (CAC) by acquisition channel.</summary>
public static class AcquisitionValue
{
    /// <summary>
    /// Per channel: customers, mean CAC, mean CLV and CLV/CAC, sorted by channel (ordinal). Acquired customers without
    /// a CLV never bought in the calibration period: they count with CLV 0 (they cost and have not paid back).
    /// </summary>
    public static IReadOnlyList<ChannelValue> ByChannel(
        IReadOnlyDictionary<string, double> clvByCustomer,
        IEnumerable<CustomerAcquisition> acquisitions
    )
    {
        ArgumentNullException.ThrowIfNull(clvByCustomer);
        ArgumentNullException.ThrowIfNull(acquisitions);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<CustomerAcquisition>();
        foreach (var acquisition in acquisitions)
        {
            if (!seen.Add(acquisition.CustomerId))
                throw new OptionsException(
                    $"customer '{acquisition.CustomerId}' appears more than once in the acquisitions; "
                        + "expected one channel and cost per customer"
                );
            if (!(acquisition.Cost >= 0) || double.IsInfinity(acquisition.Cost))
                throw new OptionsException(
                    FormattableString.Invariant(
                        $"customer '{acquisition.CustomerId}': cost={acquisition.Cost} must be a finite number >= 0"
                    )
                );
            rows.Add(acquisition);
        }
        return rows.GroupBy(a => a.Channel, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var meanCost = g.Average(a => a.Cost);
                var meanClv = g.Average(a => clvByCustomer.GetValueOrDefault(a.CustomerId));
                return new ChannelValue(
                    g.Key,
                    g.Count(),
                    g.Count(a => !clvByCustomer.ContainsKey(a.CustomerId)),
                    meanCost,
                    meanClv,
                    meanCost > 0 ? meanClv / meanCost : null
                );
            })
            .ToList();
    }

    /// <summary>
    /// Reads (customer, channel, cost) from the store's <see cref="TransactionStore.CustomersTable"/>, skipping
    /// customers whose channel or cost is missing.
    /// </summary>
    public static IReadOnlyList<CustomerAcquisition> ReadAcquisitions(TransactionStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"""
            SELECT {CustomerColumns.CustomerId}, CAST({CustomerColumns.AcquisitionChannel} AS VARCHAR),
                   CAST({CustomerColumns.AcquisitionCost} AS DOUBLE)
            FROM {TransactionStore.CustomersTable}
            WHERE {CustomerColumns.CustomerId} IS NOT NULL
              AND {CustomerColumns.AcquisitionChannel} IS NOT NULL
              AND {CustomerColumns.AcquisitionCost} IS NOT NULL
            ORDER BY {CustomerColumns.CustomerId}
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<CustomerAcquisition>();
        while (reader.Read())
            rows.Add(
                new CustomerAcquisition(
                    reader.GetString(0),
                    reader.GetString(1),
                    Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture)
                )
            );
        return rows;
    }
}
