using System.IO.Compression;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Tests.Execution;

public sealed class PackageSourceTests
{
    [Fact]
    public async Task A_local_folder_added_with_i_serves_a_package_to_r_nuget_with_a_version_range()
    {
        using var temp = new TempDirectory();
        var feed = Directory.CreateDirectory(temp.File("feed")).FullName;
        WritePackage(feed, "Seg.LocalOnly", "1.2.0", "namespace Seg.LocalOnly { public static class Answer { public static int Value => 42; } }");
        using var session = new NotebookSession(new NotebookSessionOptions { BaseDirectory = temp.Path, CacheDirectory = temp.File("cache") });

        var result = await session.ExecuteAsync("#i \"nuget: feed\"\n#r \"nuget: Seg.LocalOnly, [1.0,2.0)\"\nSeg.LocalOnly.Answer.Value");

        Assert.True(result.Succeeded, result.Error?.Value);
        Assert.Equal("42", Assert.IsType<ExecuteResultOutput>(Assert.Single(result.Outputs)).PlainText);
    }

    /// <summary>A .nupkg with one library compiled from <paramref name="source"/> (lib/net10.0).</summary>
    private static void WritePackage(string feed, string id, string version, string source)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var compilation = CSharpCompilation.Create(
            id,
            [CSharpSyntaxTree.ParseText(source)],
            trusted.Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll").Select(p => MetadataReference.CreateFromFile(p)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var dll = new MemoryStream();
        var emitted = compilation.Emit(dll);
        Assert.True(emitted.Success, string.Join('\n', emitted.Diagnostics));

        using var archive = ZipFile.Open(Path.Combine(feed, $"{id.ToLowerInvariant()}.{version}.nupkg"), ZipArchiveMode.Create);
        using (var writer = new StreamWriter(archive.CreateEntry($"{id}.nuspec").Open()))
        {
            writer.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata><id>{id}</id><version>{version}</version><authors>tests</authors><description>test package</description></metadata>
                </package>
                """);
        }
        using var entry = archive.CreateEntry($"lib/net10.0/{id}.dll").Open();
        dll.Position = 0;
        dll.CopyTo(entry);
    }
}
