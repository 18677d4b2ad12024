using Segmentation.Data;
using Segmentation.Value;

namespace Segmentation.Features;

/// <summary>
/// The CLV inputs of the value dimension: both models fitted on the purchases up to the as-of date, every buying
/// customer's value and tier, and CLV against acquisition cost by acquisition channel.
/// </summary>
/// <param name="Result">The fitted models and every customer's predicted value (calibration end = the as-of date,
/// weeks).</param>
/// <param name="Tiers">CLV tiers with their cut points.</param>
/// <param name="ByChannel">CLV against acquisition cost per acquisition channel; null without channel and cost in the
/// customer table.</param>
public sealed record ClvValueDimension(ClvResult Result, ClvTiering Tiers, IReadOnlyList<ChannelValue>? ByChannel)
{
    /// <summary>Time unit the models are fitted in (CLV itself does not depend on it).</summary>
    public const TimeUnit Unit = TimeUnit.Week;

    /// <summary>
    /// Fits the models on the store's clean lines dated on or before <paramref name="asOf"/>. Returns null and the
    /// reason when they cannot be fitted (too few customers or repeat buyers, no convergence).
    /// </summary>
    internal static (ClvValueDimension? Value, string? Reason) Fit(
        FeatureSource source,
        DateOnly asOf,
        FeatureOptions options,
        CustomerTableReader customers
    )
    {
        var clvOptions = options.Clv ?? throw new InvalidOperationException("CLV is not requested");
        ClvResult result;
        try
        {
            var summary = ClvSummary.FromEngine(source.Engine, source.Clean, asOf.ToDateTime(TimeOnly.MinValue), Unit);
            result = CustomerLifetimeValue.Run(summary, clvOptions);
        }
        catch (SegmentationException e)
        {
            return (null, "the CLV models could not be fitted on the purchases up to the as-of date: " + e.Message);
        }
        if (result.Customers.Any(c => !double.IsFinite(c.Clv)))
            return (
                null,
                "the fitted CLV models give a non-finite CLV for some customers; try a penalizer coefficient > 0"
            );
        var tiers = ClvTiers.Assign(result.Customers, options.ClvTiers);

        IReadOnlyList<ChannelValue>? byChannel = null;
        if (
            customers.Available.Contains(CustomerColumns.AcquisitionChannel)
            && customers.Available.Contains(CustomerColumns.AcquisitionCost)
        )
        {
            var acquisitions = customers
                .Rows.Where(r => r.Value.AcquisitionChannel is not null && r.Value.AcquisitionCost is not null)
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new CustomerAcquisition(
                    r.Key,
                    r.Value.AcquisitionChannel!,
                    r.Value.AcquisitionCost!.Value
                ))
                .ToList();
            if (acquisitions.Count > 0)
                byChannel = AcquisitionValue.ByChannel(
                    result.Customers.ToDictionary(c => c.CustomerId, c => c.Clv, StringComparer.Ordinal),
                    acquisitions
                );
        }
        return (new ClvValueDimension(result, tiers, byChannel), null);
    }
}
