namespace Segmentation.Data;

/// <summary>The workspace schema of a customer table (one row per customer). Names live here once.</summary>
public static class CustomerColumns
{
    /// <summary>Customer identifier (required).</summary>
    public const string CustomerId = "customer_id";

    /// <summary>Date the customer signed up.</summary>
    public const string SignupDate = "signup_date";

    /// <summary>Age in years.</summary>
    public const string Age = "age";

    /// <summary>Gender.</summary>
    public const string Gender = "gender";

    /// <summary>Occupation (white-collar, blue-collar, student, …).</summary>
    public const string Occupation = "occupation";

    /// <summary>Yearly income.</summary>
    public const string Income = "income";

    /// <summary>City.</summary>
    public const string City = "city";

    /// <summary>City tier (1 = largest cities).</summary>
    public const string CityTier = "city_tier";

    /// <summary>Channel the customer was acquired through.</summary>
    public const string AcquisitionChannel = "acquisition_channel";

    /// <summary>Cost of acquiring the customer.</summary>
    public const string AcquisitionCost = "acquisition_cost";

    /// <summary>Survey: lifestyle answer.</summary>
    public const string Lifestyle = "lifestyle";

    /// <summary>Survey: price sensitivity, 1 (low) to 5 (high).</summary>
    public const string PriceSensitivity = "price_sensitivity";

    /// <summary>Survey: satisfaction, 1 (low) to 5 (high).</summary>
    public const string Satisfaction = "satisfaction";

    /// <summary>Survey: what drives the choice (price, quality, service).</summary>
    public const string PurchaseDriver = "purchase_driver";

    /// <summary>Columns every customer table must provide.</summary>
    public static IReadOnlyList<string> Required { get; } = [CustomerId];

    /// <summary>All known columns in canonical order (others are passed through).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CustomerId,
        SignupDate,
        Age,
        Gender,
        Occupation,
        Income,
        City,
        CityTier,
        AcquisitionChannel,
        AcquisitionCost,
        Lifestyle,
        PriceSensitivity,
        Satisfaction,
        PurchaseDriver,
    ];
}
