using Segmentation.Data.Generation;
using Segmentation.Testing;

namespace Segmentation.Tests.Data.Generation;

public sealed class SampleDataTests
{
    [Fact]
    public void Committed_sample_equals_a_fresh_generation_byte_for_byte()
    {
        var fresh = Samples.Default;

        Assert.Equal(fresh.Transactions, File.ReadAllBytes(TestPaths.Sample(RetailSimulator.TransactionsFile)));
        Assert.Equal(fresh.Customers, File.ReadAllBytes(TestPaths.Sample(RetailSimulator.CustomersFile)));
        Assert.Equal(fresh.Truth, File.ReadAllBytes(TestPaths.Sample(RetailSimulator.TruthFile)));
        Assert.Equal(fresh.Report.ToJson() + "\n", File.ReadAllText(TestPaths.Sample(RetailSimulator.ReportFile)));
    }

    [Fact]
    public void Committed_sample_is_under_ten_megabytes()
    {
        var bytes = Directory.GetFiles(TestPaths.InRepo("data", "sample")).Sum(f => new FileInfo(f).Length);

        Assert.InRange(bytes, 1, 10L * 1024 * 1024);
    }
}
