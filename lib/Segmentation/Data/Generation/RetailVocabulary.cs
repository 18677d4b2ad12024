namespace Segmentation.Data.Generation;

/// <summary>The values the simulator writes in categorical columns (the orders index the weight arrays of the segment
/// profiles).</summary>
public static class RetailVocabulary
{
    /// <summary>Product categories.</summary>
    public static IReadOnlyList<string> Categories { get; } =
    ["apparel", "beauty", "electronics", "home", "groceries", "sports", "books", "toys"];

    /// <summary>Price tiers, most expensive first.</summary>
    public static IReadOnlyList<string> PriceTiers { get; } = ["premium", "mid", "budget"];

    /// <summary>Brand origins.</summary>
    public static IReadOnlyList<string> BrandOrigins { get; } = ["international", "local"];

    /// <summary>Sales channels.</summary>
    public static IReadOnlyList<string> Channels { get; } = ["online", "offline"];

    /// <summary>Occupations.</summary>
    public static IReadOnlyList<string> Occupations { get; } =
    ["white-collar", "blue-collar", "student", "retired", "self-employed"];

    /// <summary>Genders.</summary>
    public static IReadOnlyList<string> Genders { get; } = ["female", "male"];

    /// <summary>Acquisition channels.</summary>
    public static IReadOnlyList<string> AcquisitionChannels { get; } =
    ["search", "social", "referral", "store", "marketplace", "affiliate"];

    /// <summary>Survey answers on lifestyle.</summary>
    public static IReadOnlyList<string> Lifestyles { get; } = ["family", "career", "trendy", "frugal", "outdoor"];

    /// <summary>Survey answers on what drives the choice.</summary>
    public static IReadOnlyList<string> PurchaseDrivers { get; } = ["price", "quality", "service"];

    /// <summary>Mean acquisition cost per acquisition channel (same order as
    /// <see cref="AcquisitionChannels"/>).</summary>
    internal static IReadOnlyList<double> AcquisitionCostMeans { get; } = [45, 30, 15, 12, 22, 38];

    /// <summary>Income multiplier per occupation (same order as <see cref="Occupations"/>).</summary>
    internal static IReadOnlyList<double> OccupationIncome { get; } = [1.0, 0.75, 0.25, 0.6, 1.2];

    /// <summary>Index of "student" and "retired" in <see cref="Occupations"/> (their ages are drawn from fixed
    /// ranges).</summary>
    internal const int Student = 2,
        Retired = 3;
}
