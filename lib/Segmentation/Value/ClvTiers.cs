using Segmentation.Common;

namespace Segmentation.Value;

/// <summary>Quantiles that separate the CLV tiers.</summary>
public sealed record ClvTierOptions
{
    /// <summary>Quantile of the low/medium cut point.</summary>
    public double LowQuantile { get; init; } = 1.0 / 3.0;

    /// <summary>Quantile of the medium/high cut point.</summary>
    public double HighQuantile { get; init; } = 2.0 / 3.0;

    internal void Validate()
    {
        if (!(LowQuantile > 0 && LowQuantile < HighQuantile && HighQuantile < 1))
            throw new OptionsException(
                FormattableString.Invariant(
                    $"lowQuantile={LowQuantile} and highQuantile={HighQuantile} must satisfy 0 < "
                ) + "lowQuantile < highQuantile < 1"
            );
    }
}

/// <summary>One customer's tier.</summary>
/// <param name="CustomerId">Customer identifier.</param>
/// <param name="Clv">The customer's CLV.</param>
/// <param name="Tier">The tier.</param>
public sealed record CustomerTier(string CustomerId, double Clv, TierLevel Tier);

/// <summary>CLV tiers with their cut points.</summary>
/// <param name="Customers">Every customer's tier, sorted by customer id (ordinal).</param>
/// <param name="LowCut">CLV quantile at <see cref="ClvTierOptions.LowQuantile"/>: below it is Low.</param>
/// <param name="HighCut">CLV quantile at <see cref="ClvTierOptions.HighQuantile"/>: at or above it is High.</param>
public sealed record ClvTiering(IReadOnlyList<CustomerTier> Customers, double LowCut, double HighCut)
{
    /// <summary>Number of customers in a tier.</summary>
    public int Count(TierLevel tier) => Customers.Count(c => c.Tier == tier);
}

/// <summary>High / medium / low value tiers by CLV quantiles.</summary>
public static class ClvTiers
{
    /// <summary>
    /// Tiers customers by CLV: Low when CLV &lt; the low cut, High when CLV ≥ the high cut, otherwise Medium. Cut
    /// points are quantiles with linear interpolation between order statistics (numpy's default); equal CLVs always
    /// share a tier.
    /// </summary>
    public static ClvTiering Assign(IReadOnlyList<CustomerValue> customers, ClvTierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        return Assign(customers.Select(c => new KeyValuePair<string, double>(c.CustomerId, c.Clv)).ToList(), options);
    }

    /// <summary>Tiers (customer id, CLV) pairs; see
    /// <see cref="Assign(IReadOnlyList{CustomerValue}, ClvTierOptions?)"/>.</summary>
    public static ClvTiering Assign(
        IReadOnlyCollection<KeyValuePair<string, double>> clvByCustomer,
        ClvTierOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(clvByCustomer);
        options ??= new ClvTierOptions();
        options.Validate();
        if (clvByCustomer.Count == 0)
            throw new OptionsException("customers=0 must be >= 1 to compute CLV tiers");
        foreach (var (id, clv) in clvByCustomer)
            if (!double.IsFinite(clv))
                throw new OptionsException(
                    FormattableString.Invariant($"customer '{id}': clv={clv} must be a finite number")
                );
        var sorted = clvByCustomer.Select(p => p.Value).Order().ToArray();
        var low = Quantile(sorted, options.LowQuantile);
        var high = Quantile(sorted, options.HighQuantile);
        var tiers = clvByCustomer
            .Select(p => new CustomerTier(
                p.Key,
                p.Value,
                p.Value >= high ? TierLevel.High
                    : p.Value < low ? TierLevel.Low
                    : TierLevel.Medium
            ))
            .OrderBy(t => t.CustomerId, StringComparer.Ordinal)
            .ToList();
        return new ClvTiering(tiers, low, high);
    }

    private static double Quantile(double[] sorted, double q) => VectorMath.QuantileOfSorted(sorted, q);
}
