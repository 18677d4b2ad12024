using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;
using Segmentation.Testing;

namespace Segmentation.Notebooks.Tests.Execution;

public sealed class ReferenceTests
{
    [Fact]
    public async Task A_dll_path_is_resolved_from_the_notebook_directory()
    {
        using var temp = new TempDirectory();
        using var session = SessionBeside(
            temp,
            "TinyGreeter",
            "namespace Tiny; public static class Greeter { public static string Hello() => \"hello from a dll\"; }"
        );

        var result = await session.ExecuteAsync("#r \"lib/TinyGreeter.dll\"\nTiny.Greeter.Hello()");

        Assert.Equal("hello from a dll", Cells.SucceededWith<ExecuteResultOutput>(result).PlainText);
    }

    [Fact]
    public async Task References_reach_every_later_cell_even_when_the_adding_cell_or_the_first_cell_did_not_compile()
    {
        using var temp = new TempDirectory();
        using var session = SessionBeside(
            temp,
            "TinyCounter",
            "namespace Tiny; public static class Counter { public static int Three() => 3; }"
        );

        var broken = await session.ExecuteAsync("int broken = ;");
        var platform = await session.ExecuteAsync("Enumerable.Range(0, 4).Sum()");
        var added = await session.ExecuteAsync("#r \"lib/TinyCounter.dll\"\nint alsoBroken = ;");
        var used = await session.ExecuteAsync("Tiny.Counter.Three() + Enumerable.Range(0, 4).Sum()");
        var later = await session.ExecuteAsync("Tiny.Counter.Three()");

        Assert.Equal(CellStatus.Error, broken.Status);
        Assert.Equal("6", Cells.SingleOutput<ExecuteResultOutput>(platform).PlainText);
        Assert.Equal(CellStatus.Error, added.Status);
        Assert.Equal("9", Cells.SingleOutput<ExecuteResultOutput>(used).PlainText);
        Assert.Equal("3", Cells.SingleOutput<ExecuteResultOutput>(later).PlainText);
    }

    [Fact]
    public async Task A_missing_dll_fails_the_cell_naming_the_path()
    {
        using var temp = new TempDirectory();
        using var session = new NotebookSession(new NotebookSessionOptions { BaseDirectory = temp.Path });

        var result = await session.ExecuteAsync("#r \"nowhere/None.dll\"\n1", "cell 1");

        Assert.Equal(CellStatus.Error, result.Status);
        Assert.Equal("ReferenceError", result.Error!.Name);
        Assert.Contains(Path.Combine(temp.Path, "nowhere/None.dll"), result.Error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_nuget_package_in_the_local_cache_is_restored_and_referenced()
    {
        var version = CachedVersion("commandlineparser");
        using var temp = new TempDirectory();
        using var session = new NotebookSession(
            new NotebookSessionOptions { BaseDirectory = temp.Path, CacheDirectory = temp.File("cache") }
        );

        var result = await session.ExecuteAsync(
            $"#r \"nuget: CommandLineParser, {version}\"\ntypeof(CommandLine.Parser).Assembly.GetName()."
                + "Version.ToString(3)"
        );

        Assert.True(result.Succeeded, result.Error?.Value + string.Join('\n', result.Error?.Traceback ?? []));
        Assert.Equal(version, Cells.SingleOutput<ExecuteResultOutput>(result).PlainText);
        Assert.True(File.Exists(temp.File($"cache/nuget/commandlineparser/{version}/obj/project.assets.json")));
    }

    [Fact]
    public async Task A_project_reference_builds_and_always_reflects_the_current_source()
    {
        using var temp = new TempDirectory();
        var project = Directory.CreateDirectory(temp.File("tiny")).FullName;
        File.WriteAllText(
            Path.Combine(project, "Tiny.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><TargetFramework>net10.0</TargetFramework>"
                + "<Nullable>enable</Nullable></PropertyGroup></Project>"
        );
        var source = Path.Combine(project, "Version.cs");
        var options = new NotebookSessionOptions
        {
            BaseDirectory = temp.Path,
            CacheDirectory = temp.File("cache"),
            BuildConfiguration = "Debug",
        };

        File.WriteAllText(
            source,
            "namespace Tiny; public static class Version { public static string Text => \"first\"; }"
        );
        using (var session = new NotebookSession(options))
        {
            var first = await session.ExecuteAsync("#r \"project: tiny\"\nTiny.Version.Text");
            Assert.Equal("first", Cells.SucceededWith<ExecuteResultOutput>(first).PlainText);
        }

        File.WriteAllText(
            source,
            "namespace Tiny; public static class Version { public static string Text => \"second\"; }"
        );
        using (var session = new NotebookSession(options))
        {
            var second = await session.ExecuteAsync("#r \"project: tiny/Tiny.csproj\"\nTiny.Version.Text");
            Assert.Equal("second", Cells.SucceededWith<ExecuteResultOutput>(second).PlainText);
        }
    }

    [Fact]
    public async Task The_workspace_reference_builds_the_library_and_runs_the_same_build_as_the_host()
    {
        var workspace = TestPaths.RepoRoot;
        using var temp = new TempDirectory();
        using var session = new NotebookSession(
            new NotebookSessionOptions
            {
                BaseDirectory = Path.Combine(workspace, "tests"),
                CacheDirectory = temp.File("cache"),
            }
        );

        var result = await session.ExecuteAsync(
            "#r \"workspace\"\ntypeof(Segmentation.Common.SeededRandom).Assembly == "
                + "typeof(Segmentation.SegmentationException).Assembly"
        );

        Assert.Equal("True", Cells.SucceededWith<ExecuteResultOutput>(result).PlainText);
    }

    [Fact]
    public void Directives_are_blanked_so_code_keeps_its_line_numbers()
    {
        var parsed = ParsedCell.Parse(
            "#r \"nuget: Foo, 1.2.3\"\n#r \"workspace\"\n#r \"project: ../lib/X\"\n#r \"a.dll\" // note\nvar x = 1;"
        );

        Assert.Equal(CellLanguage.CSharp, parsed.Language);
        Assert.Equal("\n\n\n\nvar x = 1;", parsed.Code);
        Assert.Equal(
            [
                new ReferenceDirective(ReferenceKind.NuGet, "Foo", "1.2.3", 1),
                new ReferenceDirective(ReferenceKind.Workspace, "workspace", null, 2),
                new ReferenceDirective(ReferenceKind.Project, "../lib/X", null, 3),
                new ReferenceDirective(ReferenceKind.Assembly, "a.dll", null, 4),
            ],
            parsed.References
        );
    }

    private static string CachedVersion(string package)
    {
        var root = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } custom
            ? custom
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Path.Combine(root, package);
        Assert.True(
            Directory.Exists(folder),
            $"{package} is not in {root}; restore the solution first (the benchmark project brings it)"
        );
        return Directory.GetDirectories(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).Last()!;
    }

    /// <summary>A session in <paramref name="temp"/> with <c>lib/NAME.dll</c> compiled from <paramref name="source"/>
    /// beside it.</summary>
    private static NotebookSession SessionBeside(TempDirectory temp, string name, string source)
    {
        Directory.CreateDirectory(temp.File("lib"));
        using (var dll = File.Create(temp.File($"lib/{name}.dll")))
            TinyLibrary.Compile(name, source, dll);
        return new NotebookSession(new NotebookSessionOptions { BaseDirectory = temp.Path });
    }
}
