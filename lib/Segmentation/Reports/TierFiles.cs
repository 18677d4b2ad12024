using System.Globalization;
using Segmentation.Common;
using Segmentation.Features;
using Segmentation.Segmenting.Rules;
using Segmentation.Value;

namespace Segmentation.Reports;

/// <summary>Writes tier assignments and their cut points as CSV ("\n" line ends, invariant numbers).</summary>
public static class TierFiles
{
    /// <summary>Name of the value-tier column (high-value / potential / low-value).</summary>
    public const string CustomerValueColumn = "customer_value";

    /// <summary>
    /// One row per customer: customer_id, <c>{dimension}_tier</c> (low / medium / high, empty when undefined) for every
    /// dimension, then <see cref="CustomerValueColumn"/> when value tiers are given. Both must come from the same
    /// feature rows.
    /// </summary>
    public static void WriteTiersCsv(TextWriter writer, BehaviourTiers tiers, CustomerValueTiers? valueTiers = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tiers);
        if (valueTiers is not null && !valueTiers.CustomerIds.SequenceEqual(tiers.CustomerIds, StringComparer.Ordinal))
            throw new OptionsException("value tiers and behaviour tiers must come from the same feature rows");
        var header = new List<string> { "customer_id" };
        header.AddRange(tiers.Dimensions.Select(d => Csv.Field(d.Name + "_tier")));
        if (valueTiers is not null)
            header.Add(CustomerValueColumn);
        Csv.WriteRow(writer, header);
        for (var i = 0; i < tiers.CustomerIds.Count; i++)
        {
            var row = new List<string> { Csv.Field(tiers.CustomerIds[i]) };
            for (var d = 0; d < tiers.Dimensions.Count; d++)
                row.Add(tiers.Level(i, d) is { } level ? TierLevels.Name(level) : "");
            if (valueTiers is not null)
                row.Add(ValueTierNames.Of(valueTiers.Tiers[i]));
            Csv.WriteRow(writer, row);
        }
    }

    /// <summary>One row per dimension: dimension, feature, low_upper, medium_upper, rule, low, medium, high (customer
    /// counts); the value-tier rule last.</summary>
    public static void WriteCutsCsv(
        TextWriter writer,
        BehaviourTiers tiers,
        CustomerValueTiers? valueTiers = null,
        ClvTiering? clvTiers = null
    )
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tiers);
        Csv.WriteRow(writer, ["dimension", "feature", "low_upper", "medium_upper", "rule", "low", "medium", "high"]);
        for (var d = 0; d < tiers.Dimensions.Count; d++)
        {
            var counts = tiers.Counts(d);
            Csv.WriteRow(
                writer,
                [
                    Csv.Field(tiers.Dimensions[d].Name),
                    Csv.Field(tiers.Dimensions[d].Feature),
                    Csv.Number(tiers.Cuts[d].LowUpper),
                    Csv.Number(tiers.Cuts[d].MediumUpper),
                    Csv.Field(tiers.Cuts[d].Rule),
                    .. counts.Select(Csv.Count),
                ]
            );
        }
        if (valueTiers is not null)
        {
            Csv.WriteRow(
                writer,
                [
                    CustomerValueColumn,
                    Csv.Field($"{FeatureCatalog.Monetary} {FeatureCatalog.ActiveMonths} {FeatureCatalog.RecencyDays}"),
                    "",
                    "",
                    Csv.Field(valueTiers.Rule),
                    .. valueTiers.Counts.Reverse().Select(Csv.Count),
                ]
            );
        }
        if (clvTiers is not null)
        {
            var rule =
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"low: clv < {clvTiers.LowCut:R}; medium: {clvTiers.LowCut:R} <= clv < "
                )
                + string.Create(
                    CultureInfo.InvariantCulture,
                    $"{clvTiers.HighCut:R}; high: clv >= {clvTiers.HighCut:R}"
                );
            Csv.WriteRow(
                writer,
                [
                    "clv",
                    FeatureCatalog.Clv,
                    Csv.Number(clvTiers.LowCut),
                    Csv.Number(clvTiers.HighCut),
                    Csv.Field(rule),
                    Csv.Count(clvTiers.Count(TierLevel.Low)),
                    Csv.Count(clvTiers.Count(TierLevel.Medium)),
                    Csv.Count(clvTiers.Count(TierLevel.High)),
                ]
            );
        }
    }
}
