namespace Segmentation.Data.Generation;

/// <summary>Formats simulated customers into the three CSV files and counts what it writes.</summary>
internal sealed class SimulationWriter
{
    private static readonly byte[][] Categories = Encode(RetailVocabulary.Categories);
    private static readonly byte[][] Tiers = Encode(RetailVocabulary.PriceTiers);
    private static readonly byte[][] Origins = Encode(RetailVocabulary.BrandOrigins);
    private static readonly byte[][] Channels = Encode(RetailVocabulary.Channels);
    private static readonly byte[][] Occupations = Encode(RetailVocabulary.Occupations);
    private static readonly byte[][] Genders = Encode(RetailVocabulary.Genders);
    private static readonly byte[][] Acquisitions = Encode(RetailVocabulary.AcquisitionChannels);
    private static readonly byte[][] Lifestyles = Encode(RetailVocabulary.Lifestyles);
    private static readonly byte[][] Drivers = Encode(RetailVocabulary.PurchaseDrivers);
    private static readonly byte[][] Segments = Encode(PlantedSegments.All.Select(s => s.Label()).ToArray());

    private readonly GeneratorOptions options;
    private readonly ProductCatalog catalog;
    private readonly Utf8CsvWriter transactions,
        customers,
        truth;
    private readonly long lineLimit;
    private readonly int[] segmentCounts = new int[PlantedSegments.All.Count];
    private readonly long[] missingAttributes = new long[CustomerColumns.All.Count];
    private long orders,
        missingCustomerId,
        cancellations,
        duplicates,
        nonPositivePrices,
        outliers;
    private long malformedFieldCount,
        malformedQuantity,
        malformedDate;
    private int customerCount;

    public SimulationWriter(
        GeneratorOptions options,
        ProductCatalog catalog,
        Stream transactions,
        Stream customers,
        Stream truth
    )
    {
        this.options = options;
        this.catalog = catalog;
        this.transactions = new Utf8CsvWriter(transactions);
        this.customers = new Utf8CsvWriter(customers, 1 << 16);
        this.truth = new Utf8CsvWriter(truth, 1 << 16);
        lineLimit = options.Lines ?? long.MaxValue;
        this.transactions.Header(
            options.Layout == TransactionLayout.Workspace ? TransactionColumns.All : RetailSimulator.OnlineRetailColumns
        );
        this.customers.Header(CustomerColumns.All);
        this.truth.Header([CustomerColumns.CustomerId, RetailSimulator.SegmentColumn]);
    }

    /// <summary>Transaction data lines written so far.</summary>
    public long Lines { get; private set; }

    public void Write(SimulatedCustomer customer)
    {
        customerCount++;
        segmentCounts[(int)customer.Segment]++;
        WriteCustomer(customer);
        truth.BeginLine();
        truth.Integer(customer.Id);
        truth.Comma();
        truth.Raw(Segments[(int)customer.Segment]);
        truth.EndLine();

        foreach (var o in customer.Emission)
        {
            var order = customer.Orders[o];
            if (!order.Return && Lines < lineLimit)
                orders++;
            for (var i = order.FirstLine; i < order.FirstLine + order.LineCount; i++)
            {
                var line = customer.Lines[i];
                if (!WriteLine(customer, order, line))
                    return;
                if (line.Fault == LineFault.Duplicate)
                {
                    if (!WriteLine(customer, order, line))
                        return;
                    duplicates++;
                }
            }
        }
    }

    public void Flush()
    {
        transactions.Flush();
        customers.Flush();
        truth.Flush();
    }

    public GenerationReport Report() =>
        new()
        {
            Seed = options.Seed,
            Options = options,
            WindowStart = options.WindowStart,
            WindowEnd = options.WindowEnd,
            Customers = customerCount,
            CustomersBySegment = PlantedSegments.All.ToDictionary(s => s.Label(), s => segmentCounts[(int)s]),
            Orders = orders,
            Lines = Lines,
            Faults = new FaultCounts
            {
                MissingCustomerId = missingCustomerId,
                CancellationLines = cancellations,
                DuplicateLines = duplicates,
                NonPositiveUnitPrice = nonPositivePrices,
                OutlierQuantity = outliers,
                MalformedFieldCount = malformedFieldCount,
                MalformedQuantity = malformedQuantity,
                MalformedDate = malformedDate,
                MissingAttributeValues = missingAttributes.Sum(),
            },
            MissingAttributes = Enumerable
                .Range(2, CustomerColumns.All.Count - 2)
                .ToDictionary(c => CustomerColumns.All[c], c => missingAttributes[c]),
        };

