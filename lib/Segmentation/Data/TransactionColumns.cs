namespace Segmentation.Data;

/// <summary>
/// The workspace schema of a transaction log (one row per order line). Column names that must be
/// strings (SQL, CSV headers, ML.NET) live here and nowhere else.
/// </summary>
public static class TransactionColumns
{
    /// <summary>Customer identifier (required).</summary>
    public const string CustomerId = "customer_id";

    /// <summary>Order (invoice) identifier (required).</summary>
    public const string OrderId = "order_id";

    /// <summary>Order timestamp (required).</summary>
    public const string Timestamp = "timestamp";

    /// <summary>Product identifier (optional).</summary>
    public const string ProductId = "product_id";

    /// <summary>Product category (optional).</summary>
    public const string Category = "category";

    /// <summary>Quantity of the line (required; negative on returns).</summary>
    public const string Quantity = "quantity";

    /// <summary>Unit price (required).</summary>
    public const string UnitPrice = "unit_price";

    /// <summary>Sales channel: online or offline (optional).</summary>
    public const string Channel = "channel";

    /// <summary>Brand origin: international or local (optional).</summary>
    public const string BrandOrigin = "brand_origin";

    /// <summary>Price tier: premium, mid or budget (optional).</summary>
    public const string PriceTier = "price_tier";

    /// <summary>Country (optional).</summary>
    public const string Country = "country";

    /// <summary>City (optional).</summary>
    public const string City = "city";

    /// <summary>
    /// Role only (no column of the clean table): the line's money value, for exports without a unit price. Mapped, it
    /// replaces <see cref="UnitPrice"/>: with a quantity the unit price is amount ÷ quantity, without one the quantity
    /// is 1 (−1 for a negative amount) and the unit price the absolute amount.
    /// </summary>
    public const string Amount = "amount";

    /// <summary>Added by loading: the 1-based line number of the row in its source file.</summary>
    public const string LineNumber = "line_number";

    /// <summary>Added by cleaning: true when the line is a flagged (not dropped) outlier.</summary>
    public const string IsOutlier = "is_outlier";

    /// <summary>Columns every transaction export must provide (after mapping).</summary>
    public static IReadOnlyList<string> Required { get; } = [CustomerId, OrderId, Timestamp, Quantity, UnitPrice];

    /// <summary>Columns a transaction export may provide (after mapping).</summary>
    public static IReadOnlyList<string> Optional { get; } =
    [ProductId, Category, Channel, BrandOrigin, PriceTier, Country, City];

    /// <summary>All schema columns in their canonical order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        CustomerId,
        OrderId,
        Timestamp,
        ProductId,
        Category,
        Quantity,
        UnitPrice,
        Channel,
        BrandOrigin,
        PriceTier,
        Country,
        City,
    ];

    /// <summary>Every role a mapping can name: the schema columns, then <see cref="Amount"/>.</summary>
    public static IReadOnlyList<string> Roles { get; } = [.. All, Amount];
}
