using System.Globalization;
using System.Text;
using Segmentation.Data;
using Segmentation.Data.Generation;

namespace Segmentation.Tests.Data.Generation;

public sealed class RetailSimulatorTests
{
    [Fact]
    public void Same_seed_gives_identical_bytes_and_another_seed_differs()
    {
        var options = new GeneratorOptions { Customers = 300, Seed = 7 };
        var first = new GeneratedData(options);
        var again = new GeneratedData(options);
        var other = new GeneratedData(options with { Seed = 8 });

        Assert.Equal(first.Transactions, again.Transactions);
        Assert.Equal(first.Customers, again.Customers);
        Assert.Equal(first.Truth, again.Truth);
        Assert.Equal(first.Report.ToJson(), again.Report.ToJson());
        Assert.NotEqual(first.Transactions, other.Transactions);
        Assert.NotEqual(first.Customers, other.Customers);
    }

    [Fact]
    public void A_customer_does_not_depend_on_how_many_customers_are_generated()
    {
        var small = new GeneratedData(new GeneratorOptions { Customers = 40, Seed = 3 });
        var large = new GeneratedData(new GeneratorOptions { Customers = 80, Seed = 3 });

        var smallCustomers = GeneratedData.DataLines(small.Customers);
        Assert.Equal(smallCustomers, GeneratedData.DataLines(large.Customers)[..40]);
        // Order numbers run on from customer to customer, so the first 40 customers' lines are a prefix.
        var smallLines = GeneratedData.DataLines(small.Transactions);
        Assert.Equal(smallLines, GeneratedData.DataLines(large.Transactions)[..smallLines.Length]);
    }

    [Fact]
    public void Files_have_the_schema_headers_and_are_utf8_without_bom_with_lf_line_ends()
    {
        var data = Samples.Default;

        Assert.Equal(TransactionColumns.All, GeneratedData.Header(data.Transactions));
        Assert.Equal(CustomerColumns.All, GeneratedData.Header(data.Customers));
        Assert.Equal([CustomerColumns.CustomerId, RetailSimulator.SegmentColumn], GeneratedData.Header(data.Truth));
        foreach (var file in new[] { data.Transactions, data.Customers, data.Truth })
        {
            Assert.NotEqual(0xEF, file[0]);
            Assert.DoesNotContain((byte)'\r', file);
            Assert.Equal((byte)'\n', file[^1]);
        }
    }

    [Fact]
    public void Fault_counts_in_the_report_equal_what_the_transaction_file_contains()
    {
        var data = Samples.Default;
        var lines = data.WorkspaceLines().ToList();
        var wellFormed = lines.Where(l => l.WellFormed).ToList();

        var counted = new FaultCounts
        {
            MissingCustomerId = wellFormed.Count(l => l.CustomerId.Length == 0),
            CancellationLines = wellFormed.Count(l => l.OrderId.StartsWith('C')),
            DuplicateLines = lines.Count(l => l.IsDuplicate),
            NonPositiveUnitPrice = wellFormed.Count(l => l.UnitPrice <= 0),
            OutlierQuantity = wellFormed.Count(l => l.Quantity >= 50),
            MalformedFieldCount = lines.Count(l => l.Kind == LineKind.MalformedFieldCount),
            MalformedQuantity = lines.Count(l => l.Kind == LineKind.MalformedQuantity),
            MalformedDate = lines.Count(l => l.Kind == LineKind.MalformedDate),
            MissingAttributeValues = data.Report.Faults.MissingAttributeValues,
        };

        Assert.Equal(data.Report.Faults, counted);
        Assert.Equal(data.Report.Lines, lines.Count);
        Assert.Equal(
            data.Report.Orders,
            lines.Select(l => l.OrderId).Where(id => !id.StartsWith('C')).Distinct().Count()
        );
        // Every kind of fault is present in the sample, near its configured rate.
        var faults = new GeneratorOptions().Faults;
        AssertRate(faults.Cancellation, counted.CancellationLines, lines.Count);
        AssertRate(faults.Duplicate, counted.DuplicateLines, lines.Count);
        AssertRate(faults.NonPositivePrice, counted.NonPositiveUnitPrice, lines.Count);
        AssertRate(faults.Outlier, counted.OutlierQuantity, lines.Count);
        AssertRate(faults.MissingCustomerId, counted.MissingCustomerId, lines.Count);
        AssertRate(faults.Malformed, counted.MalformedLines, lines.Count);
        Assert.True(counted.MalformedFieldCount > 0 && counted.MalformedQuantity > 0 && counted.MalformedDate > 0);
    }

    [Fact]
    public void Returns_are_negative_copies_of_earlier_lines_of_the_same_customer_and_order()
    {
        var lines = Samples.Default.WorkspaceLines().Where(l => l.WellFormed).ToList();
        var sales = lines.Where(l => !l.OrderId.StartsWith('C')).ToLookup(l => (l.OrderId, l.Fields[3]));

        foreach (var line in lines.Where(l => l.OrderId.StartsWith('C')))
        {
            var original = Assert.Single(sales[(line.OrderId[1..], line.Fields[3])].DistinctBy(l => l.Raw));
            Assert.Equal(original.CustomerId, line.CustomerId);
            Assert.InRange(-line.Quantity, 1, original.Quantity);
            Assert.Equal(original.UnitPrice, line.UnitPrice);
            Assert.True(line.Timestamp > original.Timestamp, $"return {line.Raw} precedes {original.Raw}");
        }
    }

