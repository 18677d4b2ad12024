using Segmentation.Data;
using Segmentation.Features;
using Segmentation.Reports;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Workflow;

/// <summary>The features, tiers and value tiers computed together by
/// <see cref="RuleOutputs.WriteFeatures(Segmentation.Data.TransactionStore, string, FeatureOptions?,
/// BehaviourTierOptions?, CustomerValueTierOptions?)"/>.</summary>
/// <param name="Features">The feature set.</param>
/// <param name="Tiers">High / medium / low tiers of the behaviour and value dimensions.</param>
/// <param name="CustomerValue">High-value / potential / low-value tiers.</param>
public sealed record FeatureOutputs(
    CustomerFeatureSet Features,
    BehaviourTiers Tiers,
    CustomerValueTiers CustomerValue
);

/// <summary>
/// Writes the rule-based results of a filled <see cref="TransactionStore"/> to a directory (what <c>seg rfm</c> and
/// <c>seg features</c> produce): UTF-8 without BOM, "\n" line ends, one row per customer in customer-id order.
/// </summary>
public static class RuleOutputs
{
#pragma warning disable CS1591 // file names
    public const string RfmFile = "rfm.csv";
    public const string RfmBinsFile = "rfm_bins.csv";
    public const string RfmSegmentsFile = "rfm_segments.csv";
    public const string FeaturesCsvFile = "features.csv";
    public const string FeaturesParquetFile = "features.parquet";
    public const string FeatureColumnsFile = "feature_columns.csv";
    public const string TiersFile = "tiers.csv";
    public const string TierCutsFile = "tier_cuts.csv";
#pragma warning restore CS1591

    /// <summary>Writes <see cref="RfmFile"/>, <see cref="RfmBinsFile"/> and <see cref="RfmSegmentsFile"/> (directory
    /// created if missing).</summary>
    public static RfmSegmentation WriteRfm(
        TransactionStore store,
        string directory,
        DateOnly? asOf = null,
        RfmSegmentRules? rules = null
    )
    {
        ArgumentNullException.ThrowIfNull(directory);
        return WriteRfm(RfmSegmentation.FromRfm(Rfm.FromStore(store, asOf), rules), directory);
    }

    /// <summary>Writes <see cref="RfmFile"/>, <see cref="RfmBinsFile"/> and <see cref="RfmSegmentsFile"/> of
    /// <paramref name="segmentation"/> (directory created if missing).</summary>
    public static RfmSegmentation WriteRfm(RfmSegmentation segmentation, string directory)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        TextFiles.Write(directory, RfmFile, segmentation.WriteCsv);
        TextFiles.Write(directory, RfmBinsFile, segmentation.WriteBinsCsv);
        TextFiles.Write(directory, RfmSegmentsFile, segmentation.WriteCountsCsv);
        return segmentation;
    }

    /// <summary>
    /// Writes the feature table (<see cref="FeaturesCsvFile"/>, <see cref="FeaturesParquetFile"/>), the column
    /// dictionary (<see cref="FeatureColumnsFile"/>: computed and not computable features), the tiers
    /// (<see cref="TiersFile"/>) and their cut points and rules (<see cref="TierCutsFile"/>).
    /// </summary>
    public static FeatureOutputs WriteFeatures(
        TransactionStore store,
        string directory,
        FeatureOptions? features = null,
        BehaviourTierOptions? tiers = null,
        CustomerValueTierOptions? customerValue = null
    ) => WriteFeatures(CustomerFeatureSet.Compute(store, features), directory, tiers, customerValue);

    /// <summary>As
    /// <see cref="WriteFeatures(TransactionStore, string, FeatureOptions?, BehaviourTierOptions?,
    /// CustomerValueTierOptions?)"/> for a feature set already computed (in DuckDB or in a warehouse).</summary>
    public static FeatureOutputs WriteFeatures(
        CustomerFeatureSet set,
        string directory,
        BehaviourTierOptions? tiers = null,
        CustomerValueTierOptions? customerValue = null
    )
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(directory);
        var behaviour = BehaviourTiers.Assign(set, tiers);
        var value = CustomerValueTiers.Assign(set, customerValue);
        Directory.CreateDirectory(directory);
        TextFiles.Write(directory, FeaturesCsvFile, w => FeatureFiles.WriteCsv(set, w));
        FeatureFiles.WriteParquet(set, Path.Combine(directory, FeaturesParquetFile));
        TextFiles.Write(directory, FeatureColumnsFile, w => FeatureFiles.WriteColumnsCsv(set, w));
        TextFiles.Write(directory, TiersFile, w => TierFiles.WriteTiersCsv(w, behaviour, value));
        TextFiles.Write(directory, TierCutsFile, w => TierFiles.WriteCutsCsv(w, behaviour, value, set.Clv?.Tiers));
        if (set.Clv?.ByChannel is not null)
            TextFiles.Write(directory, FeatureFiles.ClvByChannelFile, w => FeatureFiles.WriteClvByChannelCsv(set, w));
        return new FeatureOutputs(set, behaviour, value);
    }
}
