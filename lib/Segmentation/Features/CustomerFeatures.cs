namespace Segmentation.Features;

/// <summary>
/// One customer's features as of a date (one typed row per customer). Numeric features are null where
/// undefined for the customer or not computable for the data set; categorical ones are
/// <see cref="FeatureValues.Missing"/> or <see cref="FeatureValues.Unknown"/> then. Every definition is in
/// <see cref="FeatureCatalog"/> and docs/features.md.
/// </summary>
public sealed record CustomerFeatures
{
    /// <summary>Customer identifier.</summary>
    public required string CustomerId { get; init; }

    // RFM

    /// <summary>Days from the date of the last purchase to the as-of date.</summary>
    public required int RecencyDays { get; init; }

    /// <summary>Distinct orders.</summary>
    public required int Frequency { get; init; }

    /// <summary>Sum of quantity × unit price over the customer's clean lines (exact).</summary>
    public required decimal Monetary { get; init; }

    // Behaviour

    /// <summary>Date of the first purchase.</summary>
    public required DateOnly FirstPurchase { get; init; }

    /// <summary>Date of the last purchase.</summary>
    public required DateOnly LastPurchase { get; init; }

    /// <summary>Days from the first purchase to the as-of date.</summary>
    public required int TenureDays { get; init; }

    /// <summary>Days from the first to the last purchase (0 for one-day customers): how long they kept
    /// buying.</summary>
    public required int PurchaseSpanDays { get; init; }

    /// <summary>Distinct calendar months with an order.</summary>
    public required int ActiveMonths { get; init; }

    /// <summary>Orders per month of tenure (tenure counted as at least one month of 30.4375 days).</summary>
    public required double OrdersPerMonth { get; init; }

    /// <summary>Monetary / frequency.</summary>
    public required double AverageOrderValue { get; init; }

    /// <summary>Units (sum of quantity) / frequency.</summary>
    public required double AverageItemsPerOrder { get; init; }

    /// <summary>Mean days between consecutive order dates; null with fewer than 2 orders.</summary>
    public double? MeanDaysBetweenOrders { get; init; }

    /// <summary>Sample standard deviation / mean of the days between orders; null with fewer than 3 orders or a zero
    /// mean.</summary>
    public double? DaysBetweenOrdersVariation { get; init; }

    /// <summary>Value returned: sum of |quantity × unit price| over the customer's lines in the returns
    /// table.</summary>
    public double? ReturnedValue { get; init; }

    /// <summary>Returned value / monetary.</summary>
    public double? ReturnRate { get; init; }

    // Value

    /// <summary>ARPU: monetary per month of tenure (tenure counted as at least one month of 30.4375 days).</summary>
    public required double RevenuePerMonth { get; init; }

    /// <summary>Acquisition channel from the customer table.</summary>
    public string AcquisitionChannel { get; init; } = FeatureValues.Unknown;

    /// <summary>Acquisition cost from the customer table.</summary>
    public double? AcquisitionCost { get; init; }

    /// <summary>Monetary minus acquisition cost.</summary>
    public double? NetValue { get; init; }

    /// <summary>Discounted customer lifetime value over the CLV horizon.</summary>
    public double? Clv { get; init; }

    /// <summary>BG/NBD probability that the customer is still active at the as-of date.</summary>
    public double? ProbabilityAlive { get; init; }

    /// <summary>CLV tier: low, medium or high.</summary>
    public string ClvTier { get; init; } = FeatureValues.Unknown;

    /// <summary>CLV minus acquisition cost.</summary>
    public double? ClvNet { get; init; }

    // Preference

    /// <summary>Share of spend online, of the spend with a known channel.</summary>
    public double? OnlineShare { get; init; }

    /// <summary>Share of spend offline, of the spend with a known channel.</summary>
    public double? OfflineShare { get; init; }

    /// <summary>Share of spend on international brands, of the spend with a known brand origin.</summary>
    public double? InternationalShare { get; init; }

    /// <summary>Share of spend on local brands, of the spend with a known brand origin.</summary>
    public double? LocalShare { get; init; }

    /// <summary>Share of spend on premium products, of the spend with a known price tier.</summary>
    public double? PremiumShare { get; init; }

    /// <summary>Share of spend on mid-range products, of the spend with a known price tier.</summary>
    public double? MidShare { get; init; }

    /// <summary>Share of spend on budget products, of the spend with a known price tier.</summary>
    public double? BudgetShare { get; init; }

    /// <summary>online, offline or omnichannel.</summary>
    public string ChannelPreference { get; init; } = FeatureValues.Unknown;

    /// <summary>international, local or no preference.</summary>
    public string BrandPreference { get; init; } = FeatureValues.Unknown;

    /// <summary>premium, mid or budget.</summary>
    public string PriceTierPreference { get; init; } = FeatureValues.Unknown;

    /// <summary>Category with the largest spend (ties: first name in ordinal order).</summary>
    public string FavouriteCategory { get; init; } = FeatureValues.Unknown;

    // Attributes and geography

    /// <summary>Age in years.</summary>
    public int? Age { get; init; }

    /// <summary>young, middle-aged or senior.</summary>
    public string AgeBand { get; init; } = FeatureValues.Unknown;

    /// <summary>Gender.</summary>
    public string Gender { get; init; } = FeatureValues.Unknown;

    /// <summary>Occupation.</summary>
    public string Occupation { get; init; } = FeatureValues.Unknown;

    /// <summary>Yearly income.</summary>
    public double? Income { get; init; }

    /// <summary>low, middle or high income.</summary>
    public string IncomeBand { get; init; } = FeatureValues.Unknown;

    /// <summary>City (customer table; else the city of most spend in the log).</summary>
    public string City { get; init; } = FeatureValues.Unknown;

    /// <summary>City tier as a label ("1", "2", …).</summary>
    public string CityTier { get; init; } = FeatureValues.Unknown;

    /// <summary>Country of most spend in the log.</summary>
    public string Country { get; init; } = FeatureValues.Unknown;

    /// <summary>Days from the signup date to the as-of date.</summary>
    public int? DaysSinceSignup { get; init; }

    // Survey

    /// <summary>Lifestyle answer.</summary>
    public string Lifestyle { get; init; } = FeatureValues.Unknown;

    /// <summary>Price sensitivity, 1 (low) to 5 (high).</summary>
    public int? PriceSensitivity { get; init; }

    /// <summary>Satisfaction, 1 (low) to 5 (high).</summary>
    public int? Satisfaction { get; init; }

    /// <summary>What drives the choice (price, quality, service).</summary>
    public string PurchaseDriver { get; init; } = FeatureValues.Unknown;

    /// <summary>Extra numeric columns of the customer table, in <see cref="CustomerFeatureSet.ExtraNumericColumns"/>
    /// order.</summary>
    public IReadOnlyList<double?> ExtraNumeric { get; init; } = [];

    /// <summary>Extra non-numeric columns of the customer table, in
    /// <see cref="CustomerFeatureSet.ExtraCategoricalColumns"/> order.</summary>
    public IReadOnlyList<string> ExtraCategorical { get; init; } = [];
}
