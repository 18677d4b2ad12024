using Segmentation.Data.Generation;
using Segmentation.Testing;

namespace Segmentation.Tests.Data.Generation;

public sealed class GenerateCommandTests
{
    [Fact]
    public void Generate_writes_the_files_with_the_options_given()
    {
        var directory = Path.Combine(Path.GetTempPath(), "seg-generate-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, _) = Run([
                "generate",
                "--customers",
                "60",
                "--seed",
                "5",
                "--layout",
                "online-retail",
                "--months",
                "18",
                "--out",
                directory,
            ]);

            Assert.Equal(0, code);
            var report = GenerationReport.Read(Path.Combine(directory, RetailSimulator.ReportFile));
            Assert.Equal(
                new GeneratorOptions
                {
                    Customers = 60,
                    Seed = 5,
                    Layout = TransactionLayout.OnlineRetail,
                    Months = 18,
                },
                report.Options
            );
            Assert.Equal(new DateOnly(2024, 7, 1), report.WindowStart);
            Assert.StartsWith(
                "InvoiceNo,",
                File.ReadAllText(Path.Combine(directory, RetailSimulator.TransactionsFile)),
                StringComparison.Ordinal
            );
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("--layout", "parquet", "layout='parquet' must be workspace or online-retail")]
    [InlineData("--start", "2024-02-30", "start='2024-02-30' must be a date yyyy-MM-dd")]
    [InlineData("--months", "6", "months=6 must be in [12, 120]")]
    public void Bad_options_fail_with_one_line_naming_the_option(string option, string value, string message)
    {
        var (code, error) = Run([
            "generate",
            "--customers",
            "10",
            option,
            value,
            "--out",
            Path.Combine(Path.GetTempPath(), "never-written"),
        ]);

        Assert.Equal(2, code);
        Assert.Equal($"seg: {message}", error.TrimEnd());
    }

    private static (int Code, string Error) Run(string[] args)
    {
        var (code, error, _) = SegCommand.Run(args);
        return (code, error);
    }
}
