using System.Text.Json;
using Segmentation.Reports;
using Segmentation.Tests.Value;
using Segmentation.Value;

namespace Segmentation.Tests.Reports;

public sealed class ClvReportTests
{
    private static ClvResult Result() =>
        new(
            TimeUnit.Week,
            new DateTime(2011, 1, 31),
            12,
            0.01,
            BetaGeometricNbdTests.ModelWith(new BgNbdParameters(0.243, 4.414, 0.793, 2.426)) with
            {
                LogLikelihood = -9582.43,
            },
            GammaGammaTests.ModelWith(new GammaGammaParameters(6.25, 3.74, 15.45)) with
            {
                LogLikelihood = -4055.92,
            },
            [
                new CustomerValue("b", 0, 0, 2.5, 0, 1, 0.25, 35.17, 8.123456789),
                new CustomerValue("a,1", 2, 1.5, 3, 9, 0.5, 1.0 / 3.0, 12, 4),
            ]
        );

    [Fact]
    public void Csv_has_the_fixed_header_rows_sorted_by_customer_and_six_decimals()
    {
        var csv = ClvReport.Csv(Result().Customers);

        Assert.Equal(
            "customer_id,frequency,recency,T,monetary,p_alive,expected_purchases,clv\n"
                + "\"a,1\",2,1.500000,3.000000,9.000000,0.500000,0.333333,4.000000\n"
                + "b,0,0.000000,2.500000,0.000000,1.000000,0.250000,8.123457\n",
            csv
        );
    }

    [Fact]
    public void Model_json_names_parameters_as_in_the_literature_with_each_log_likelihood()
    {
        using var document = JsonDocument.Parse(ClvReport.ModelJson(Result()));
        var root = document.RootElement;

        Assert.Equal("Week", root.GetProperty("unit").GetString());
        Assert.Equal("2011-01-31", root.GetProperty("calibration_end").GetString());
        Assert.Equal(2, root.GetProperty("customers").GetInt32());
        var bgNbd = root.GetProperty("bg_nbd");
        Assert.Equal(0.243, bgNbd.GetProperty("parameters").GetProperty("r").GetDouble());
        Assert.Equal(4.414, bgNbd.GetProperty("parameters").GetProperty("alpha").GetDouble());
        Assert.Equal(0.793, bgNbd.GetProperty("parameters").GetProperty("a").GetDouble());
        Assert.Equal(2.426, bgNbd.GetProperty("parameters").GetProperty("b").GetDouble());
        Assert.Equal(-9582.43, bgNbd.GetProperty("log_likelihood").GetDouble());
        var gammaGamma = root.GetProperty("gamma_gamma");
        Assert.Equal(6.25, gammaGamma.GetProperty("parameters").GetProperty("p").GetDouble());
        Assert.Equal(3.74, gammaGamma.GetProperty("parameters").GetProperty("q").GetDouble());
        Assert.Equal(15.45, gammaGamma.GetProperty("parameters").GetProperty("gamma").GetDouble());
        Assert.Equal(-4055.92, gammaGamma.GetProperty("log_likelihood").GetDouble());
    }

    [Fact]
    public void Write_creates_both_files_with_identical_bytes_on_every_run()
    {
        var root = Path.Combine(Path.GetTempPath(), "clv-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var first = ClvReport.Write(Path.Combine(root, "one"), Result());
            var second = ClvReport.Write(Path.Combine(root, "two"), Result());

            Assert.Equal([ClvReport.CustomersFileName, ClvReport.ModelFileName], first.Select(Path.GetFileName));
            Assert.Equal(File.ReadAllBytes(first[0]), File.ReadAllBytes(second[0]));
            Assert.Equal(File.ReadAllBytes(first[1]), File.ReadAllBytes(second[1]));
            Assert.Equal(ClvReport.Csv(Result().Customers), File.ReadAllText(first[0]));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
