using System.Text;
using Segmentation.Testing;

namespace Segmentation.Tests.Data.OwnData;

/// <summary>
/// The bundled sample's transaction log re-written as an analyst's own export would come (Chinese headers, other
/// encodings, Excel), with the --map that reads each back. Built by the tests themselves from data/sample.
/// </summary>
internal static class OwnDataFixtures
{
    /// <summary>The sample transaction log.</summary>
    public static string SampleTransactions => TestPaths.Sample("transactions.csv");

    /// <summary>Chinese headers for the sample's columns, in its column order.</summary>
    public static readonly string[] ChineseHeader =
    [
        "会员ID",
        "订单号",
        "下单时间",
        "商品编号",
        "品类",
        "数量",
        "单价",
        "渠道",
        "品牌来源",
        "价格档次",
        "国家",
        "城市",
    ];

    /// <summary>The --map that reads <see cref="ChineseHeader"/> (every role named).</summary>
    public const string ChineseMap =
        "customer_id=会员ID,order_id=订单号,timestamp=下单时间,product_id=商品编号,category=品类,quantity=数量,unit_price=单价,"
        + "channel=渠道,brand_origin=品牌来源,price_tier=价格档次,country=国家,city=城市";

    /// <summary>The sample's text with its header line replaced by <see cref="ChineseHeader"/>.</summary>
    public static string ChineseText()
    {
        var text = File.ReadAllText(SampleTransactions, Encoding.UTF8);
        var firstBreak = text.IndexOf('\n', StringComparison.Ordinal);
        return string.Join(",", ChineseHeader) + text[firstBreak..];
    }

    /// <summary>Writes <paramref name="text"/> in <paramref name="encoding"/> (with its preamble when
    /// <paramref name="preamble"/>).</summary>
    public static string Write(string directory, string name, string text, Encoding encoding, bool preamble = false)
    {
        var path = Path.Combine(directory, name);
        using var stream = File.Create(path);
        if (preamble)
            stream.Write(encoding.GetPreamble());
        var bytes = encoding.GetBytes(text);
        stream.Write(bytes);
        return path;
    }
}
