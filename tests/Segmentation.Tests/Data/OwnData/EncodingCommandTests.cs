using System.Text;
using Segmentation.Testing;
using Segmentation.Tests.Cli;

namespace Segmentation.Tests.Data.OwnData;

/// <summary>The sample written as GB18030 with Chinese headers and as UTF-16 reads back to the same rfm.csv; bad bytes
/// are never accepted silently.</summary>
public sealed class EncodingCommandTests : IDisposable
{
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;
    private readonly string directory = Directory.CreateTempSubdirectory("seg-encoding-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string Rfm(string name, params string[] args)
    {
        var output = Path.Combine(directory, name);
        var (code, _, error) = SegProcess.Run(["rfm", .. args, "--as-of", "2026-01-01", "--out", output]);
        Assert.True(code == 0, error);
        return File.ReadAllText(Path.Combine(output, "rfm.csv"));
    }

    [Fact]
    public void A_gb18030_file_with_chinese_headers_and_a_utf16_file_give_the_original_rfm()
    {
        var original = Rfm("original", "--input", OwnDataFixtures.SampleTransactions);
        var gb = OwnDataFixtures.Write(directory, "gb.csv", OwnDataFixtures.ChineseText(), Gb18030);
        var utf16 = OwnDataFixtures.Write(
            directory,
            "utf16.csv",
            File.ReadAllText(OwnDataFixtures.SampleTransactions),
            new UnicodeEncoding(false, true),
            preamble: true
        );

        Assert.Equal(original, Rfm("gb", "--input", gb, "--encoding", "gb18030", "--map", OwnDataFixtures.ChineseMap));
        Assert.Equal(original, Rfm("utf16", "--input", utf16));
    }

    [Fact]
    public void The_own_data_example_is_the_head_of_the_sample_with_chinese_headers_in_gb18030()
    {
        var lines = OwnDataFixtures.ChineseText().Split('\n');
        var expected = Gb18030.GetBytes(string.Join("\n", lines.Take(501)) + "\n");

        Assert.Equal(expected, File.ReadAllBytes(TestPaths.InRepo("data", "own-data", "会员订单-gb18030.csv")));
    }

    [Fact]
    public void A_gb18030_file_read_as_utf8_is_a_one_line_error_suggesting_the_encoding()
    {
        var gb = OwnDataFixtures.Write(directory, "gb.csv", OwnDataFixtures.ChineseText(), Gb18030);

        var (code, _, error) = SegProcess.Run(
            "rfm",
            "--input",
            gb,
            "--map",
            OwnDataFixtures.ChineseMap,
            "--out",
            Path.Combine(directory, "out")
        );

        Assert.Equal(2, code);
        Assert.Equal(
            $"seg: {gb}: line 1 is not valid UTF-8; files saved by Excel in China are usually GB18030: try "
                + "--encoding gb18030",
            error.TrimEnd()
        );
    }

    [Fact]
    public void Bytes_not_valid_in_gb18030_are_quarantined_with_their_reason_and_the_counts_add_up()
    {
        var good = Gb18030.GetBytes("会员ID,订单号,下单时间,数量,单价,备注\n1,A1,2024-01-02 10:00:00,1,2.5,好\n");
        byte[] bad = [.. Encoding.ASCII.GetBytes("2,A2,2024-01-02 10:00:00,1,2.5,"), 0x81, 0x20, (byte)'\n'];
        var path = Path.Combine(directory, "bad.csv");
        File.WriteAllBytes(path, [.. good, .. bad, .. Gb18030.GetBytes("3,A3,2024-01-03 10:00:00,1,2.5,好\n")]);
        var output = Path.Combine(directory, "out");

        var (code, stdout, error) = SegProcess.Run(
            "clean",
            "--input",
            path,
            "--encoding",
            "gb18030",
            "--map",
            "customer_id=会员ID,order_id=订单号,timestamp=下单时间,quantity=数量,unit_price=单价",
            "--out",
            output
        );

        Assert.True(code == 0, error);
        Assert.Contains(
            "3 rows in (mapping custom) = 2 clean + 0 returns + 1 quarantined",
            stdout,
            StringComparison.Ordinal
        );
        Assert.Contains("line 3 is not valid GB18030 (quarantined)", error, StringComparison.Ordinal);
        var quarantine = File.ReadAllLines(Path.Combine(output, "quarantine.csv"));
        Assert.StartsWith(
            "transactions,3,unparseable,invalid encoding: the line is not valid GB18030",
            quarantine[1],
            StringComparison.Ordinal
        );
        Assert.Contains(
            "\"invalid_encoding_lines\": 1",
            File.ReadAllText(Path.Combine(output, "quality.json")),
            StringComparison.Ordinal
        );
    }
}