    private void WriteCustomer(SimulatedCustomer c)
    {
        var w = customers;
        w.BeginLine();
        w.Integer(c.Id);
        w.Comma();
        w.IsoDate(c.Signup.Year, c.Signup.Month, c.Signup.Day);
        var column = 2;
        if (Present(c, column++))
            w.Integer(c.Age);
        if (Present(c, column++))
            w.Raw(Genders[c.Gender]);
        if (Present(c, column++))
            w.Raw(Occupations[c.Occupation]);
        if (Present(c, column++))
            w.Integer(c.Income);
        if (Present(c, column++))
            w.Raw(c.City.NameField);
        if (Present(c, column++))
            w.Integer(c.City.Tier);
        if (Present(c, column++))
            w.Raw(Acquisitions[c.Acquisition]);
        if (Present(c, column++))
            w.Cents(c.AcquisitionCostCents);
        if (Present(c, column++))
            w.Raw(Lifestyles[c.Lifestyle]);
        if (Present(c, column++))
            w.Integer(c.PriceSensitivity);
        if (Present(c, column++))
            w.Integer(c.Satisfaction);
        if (Present(c, column))
            w.Raw(Drivers[c.PurchaseDriver]);
        w.EndLine();
    }

    /// <summary>Writes the separator before <paramref name="column"/>; true when its value is to be written, false (and
    /// counted) when missing.</summary>
    private bool Present(SimulatedCustomer c, int column)
    {
        customers.Comma();
        if (!c.IsMissing(column))
            return true;
        missingAttributes[column]++;
        return false;
    }

    /// <summary>Writes one physical line unless the line limit is reached; false when it is.</summary>
    private bool WriteLine(SimulatedCustomer customer, in SimulatedOrder order, in SimulatedLine line)
    {
        if (Lines >= lineLimit)
            return false;
        Lines++;
        switch (line.Fault)
        {
            case LineFault.MalformedFieldCount:
                malformedFieldCount++;
                break;
            case LineFault.MalformedQuantity:
                malformedQuantity++;
                break;
            case LineFault.MalformedDate:
                malformedDate++;
                break;
            default:
                if (order.MissingCustomer)
                    missingCustomerId++;
                if (order.Return)
                    cancellations++;
                if (line.Fault == LineFault.NonPositivePrice)
                    nonPositivePrices++;
                if (line.Fault == LineFault.Outlier)
                    outliers++;
                break;
        }
        transactions.BeginLine();
        if (options.Layout == TransactionLayout.Workspace)
            WriteWorkspaceLine(customer, order, line);
        else
            WriteOnlineRetailLine(customer, order, line);
        transactions.EndLine();
        return true;
    }

    private void WriteWorkspaceLine(SimulatedCustomer customer, in SimulatedOrder order, in SimulatedLine line)
    {
        var w = transactions;
        var product = catalog[line.Product];
        if (!order.MissingCustomer)
            w.Integer(customer.Id);
        w.Comma();
        OrderNumber(order);
        w.Comma();
        var t = order.Timestamp;
        if (line.Fault == LineFault.MalformedDate)
            w.IsoTimestamp(t.Year, 2, 30, t);
        else
            w.IsoTimestamp(t);
        w.Comma();
        w.Raw(product.Code);
        w.Comma();
        w.Raw(Categories[product.Category]);
        w.Comma();
        Quantity(line);
        w.Comma();
        UnitPrice(line);
        w.Comma();
        w.Raw(Channels[order.Online ? 0 : 1]);
        w.Comma();
        w.Raw(Origins[product.Origin]);
        w.Comma();
        w.Raw(Tiers[product.Tier]);
        w.Comma();
        w.Raw(customer.City.CountryField);
        LastField(line, customer.City.NameField);
    }

    private void WriteOnlineRetailLine(SimulatedCustomer customer, in SimulatedOrder order, in SimulatedLine line)
    {
        var w = transactions;
        var product = catalog[line.Product];
        OrderNumber(order);
        w.Comma();
        w.Raw(product.Code);
        w.Comma();
        w.Raw(product.Description);
        w.Comma();
        Quantity(line);
        w.Comma();
        var t = order.Timestamp;
        if (line.Fault == LineFault.MalformedDate)
            w.UsTimestamp(t.Year, 2, 30, t);
        else
            w.UsTimestamp(t);
        w.Comma();
        UnitPrice(line);
        w.Comma();
        if (!order.MissingCustomer)
            w.Integer(customer.Id);
        LastField(line, customer.City.CountryField);
    }

    private void OrderNumber(in SimulatedOrder order)
    {
        if (order.Return)
            transactions.Raw("C"u8);
        transactions.Integer(order.Number);
    }

    private void Quantity(in SimulatedLine line)
    {
        if (line.Fault == LineFault.MalformedQuantity)
            transactions.Raw("abc"u8);
        else
            transactions.Integer(
                line.Fault == LineFault.Outlier ? line.Quantity * CustomerSimulator.OutlierFactor : line.Quantity
            );
    }

    private void UnitPrice(in SimulatedLine line)
    {
        var price =
            line.Fault != LineFault.NonPositivePrice ? line.UnitPriceCents
            : line.Variant == 2 ? -line.UnitPriceCents
            : 0;
        transactions.Cents(price);
    }

    /// <summary>The last field, dropped or followed by an extra one on a field-count fault.</summary>
    private void LastField(in SimulatedLine line, byte[] value)
    {
        if (line.Fault == LineFault.MalformedFieldCount && line.Variant == 0)
            return;
        transactions.Comma();
        transactions.Raw(value);
        if (line.Fault == LineFault.MalformedFieldCount)
            transactions.Raw(",n/a"u8);
    }

    private static byte[][] Encode(IReadOnlyList<string> values) => values.Select(CsvText.Field).ToArray();
}
