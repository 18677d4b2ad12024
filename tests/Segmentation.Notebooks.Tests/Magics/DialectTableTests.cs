using System.Text.RegularExpressions;
using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Magics;
using Segmentation.Notebooks.Tests.Execution;
using Segmentation.Testing;

namespace Segmentation.Notebooks.Tests.Magics;

/// <summary>docs/dotnet-interactive.md stays true: its magic-command rows match the parser and
/// <c>#!lsmagic</c>.</summary>
public sealed partial class DialectTableTests
{
    private static readonly IReadOnlyList<(string Status, IReadOnlyList<string> Spellings)> Rows = ReadMagicRows();

    [Fact]
    public void Every_magic_marked_supported_or_differs_is_accepted_by_the_parser()
    {
        var accepted = Rows.Where(r => r.Status != "not supported").SelectMany(r => r.Spellings).ToList();

        Assert.NotEmpty(accepted);
        Assert.All(accepted, spelling => Assert.NotNull(MagicCommands.Find(spelling)));
    }

    [Fact]
    public void Every_magic_marked_not_supported_is_rejected_by_the_parser()
    {
        var rejected = Rows.Where(r => r.Status == "not supported").SelectMany(r => r.Spellings).ToList();

        Assert.Contains("#!fsharp", rejected);
        Assert.All(rejected, spelling => Assert.Throws<MagicException>(() => MagicLine.Parse(spelling, 1)));
    }

    [Fact]
    public void The_parser_and_lsmagic_know_no_command_the_table_does_not_list()
    {
        var listed = Rows.Where(r => r.Status != "not supported")
            .SelectMany(r => r.Spellings)
            .Order(StringComparer.Ordinal);
        var lsmagic = MagicBundles.MagicList(MagicCommands.All)[Segmentation.Notebooks.Documents.MimeTypes.PlainText];
        var shown = lsmagic
            .TrimEnd('\n')
            .Split('\n')
            .SelectMany(l => l.Split(" : ")[0].Split(' ', ','))
            .Where(t => t.StartsWith('#'));

        Assert.Equal(listed, MagicCommands.All.SelectMany(c => c.Spellings).Order(StringComparer.Ordinal));
        Assert.Equal(listed, shown.Order(StringComparer.Ordinal));
    }

    private static List<(string, IReadOnlyList<string>)> ReadMagicRows()
    {
        var text = File.ReadAllText(TestPaths.InRepo("docs", "dotnet-interactive.md"));
        var section = text[text.IndexOf("## Magic commands", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var rows = new List<(string, IReadOnlyList<string>)>();
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            var spellings = Code()
                .Matches(cells[1])
                .Select(m => m.Groups[1].Value)
                .Where(s => s.StartsWith('#'))
                .ToList();
            if (spellings.Count > 0)
                rows.Add((cells[2], spellings));
        }
        return rows;
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();
}
