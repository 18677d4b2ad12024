using System.Text;

namespace Segmentation.Data.Generation;

/// <summary>
/// A deterministic simulator of a retail business whose customers belong to planted segments
/// (<see cref="PlantedSegment"/>). It writes transactions.csv, customers.csv, truth.csv and
/// generation.json, streaming customer by customer (memory stays flat at any size), with faults
/// injected at the rates of <see cref="FaultRates"/> and counted in the report.
/// Same options (seed included) give identical bytes.
/// </summary>
public static class RetailSimulator
{
    /// <summary>Order lines, in the layout of <see cref="GeneratorOptions.Layout"/>.</summary>
    public const string TransactionsFile = "transactions.csv";

    /// <summary>One row per customer: <see cref="CustomerColumns.All"/>.</summary>
    public const string CustomersFile = "customers.csv";

    /// <summary>The planted segment of every customer: customer_id,segment.</summary>
    public const string TruthFile = "truth.csv";

    /// <summary>The <see cref="GenerationReport"/> as JSON.</summary>
    public const string ReportFile = "generation.json";

    /// <summary>The planted segment's column in truth.csv (labels from <see cref="PlantedSegments.Label"/>).</summary>
    public const string SegmentColumn = "segment";

    /// <summary>The UCI Online Retail columns, in order.</summary>
    public static IReadOnlyList<string> OnlineRetailColumns { get; } =
    ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];

    /// <summary>Writes the four files into <paramref name="directory"/> (created if missing; files replaced).</summary>
    public static GenerationReport Write(GeneratorOptions options, string directory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Directory.CreateDirectory(directory);
        GenerationReport report;
        using (var transactions = Create(Path.Combine(directory, TransactionsFile)))
        using (var customers = Create(Path.Combine(directory, CustomersFile)))
        using (var truth = Create(Path.Combine(directory, TruthFile)))
        {
            report = Write(options, transactions, customers, truth);
        }
        File.WriteAllText(Path.Combine(directory, ReportFile), report.ToJson() + "\n", new UTF8Encoding(false));
        return report;
    }

    /// <summary>Writes transactions, customers and truth to streams (left open); returns the report.</summary>
    public static GenerationReport Write(GeneratorOptions options, Stream transactions, Stream customers, Stream truth)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(truth);
        options.Validate();

        var catalog = new ProductCatalog(options.Seed);
        var simulator = new CustomerSimulator(options, catalog);
        var output = new SimulationWriter(options, catalog, transactions, customers, truth);
        var customer = new SimulatedCustomer();
        var nextOrderNumber = CustomerSimulator.FirstOrderNumber;
        for (
            var index = 0;
            index < (options.Customers ?? int.MaxValue) && output.Lines < (options.Lines ?? long.MaxValue);
            index++
        )
        {
            simulator.Simulate(index, customer, ref nextOrderNumber);
            output.Write(customer);
        }
        output.Flush();
        return output.Report();
    }

    private static FileStream Create(string path) =>
        new(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.SequentialScan);
}
