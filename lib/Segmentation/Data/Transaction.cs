namespace Segmentation.Data;

/// <summary>One order line in the workspace schema. Optional fields are null when the export lacks them.</summary>
/// <param name="CustomerId">Customer identifier.</param>
/// <param name="OrderId">Order (invoice) identifier.</param>
/// <param name="Timestamp">When the order was placed.</param>
/// <param name="Quantity">Units on the line (negative for returns).</param>
/// <param name="UnitPrice">Price per unit.</param>
public sealed record Transaction(
    string CustomerId,
    string OrderId,
    DateTime Timestamp,
    decimal Quantity,
    decimal UnitPrice
)
{
    /// <summary>Product identifier.</summary>
    public string? ProductId { get; init; }

    /// <summary>Product category.</summary>
    public string? Category { get; init; }

    /// <summary>online or offline.</summary>
    public string? Channel { get; init; }

    /// <summary>international or local.</summary>
    public string? BrandOrigin { get; init; }

    /// <summary>premium, mid or budget.</summary>
    public string? PriceTier { get; init; }

    /// <summary>Country.</summary>
    public string? Country { get; init; }

    /// <summary>City.</summary>
    public string? City { get; init; }

    /// <summary>1-based line number in the source file (0 when the row did not come from a file).</summary>
    public long LineNumber { get; init; }

    /// <summary>True when cleaning flagged the line as an outlier (it is kept).</summary>
    public bool IsOutlier { get; init; }

    /// <summary>Quantity × unit price.</summary>
    public decimal Amount => Quantity * UnitPrice;
}
