using Segmentation.Common.Text;

namespace Segmentation.Features;

/// <summary>Whether a feature is a number or a category.</summary>
public enum FeatureKind
{
    /// <summary>A number; null where it is undefined for a customer (e.g. the gap between orders of a one-order
    /// customer).</summary>
    Numeric,

    /// <summary>A label; <see cref="FeatureValues.Missing"/> where the customer's value is missing.</summary>
    Categorical,
}

/// <summary>Feature families, in the order of the domain's dimensions.</summary>
public enum FeatureFamily
{
    /// <summary>Recency, frequency, monetary.</summary>
    Rfm,

    /// <summary>Tenure, activity, regularity, returns.</summary>
    Behaviour,

    /// <summary>ARPU, acquisition channel and cost, net value.</summary>
    Value,

    /// <summary>Shares of spend and preference labels.</summary>
    Preference,

    /// <summary>Demographic attributes and geography.</summary>
    Attributes,

    /// <summary>Survey answers passed through from the customer table.</summary>
    Survey,
}

/// <summary>One feature column: its name (as in files and SQL), kind, family and meaning.</summary>
/// <param name="Name">Column name, snake_case.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Family">Family the feature belongs to.</param>
/// <param name="Description">What the value means and how it is computed (English, as feature_columns.csv writes
/// it).</param>
public sealed record FeatureColumn(string Name, FeatureKind Kind, FeatureFamily Family, string Description)
{
    /// <summary><see cref="Kind"/> in words of <paramref name="language"/> (default
    /// <see cref="Language.Current"/>).</summary>
    public string KindText(Language? language = null) => (language ?? Language.Current)["FeatureKind_" + Kind];

    /// <summary><see cref="Family"/> in words of <paramref name="language"/> (default
    /// <see cref="Language.Current"/>).</summary>
    public string FamilyText(Language? language = null) => (language ?? Language.Current)["FeatureFamily_" + Family];

    /// <summary>
    /// <see cref="Description"/> in <paramref name="language"/> (default <see cref="Language.Current"/>) for a built-in
    /// feature; a column passed through from the customer table keeps its <see cref="Description"/>.
    /// </summary>
    public string DescriptionText(Language? language = null) =>
        FeatureCatalog.Find(Name) is null
            ? Description
            : FeatureCatalog.Description(Name, language ?? Language.Current);
}

/// <summary>Placeholder labels of categorical features.</summary>
public static class FeatureValues
{
    /// <summary>The customer's value is missing (an attribute left empty, no line with a known channel, …): kept
    /// visible, never imputed.</summary>
    public const string Missing = "(missing)";

    /// <summary>The feature could not be computed for anyone (the data has no such column); see
    /// <see cref="CustomerFeatureSet.NotComputable"/>.</summary>
    public const string Unknown = "unknown";
}