    [Fact]
    public void Missing_attribute_counts_equal_the_empty_fields_of_customers_csv()
    {
        var data = Samples.Default;
        var rows = GeneratedData.DataLines(data.Customers).Select(GeneratedData.SplitCsvLine).ToList();

        Assert.All(rows, r => Assert.Equal(CustomerColumns.All.Count, r.Length));
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r[0]) || string.IsNullOrEmpty(r[1])));
        for (var column = 2; column < CustomerColumns.All.Count; column++)
        {
            Assert.Equal(
                data.Report.MissingAttributes[CustomerColumns.All[column]],
                rows.Count(r => r[column].Length == 0)
            );
        }
        Assert.Equal(data.Report.Faults.MissingAttributeValues, rows.Sum(r => r.Count(f => f.Length == 0)));
        AssertRate(new FaultRates().MissingAttribute, data.Report.Faults.MissingAttributeValues, rows.Count * 12);
    }

    [Fact]
    public void Customer_attributes_take_their_documented_values()
    {
        var rows = GeneratedData.DataLines(Samples.Default.Customers).Select(GeneratedData.SplitCsvLine).ToList();

        Assert.All(rows, r =>
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", r[1]);
            AssertOptional(r[2], v => Assert.InRange(int.Parse(v, CultureInfo.InvariantCulture), 18, 80));
            AssertOptional(r[3], v => Assert.Contains(v, RetailVocabulary.Genders));
            AssertOptional(r[4], v => Assert.Contains(v, RetailVocabulary.Occupations));
            AssertOptional(r[5], v => Assert.True(int.Parse(v, CultureInfo.InvariantCulture) > 0));
            AssertOptional(r[7], v => Assert.InRange(int.Parse(v, CultureInfo.InvariantCulture), 1, 4));
            AssertOptional(r[8], v => Assert.Contains(v, RetailVocabulary.AcquisitionChannels));
            AssertOptional(r[9], v => Assert.True(decimal.Parse(v, CultureInfo.InvariantCulture) > 0));
            AssertOptional(r[10], v => Assert.Contains(v, RetailVocabulary.Lifestyles));
            AssertOptional(r[11], v => Assert.InRange(int.Parse(v, CultureInfo.InvariantCulture), 1, 5));
            AssertOptional(r[12], v => Assert.InRange(int.Parse(v, CultureInfo.InvariantCulture), 1, 5));
            AssertOptional(r[13], v => Assert.Contains(v, RetailVocabulary.PurchaseDrivers));
        });
    }

    [Fact]
    public void Every_customer_has_one_row_in_customers_and_truth_and_every_transaction_customer_exists()
    {
        var data = Samples.Default;
        var customers = GeneratedData.DataLines(data.Customers).Select(l => GeneratedData.SplitCsvLine(l)[0]).ToList();
        var truth = data.TruthById();

        Assert.Equal(data.Report.Customers, customers.Count);
        Assert.Equal(customers.Count, customers.Distinct().Count());
        Assert.Equal(customers, truth.Keys);
        var known = customers.ToHashSet();
        var seen = data.WorkspaceLines().Where(l => l.CustomerId.Length > 0).Select(l => l.CustomerId).ToHashSet();
        Assert.Subset(known, seen);
        Assert.True(
            seen.Count >= 0.99 * known.Count,
            $"only {seen.Count} of {known.Count} customers have transactions"
        );
        Assert.Equal(data.Report.CustomersBySegment.Values.Sum(), customers.Count);
        foreach (var (label, count) in data.Report.CustomersBySegment)
            Assert.Equal(count, truth.Values.Count(v => v == label));
    }

    [Fact]
    public void Timestamps_fall_in_the_window_and_signup_precedes_the_first_order()
    {
        var data = Samples.Default;
        var start = data.Report.WindowStart.ToDateTime(TimeOnly.MinValue);
        var end = data.Report.WindowEnd.ToDateTime(TimeOnly.MaxValue);
        var signups = GeneratedData
            .DataLines(data.Customers)
            .Select(GeneratedData.SplitCsvLine)
            .ToDictionary(r => r[0], r => DateOnly.ParseExact(r[1], "yyyy-MM-dd", CultureInfo.InvariantCulture));

        Assert.Equal(new DateOnly(2024, 1, 1), data.Report.WindowStart);
        Assert.Equal(new DateOnly(2025, 12, 31), data.Report.WindowEnd);
        foreach (var line in data.WorkspaceLines().Where(l => l.WellFormed))
        {
            Assert.InRange(line.Timestamp, start, end);
            if (line.CustomerId.Length > 0)
                Assert.True(signups[line.CustomerId] <= DateOnly.FromDateTime(line.Timestamp), line.Raw);
        }
    }

    [Fact]
    public void Clean_options_write_no_faults()
    {
        var data = new GeneratedData(new GeneratorOptions { Customers = 200, Faults = FaultRates.None });
        var lines = data.WorkspaceLines().ToList();

        Assert.Equal(new FaultCounts(), data.Report.Faults);
        Assert.All(lines, l => Assert.True(l.IsUsableSale && l.Quantity is > 0 and < 50, l.Raw));
        Assert.DoesNotContain(",,", Encoding.UTF8.GetString(data.Customers), StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_option_writes_exactly_that_many_lines()
    {
        var data = new GeneratedData(new GeneratorOptions { Lines = 5_000, Seed = 5 });

        Assert.Equal(5_000, data.Report.Lines);
        Assert.Equal(5_000, GeneratedData.DataLines(data.Transactions).Length);
        Assert.Equal(data.Report.Customers, GeneratedData.DataLines(data.Customers).Length);
        var lastCustomer = GeneratedData.SplitCsvLine(GeneratedData.DataLines(data.Customers)[^1])[0];
        Assert.Contains(data.WorkspaceLines(), l => l.Fields[0] == lastCustomer);
    }

    [Fact]
    public void Online_retail_layout_writes_the_same_business_in_the_uci_columns_and_formats()
    {
        var options = new GeneratorOptions { Customers = 400, Seed = 11 };
        var workspace = new GeneratedData(options);
        var retail = new GeneratedData(options with { Layout = TransactionLayout.OnlineRetail });

        Assert.Equal(RetailSimulator.OnlineRetailColumns, GeneratedData.Header(retail.Transactions));
        Assert.Equal(workspace.Report.Faults, retail.Report.Faults);
        Assert.Equal(workspace.Customers, retail.Customers);
        var pairs = workspace
            .WorkspaceLines()
            .Zip(GeneratedData.DataLines(retail.Transactions).Select(GeneratedData.SplitCsvLine))
            .ToList();
        Assert.Equal(workspace.Report.Lines, pairs.Count);
        foreach (var (w, r) in pairs.Where(p => p.First.WellFormed))
        {
            Assert.Equal(8, r.Length);
            Assert.Equal(w.OrderId, r[0]);
            Assert.Equal(w.Fields[3], r[1]);
            Assert.Equal(w.Fields[5], r[3]);
            var invoiceDate = DateTime.ParseExact(r[4], "M/d/yyyy H:mm", CultureInfo.InvariantCulture);
            Assert.Equal(w.Timestamp.AddSeconds(-w.Timestamp.Second), invoiceDate);
            Assert.Equal(w.Fields[6], r[5]);
            Assert.Equal(w.CustomerId, r[6]);
            Assert.Equal(w.Fields[10], r[7]);
        }
        var cancellation = pairs.First(p => p.First.WellFormed && p.First.OrderId.StartsWith('C')).Second;
        Assert.StartsWith("-", cancellation[3], StringComparison.Ordinal);
        // Descriptions holding commas or quotes are quoted (RFC 4180) and read back whole.
        var descriptions = pairs.Where(p => p.First.WellFormed).Select(p => p.Second[2]).ToHashSet();
        Assert.Contains(descriptions, d => d.EndsWith("SOCKS, PACK OF 3", StringComparison.Ordinal));
        Assert.Contains(descriptions, d => d.EndsWith("10\" TABLET STAND", StringComparison.Ordinal));
    }

    [Fact]
    public void Writing_to_a_directory_writes_the_four_files_and_the_report_as_json()
    {
        var directory = Path.Combine(Path.GetTempPath(), "seg-generate-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new GeneratorOptions
            {
                Customers = 100,
                Seed = 9,
                Months = 12,
                Start = new DateOnly(2023, 4, 1),
            };
            var report = RetailSimulator.Write(options, directory);
            var inMemory = new GeneratedData(options);

            Assert.Equal(
                inMemory.Transactions,
                File.ReadAllBytes(Path.Combine(directory, RetailSimulator.TransactionsFile))
            );
            Assert.Equal(inMemory.Customers, File.ReadAllBytes(Path.Combine(directory, RetailSimulator.CustomersFile)));
            Assert.Equal(inMemory.Truth, File.ReadAllBytes(Path.Combine(directory, RetailSimulator.TruthFile)));
            var json = File.ReadAllText(Path.Combine(directory, RetailSimulator.ReportFile));
            Assert.Equal(report.ToJson() + "\n", json);
            var read = GenerationReport.Read(Path.Combine(directory, RetailSimulator.ReportFile));
            Assert.Equal(report.ToJson(), read.ToJson());
            Assert.Equal(options, read.Options);
            Assert.Equal(new DateOnly(2024, 3, 31), read.WindowEnd);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void AssertRate(double rate, long count, long total)
    {
        var expected = rate * total;
        var tolerance = 5 * Math.Sqrt(expected) + 2;
        Assert.InRange(count, Math.Max(1, expected - tolerance), expected + tolerance);
    }

    private static void AssertOptional(string value, Action<string> check)
    {
        if (value.Length > 0)
            check(value);
    }
}
