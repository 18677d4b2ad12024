namespace Segmentation.Data.Generation;

/// <summary>How a simulated order line is written.</summary>
internal enum LineFault : byte
{
    None,

    /// <summary>Written normally; a return line follows in the matching C order.</summary>
    Returned,
    Duplicate,
    NonPositivePrice,
    Outlier,
    MalformedFieldCount,
    MalformedQuantity,
    MalformedDate,
}

internal struct SimulatedOrder
{
    public DateTime Timestamp;
    public long Number;
    public bool Online;
    public bool Return;
    public bool MissingCustomer;
    public int FirstLine;
    public int LineCount;
}

internal struct SimulatedLine
{
    public int Product;
    public int Quantity;
    public long UnitPriceCents;
    public LineFault Fault;

    /// <summary>Which form of the fault: zero or negative price; fewer or more fields.</summary>
    public byte Variant;
}

/// <summary>One simulated customer: attributes, and order history in buffers reused from customer to
/// customer.</summary>
internal sealed class SimulatedCustomer
{
    public int Index;
    public long Id;
    public PlantedSegment Segment;
    public DateOnly Signup;
    public int Age;
    public int Gender;
    public int Occupation;
    public long Income;
    public City City = Geography.Domestic[0];
    public int Acquisition;
    public long AcquisitionCostCents;
    public int Lifestyle;
    public int PriceSensitivity;
    public int Satisfaction;
    public int PurchaseDriver;

    /// <summary>Bit i set: column i of <see cref="CustomerColumns.All"/> is written empty.</summary>
    public int MissingColumns;

    public List<SimulatedOrder> Orders { get; } = new();
    public List<SimulatedLine> Lines { get; } = new();

    /// <summary>Indices into <see cref="Orders"/> in the order they are written (by timestamp).</summary>
    public List<int> Emission { get; } = new();

    public bool IsMissing(int column) => (MissingColumns & (1 << column)) != 0;

    public void Clear()
    {
        Orders.Clear();
        Lines.Clear();
        Emission.Clear();
        MissingColumns = 0;
    }
}
