using System.Text;
using Segmentation.Tests.Cli;

namespace Segmentation.Tests.Data.OwnData;

/// <summary>--map and --map-file on the commands, as a new user meets them: own headers, one-line errors, exit code
/// 2.</summary>
public sealed class ColumnMapCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("seg-map-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Chinese() =>
        OwnDataFixtures.Write(directory, "会员订单.csv", OwnDataFixtures.ChineseText(), new UTF8Encoding(false));

    private string Rfm(string name, params string[] args)
    {
        var output = Path.Combine(directory, name);
        var (code, _, error) = SegProcess.Run(["rfm", .. args, "--as-of", "2026-01-01", "--out", output]);
        Assert.True(code == 0, error);
        return File.ReadAllText(Path.Combine(output, "rfm.csv"));
    }

    private static void AssertOneLineError((int Code, string Output, string Error) run, string expected)
    {
        Assert.Equal(2, run.Code);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_headers_with_a_map_give_the_same_rfm_as_the_original_file()
    {
        var original = Rfm("original", "--input", OwnDataFixtures.SampleTransactions);
        var mapped = Rfm("mapped", "--input", Chinese(), "--map", OwnDataFixtures.ChineseMap);

        Assert.Equal(original, mapped);
    }

    [Fact]
    public void A_map_naming_only_the_required_roles_gives_the_same_rfm_as_duplicates_compare_every_column()
    {
        var original = Rfm("original", "--input", OwnDataFixtures.SampleTransactions);
        var mapped = Rfm(
            "mapped",
            "--input",
            Chinese(),
            "--map",
            "customer_id=会员ID,order_id=订单号,timestamp=下单时间,quantity=数量,unit_price=单价"
        );

        Assert.Equal(original, mapped);
    }

    [Fact]
    public void A_map_file_reads_the_same_columns_as_the_map_option()
    {
        var mapFile = Path.Combine(directory, "map.json");
        var pairs = OwnDataFixtures
            .ChineseMap.Split(',')
            .Select(p => p.Split('='))
            .Select(p => $"\"{p[0]}\": \"{p[1]}\"");
        File.WriteAllText(mapFile, "{" + string.Join(", ", pairs) + "}");

        var original = Rfm("original", "--input", OwnDataFixtures.SampleTransactions);
        var mapped = Rfm("mapped", "--input", Chinese(), "--map-file", mapFile);

        Assert.Equal(original, mapped);
    }

    [Fact]
    public void Without_a_map_the_error_lists_the_missing_roles_the_headers_and_a_suggested_map()
    {
        var path = Chinese();
        var run = SegProcess.Run("rfm", "--input", path, "--out", Path.Combine(directory, "out"));

        AssertOneLineError(run, "missing roles customer_id, order_id, timestamp, quantity, unit_price");
        Assert.Contains(
            "found '会员ID, 订单号, 下单时间, 商品编号, 品类, 数量, 单价, 渠道, 品牌来源, 价格档次, 国家, 城市'",
            run.Error,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "try --map customer_id=会员ID,order_id=订单号,timestamp=下单时间,quantity=数量,unit_price=单价",
            run.Error,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData(
        "clean",
        "customer_id=客户ID,order_id=订单号",
        "map: column '客户ID' for role customer_id is not in the header; columns: 会员ID, 订单号, 下单时间"
    )]
    [InlineData(
        "features",
        "customer_id=会员ID,customer_id=订单号",
        "seg: map: role 'customer_id' is mapped twice (to '会员ID' and '订单号'); map each role once"
    )]
    [InlineData(
        "segment",
        "member=会员ID",
        "seg: map: 'member' is not a role; roles: customer_id, order_id, timestamp, product_id, category, "
            + "quantity, unit_price, channel, brand_origin, price_tier, country, city, amount"
    )]
    public void A_wrong_map_is_a_one_line_error_listing_what_is_available(
        string command,
        string map,
        string expected
    ) =>
        AssertOneLineError(
            SegProcess.Run(command, "--input", Chinese(), "--map", map, "--out", Path.Combine(directory, "out")),
            expected
        );

    [Fact]
    public void A_role_in_both_the_map_and_the_map_file_is_mapped_twice()
    {
        var mapFile = Path.Combine(directory, "map.json");
        File.WriteAllText(mapFile, """{"customer_id": "会员ID"}""");
        var run = SegProcess.Run(
            "clv",
            "--input",
            Chinese(),
            "--map-file",
            mapFile,
            "--map",
            "customer_id=会员ID",
            "--calibration-end",
            "2025-06-30",
            "--out",
            Path.Combine(directory, "out")
        );

        AssertOneLineError(run, "role 'customer_id' is mapped twice");
    }

    [Theory]
    [InlineData(
        "会员ID,订单号,下单时间,数量,单价,会员ID\n1,A1,2024-01-02 10:00:00,1,2.5,1\n",
        "",
        "column '会员ID' (role customer_id) appears twice in the header, as columns 1 and 6"
    )]
    [InlineData(
        "会员ID,订单号,下单时间,数量,单价,实付金额\n1,A1,2024-01-02 10:00:00,2,2.5,5\n",
        ",amount=实付金额",
        "map: both amount ('实付金额') and unit_price ('单价') are mapped"
    )]
    public void A_header_the_map_cannot_read_unambiguously_is_a_one_line_error(
        string content,
        string extraMap,
        string expected
    )
    {
        var path = Path.Combine(directory, "own.csv");
        File.WriteAllText(path, content);
        AssertOneLineError(
            SegProcess.Run(
                "clean",
                "--input",
                path,
                "--map",
                "customer_id=会员ID,order_id=订单号,timestamp=下单时间,quantity=数量,unit_price=单价" + extraMap,
                "--out",
                Path.Combine(directory, "out")
            ),
            expected
        );
    }
}
