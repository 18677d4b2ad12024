using System.Text.RegularExpressions;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// A cell's source split into its language, its <c>#r</c> directives and the code left for the
/// engine. Directive and magic lines are blanked, not removed, so line and column numbers of the
/// code are those of the cell (no CS7009 either: no <c>#r</c> reaches the compiler).
/// </summary>
public sealed partial record ParsedCell(CellLanguage Language, string Code, IReadOnlyList<ReferenceDirective> References)
{
    /// <summary>Parses a cell's source.</summary>
    public static ParsedCell Parse(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var first = Array.FindIndex(lines, l => l.Trim().Length > 0);
        var language = CellLanguage.CSharp;
        if (first >= 0)
        {
            var magic = lines[first].Trim();
            language = magic switch
            {
                "#!sql" => CellLanguage.Sql,
                "#!markdown" => CellLanguage.Markdown,
                _ => CellLanguage.CSharp,
            };
            if (language != CellLanguage.CSharp || magic is "#!csharp" or "#!c#") lines[first] = "";
        }
        if (language != CellLanguage.CSharp) return new ParsedCell(language, string.Join('\n', lines).Trim('\n'), []);

        var references = new List<ReferenceDirective>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = Directive().Match(lines[i]);
            if (!match.Success) continue;
            references.Add(ToDirective(match.Groups[1].Value.Trim(), i + 1));
            lines[i] = "";
        }
        return new ParsedCell(language, string.Join('\n', lines), references);
    }

    private static ReferenceDirective ToDirective(string text, int line)
    {
        if (text.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            var parts = text["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new ReferenceDirective(ReferenceKind.NuGet, parts.FirstOrDefault() ?? "", parts.Length > 1 ? parts[1] : null, line);
        }
        if (text.StartsWith("project:", StringComparison.OrdinalIgnoreCase))
        {
            return new ReferenceDirective(ReferenceKind.Project, text["project:".Length..].Trim(), null, line);
        }
        return text.Equals("workspace", StringComparison.OrdinalIgnoreCase)
            ? new ReferenceDirective(ReferenceKind.Workspace, "workspace", null, line)
            : new ReferenceDirective(ReferenceKind.Assembly, text, null, line);
    }

    [GeneratedRegex("^\\s*#r\\s+\"([^\"]*)\"\\s*(//.*)?$")]
    private static partial Regex Directive();
}
