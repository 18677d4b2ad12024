using Segmentation.Data;

namespace Segmentation.Features;

/// <summary>
/// What every customer did in one period of the clean log: revenue (Σ quantity × unit price) and distinct orders,
/// for judging segments fitted before the period on what came after (<c>Validation.Holdout</c>). A customer with no
/// purchase in the period has revenue 0, orders 0 and counts as churned.
/// </summary>
public sealed class PeriodOutcomes
{
    private readonly Dictionary<string, (double Revenue, long Orders)> byCustomer;

    private PeriodOutcomes(DateOnly from, DateOnly to, Dictionary<string, (double Revenue, long Orders)> byCustomer)
    {
        From = from;
        To = to;
        this.byCustomer = byCustomer;
    }

    /// <summary>First day of the period.</summary>
    public DateOnly From { get; }

    /// <summary>The day after the period's last day.</summary>
    public DateOnly To { get; }

    /// <summary>Customers with at least one purchase in the period.</summary>
    public int ActiveCustomers => this.byCustomer.Count;

    /// <summary>Purchases in [<paramref name="from"/>, <paramref name="to"/>) of the store's clean table.</summary>
    public static PeriodOutcomes Between(TransactionStore store, DateOnly from, DateOnly to) =>
        Between(FeatureSource.Of(store), from, to);

    /// <summary>
    /// Purchases in [<paramref name="from"/>, <paramref name="to"/>) of the clean lines of <paramref name="lines"/>
    /// (the local store or a warehouse table: one query in the source's SQL dialect).
    /// </summary>
    public static PeriodOutcomes Between(FeatureSource lines, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (to <= from)
            throw new OptionsException(
                FormattableString.Invariant($"to={to:yyyy-MM-dd} must be after from={from:yyyy-MM-dd}")
            );
        var byCustomer = new Dictionary<string, (double Revenue, long Orders)>(StringComparer.Ordinal);
        var d = lines.Dialect;
        lines.Engine.ForEachRow(
            $"""
            SELECT {TransactionColumns.CustomerId}, {d.ToDouble(
                $"sum({TransactionColumns.Quantity} * {TransactionColumns.UnitPrice})"
            )},
                   {d.CountDistinct(TransactionColumns.OrderId)}
            FROM {lines.Clean}
            WHERE "{TransactionColumns.Timestamp}" >= {d.Timestamp(
                from.ToDateTime(TimeOnly.MinValue)
            )} AND "{TransactionColumns.Timestamp}" < {d.Timestamp(to.ToDateTime(TimeOnly.MinValue))}
            GROUP BY {TransactionColumns.CustomerId}
            """,
            r => byCustomer[r.Text(0)] = (r.Double(1), r.Long(2))
        );
        return new PeriodOutcomes(from, to, byCustomer);
    }

    /// <summary>Revenue of each customer in the period, in the order of <paramref name="customerIds"/>.</summary>
    public double[] Revenue(IReadOnlyList<string> customerIds) => Each(customerIds, v => v.Revenue, 0);

    /// <summary>Distinct orders of each customer in the period.</summary>
    public double[] Orders(IReadOnlyList<string> customerIds) => Each(customerIds, v => v.Orders, 0);

    /// <summary>1 for a customer with no purchase in the period (churned), 0 otherwise.</summary>
    public double[] Churned(IReadOnlyList<string> customerIds) => Each(customerIds, _ => 0, 1);

    private double[] Each(
        IReadOnlyList<string> customerIds,
        Func<(double Revenue, long Orders), double> value,
        double absent
    )
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        var result = new double[customerIds.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = this.byCustomer.TryGetValue(customerIds[i], out var v) ? value(v) : absent;
        return result;
    }
}
