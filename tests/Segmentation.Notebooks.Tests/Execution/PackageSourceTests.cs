using System.IO.Compression;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;
using Segmentation.Testing;

namespace Segmentation.Notebooks.Tests.Execution;

public sealed class PackageSourceTests
{
    [Theory]
    [InlineData("[1.0,2.0)", "1")]
    [InlineData("1.*", "1")]
    [InlineData("*-*", "2")]
    public async Task A_local_folder_added_with_i_serves_r_nuget_with_a_version_range(string range, string major)
    {
        // A package id of its own: restores land in the machine's global packages folder, and an assembly name loaded
        // once stays loaded in this process.
        var id = "SegLocal" + Guid.NewGuid().ToString("N");
        using var temp = new TempDirectory();
        var feed = Directory.CreateDirectory(temp.File("feed")).FullName;
        WritePackage(
            feed,
            id,
            "1.2.0",
            $"namespace {id} {{ public static class Answer {{ public static int Major => 1; }} }}"
        );
        WritePackage(
            feed,
            id,
            "2.0.0-beta",
            $"namespace {id} {{ public static class Answer {{ public static int Major => 2; }} }}"
        );
        using var session = new NotebookSession(
            new NotebookSessionOptions { BaseDirectory = temp.Path, CacheDirectory = temp.File("cache") }
        );

        try
        {
            var result = await session.ExecuteAsync(
                $"#i \"nuget: feed\"\n#r \"nuget: {id}, {range}\"\n{id}.Answer.Major"
            );

            Assert.Equal(major, Cells.SucceededWith<ExecuteResultOutput>(result).PlainText);
        }
        finally
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
                ? custom
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            if (Directory.Exists(Path.Combine(packages, id.ToLowerInvariant())))
                Directory.Delete(Path.Combine(packages, id.ToLowerInvariant()), recursive: true);
        }
    }

    /// <summary>A .nupkg with one library compiled from <paramref name="source"/> (lib/net10.0).</summary>
    private static void WritePackage(string feed, string id, string version, string source)
    {
        using var dll = new MemoryStream();
        TinyLibrary.Compile(id, source, dll);

        using var archive = ZipFile.Open(
            Path.Combine(feed, $"{id.ToLowerInvariant()}.{version}.nupkg"),
            ZipArchiveMode.Create
        );
        using (var writer = new StreamWriter(archive.CreateEntry($"{id}.nuspec").Open()))
        {
            var metadata =
                $"<metadata><id>{id}</id><version>{version}</version>"
                + "<authors>tests</authors><description>test package</description></metadata>";
            writer.Write(
                $"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  {metadata}
                </package>
                """
            );
        }
        using var entry = archive.CreateEntry($"lib/net10.0/{id}.dll").Open();
        dll.Position = 0;
        dll.CopyTo(entry);
    }
}
