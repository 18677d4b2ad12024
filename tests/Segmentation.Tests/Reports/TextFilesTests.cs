using Segmentation.Reports;
using Segmentation.Testing;

namespace Segmentation.Tests.Reports;

public sealed class TextFilesTests
{
    [Fact]
    public void A_written_file_is_utf8_without_a_byte_order_mark_with_newline_line_ends()
    {
        using var temp = new TempDirectory();

        var path = TextFiles.Write(temp.Path, "a.csv", w =>
        {
            w.WriteLine("名前,x");
            w.Write("b,1\n");
        });

        Assert.Equal(temp.File("a.csv"), path);
        Assert.Equal("名前,x\nb,1\n"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Text_is_written_as_given_without_a_byte_order_mark()
    {
        using var temp = new TempDirectory();

        var path = TextFiles.Write(temp.Path, "a.json", "{\"é\": 1}\n");

        Assert.Equal("{\"é\": 1}\n"u8.ToArray(), File.ReadAllBytes(path));
    }
}
