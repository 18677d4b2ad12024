using Segmentation.Notebooks.Execution;
using Segmentation.Notebooks.Magics;

namespace Segmentation.Notebooks.Tests.Magics;

public sealed class MagicParsingTests
{
    [Theory]
    [InlineData("#r \"nuget: Foo, 1.*\"", "1.*")]
    [InlineData("#r \"nuget: Foo, *-*\"", "*-*")]
    [InlineData("#r \"nuget: Foo, [1.0,2.0)\"", "[1.0,2.0)")]
    [InlineData("#r \"nuget: Foo\"", null)]
    public void Nuget_references_keep_version_ranges_as_written(string line, string? version)
    {
        var parsed = ParsedCell.Parse(line);

        Assert.Equal(new ReferenceDirective(ReferenceKind.NuGet, "Foo", version, 1), Assert.Single(parsed.References));
    }

    [Fact]
    public void I_lines_add_package_sources_and_are_blanked()
    {
        var parsed = ParsedCell.Parse(
            "#i \"nuget: ../packages\"\n#i \"nuget: https://example.org/v3/index.json\"\nvar x = 1;"
        );

        var part = Assert.Single(parsed.Parts);
        Assert.Equal(["../packages", "https://example.org/v3/index.json"], part.PackageSources);
        Assert.Equal("\n\nvar x = 1;", part.Code);
    }

    [Fact]
    public void Options_take_quoted_values_and_aliases_find_their_command()
    {
        var line = MagicLine.Parse("#!set --name words --value \"one \\\"two\\\" three\" --byref", 4);

        Assert.Equal("#!set", line.Command.Name);
        Assert.Equal("one \"two\" three", line.Option("--value"));
        Assert.True(line.Has("--byref"));
        Assert.Equal("#!csharp", MagicLine.Parse("#!c#", 1).Command.Name);
        Assert.Equal("#!javascript", MagicLine.Parse("#!js", 1).Command.Name);
    }

    [Theory]
    [InlineData("#!share --from csharp", "line 2: #!share takes 1 argument, got 0 ()")]
    [InlineData("#!set --name", "line 2: #!set --name needs a value")]
    [InlineData("#!set --value \"open", "line 2: a quote is not closed in '#!set --value \"open'")]
    public void Malformed_magic_lines_are_one_line_errors(string text, string message)
    {
        var error = Assert.Throws<MagicException>(() => MagicLine.Parse(text, 2));

        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("csharp", CellLanguage.CSharp)]
    [InlineData("C#", CellLanguage.CSharp)]
    [InlineData("sql", CellLanguage.Sql)]
    [InlineData("sql-adventureworks", CellLanguage.Sql)]
    [InlineData("markdown", CellLanguage.Markdown)]
    [InlineData("js", CellLanguage.JavaScript)]
    [InlineData("mermaid", CellLanguage.Mermaid)]
    [InlineData("value", CellLanguage.Value)]
    [InlineData("fsharp", null)]
    public void Polyglot_kernel_names_map_to_languages(string kernel, CellLanguage? language)
    {
        Assert.Equal(language, MagicCommands.LanguageOfKernel(kernel));
    }
}
