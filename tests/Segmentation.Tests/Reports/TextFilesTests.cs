using Segmentation.Reports;

namespace Segmentation.Tests.Reports;

public sealed class TextFilesTests
{
    [Fact]
    public void A_written_file_is_utf8_without_a_byte_order_mark_with_newline_line_ends()
    {
        var directory = Directory.CreateTempSubdirectory("text-files-").FullName;
        try
        {
            var path = TextFiles.Write(directory, "a.csv", w =>
            {
                w.WriteLine("名前,x");
                w.Write("b,1\n");
            });

            Assert.Equal(Path.Combine(directory, "a.csv"), path);
            Assert.Equal("名前,x\nb,1\n"u8.ToArray(), File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Text_is_written_as_given_without_a_byte_order_mark()
    {
        var directory = Directory.CreateTempSubdirectory("text-files-").FullName;
        try
        {
            var path = TextFiles.Write(directory, "a.json", "{\"é\": 1}\n");

            Assert.Equal("{\"é\": 1}\n"u8.ToArray(), File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
