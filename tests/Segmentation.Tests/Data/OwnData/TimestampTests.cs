using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Data.OwnData;

public sealed class TimestampTests
{
    private const string Header = "customer_id,order_id,timestamp,quantity,unit_price\n";

    [Theory]
    [InlineData("2024/3/5 14:03")]
    [InlineData("2024-03-05T14:03:00")]
    [InlineData("2024年3月5日 14:03")]
    [InlineData("2024年03月05日 14:03:00")]
    [InlineData("2024-3-5 14:03")]
    public void Dates_as_chinese_systems_and_excel_write_them_are_read_by_both_engines(string text)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("t.csv", Header + $"7,A1,{text},1,2.5\n7,A2,2024-03-01 08:00:00,1,2.5\n");
        using var store = TransactionStore.InMemory();

        var full = TransactionLoader.Load(store, path);
        var timestamps = StoreQueries.Rows(
            store,
            "SELECT CAST(\"timestamp\" AS VARCHAR) FROM clean ORDER BY line_number"
        );
        var streamed = RfmStream.Load(store, path, asOf: new DateOnly(2024, 4, 1));

        Assert.Equal(2, full.Clean);
        Assert.Equal(
            [
                ["2024-03-05 14:03:00"],
                ["2024-03-01 08:00:00"],
            ],
            timestamps
        );
        Assert.Null(streamed.NotStreamedBecause);
        Assert.Equal(27, streamed.Rfm!.Rows.Single().RecencyDays);
    }

    [Fact]
    public void A_timestamp_format_reads_anything_else()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("t.csv", Header + "7,A1,05|03|2024 14h03,1,2.5\n");
        using var store = TransactionStore.InMemory();

        var without = TransactionLoader.Load(store, path);
        var with = TransactionLoader.Load(
            store,
            path,
            options: new CleaningOptions { TimestampFormats = ["%d|%m|%Y %Hh%M"] }
        );

        Assert.Equal((0L, 1L), (without.Clean, with.Clean));
        Assert.Equal(new DateTime(2024, 3, 5, 14, 3, 0), store.Read().Single().Timestamp);
    }

    [Fact]
    public void The_timestamp_format_option_reaches_the_loader()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("t.csv", Header + "7,A1,05|03|2024 14h03,1,2.5\n");

        var (code, output, error) = Cli.SegProcess.Run(
            "clean",
            "--input",
            path,
            "--timestamp-format",
            "%d|%m|%Y %Hh%M",
            "--out",
            Path.Combine(scratch.Path, "out")
        );

        Assert.True(code == 0, error);
        Assert.Contains("1 rows in (mapping workspace) = 1 clean", output, StringComparison.Ordinal);
    }
}
