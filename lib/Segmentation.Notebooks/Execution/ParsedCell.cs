using System.Text.RegularExpressions;
using Segmentation.Notebooks.Magics;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// A cell's source split into parts by its language magics (<c>#!csharp</c>, <c>#!sql</c>, …; see
/// <see cref="MagicCommands"/>), each with its directives, <c>#r</c>/<c>#i</c> lines and code. Magic and directive
/// lines are blanked, not removed, in C# code, so line and column numbers are the cell's (and no <c>#r</c> reaches
/// the compiler: no CS7009). A line that cannot be parsed gives <see cref="Error"/> instead of parts.
/// </summary>
/// <param name="Parts">The parts, in order (empty ones left out).</param>
/// <param name="Error">The one-line error of a magic that cannot be understood, or null.</param>
/// <param name="Code">The cell's C# code: every line that is not C# code blanked (completion and inspection bind
/// it).</param>
public sealed partial record ParsedCell(IReadOnlyList<CellPart> Parts, string? Error, string Code)
{
    /// <summary>The language of the first part (C# for an empty cell).</summary>
    public CellLanguage Language => Parts.Count > 0 ? Parts[0].Language : CellLanguage.CSharp;

    /// <summary>Every <c>#r</c> directive of the cell.</summary>
    public IReadOnlyList<ReferenceDirective> References => Parts.SelectMany(p => p.References).ToList();

    /// <summary>Parses a cell's source; lines before the first language magic are in
    /// <paramref name="defaultLanguage"/>.</summary>
    public static ParsedCell Parse(string source, CellLanguage defaultLanguage = CellLanguage.CSharp)
    {
        ArgumentNullException.ThrowIfNull(source);
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var builders = new List<PartBuilder> { new(defaultLanguage, null, lines.Length) };
        try
        {
            for (var i = 0; i < lines.Length; i++)
                Read(lines[i], i, builders);
        }
        catch (MagicException e)
        {
            return new ParsedCell([], e.Message, "");
        }
        var parts = builders.Where(b => !b.IsEmpty(lines)).Select(b => b.Build(lines)).ToList();
        var csharp = Enumerable.Repeat("", lines.Length).ToArray();
        foreach (var builder in builders.Where(b => b.Language == CellLanguage.CSharp))
        {
            foreach (var index in builder.CodeLines)
                csharp[index] = lines[index];
        }
        return new ParsedCell(parts, null, string.Join('\n', csharp));
    }

    private static void Read(string line, int index, List<PartBuilder> builders)
    {
        var current = builders[^1];
        var trimmed = line.Trim();
        if (trimmed.StartsWith("#!", StringComparison.Ordinal))
        {
            var magic = MagicLine.Parse(trimmed, index + 1);
            if (magic.Command.Kind == MagicKind.Language && !magic.Help)
                builders.Add(new PartBuilder(magic.Command.Language!.Value, magic, builders[0].Length));
            else
                current.Directives.Add(magic);
            return;
        }
        if (current.Language == CellLanguage.CSharp && ScriptDirective().Match(line) is { Success: true } match)
        {
            var value = match.Groups[2].Value.Trim();
            if (match.Groups[1].Value == "r")
                current.References.Add(ReferenceDirective.Parse(value, index + 1));
            else
                current.Sources.Add(PackageSource(value, index + 1));
            return;
        }
        current.CodeLines.Add(index);
    }

    private static string PackageSource(string value, int line)
    {
        if (
            !value.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)
            || value["nuget:".Length..].Trim().Length == 0
        )
            throw new MagicException(
                FormattableString.Invariant(
                    $"line {line}: #i takes \"nuget: SOURCE\" (a feed URL or a folder), got \"{value}\""
                )
            );
        return value["nuget:".Length..].Trim();
    }

    [GeneratedRegex("^\\s*#(r|i)\\s+\"([^\"]*)\"\\s*(//.*)?$")]
    private static partial Regex ScriptDirective();

    private sealed class PartBuilder(CellLanguage language, MagicLine? selector, int length)
    {
        public CellLanguage Language { get; } = language;

        public int Length { get; } = length;

        public List<MagicLine> Directives { get; } = [];

        public List<ReferenceDirective> References { get; } = [];

        public List<string> Sources { get; } = [];

        public List<int> CodeLines { get; } = [];

        public bool IsEmpty(string[] lines) =>
            selector is null
            && Directives.Count == 0
            && References.Count == 0
            && Sources.Count == 0
            && CodeLines.All(i => lines[i].Trim().Length == 0);

        public CellPart Build(string[] lines)
        {
            string code;
            if (Language == CellLanguage.CSharp)
            {
                var blanked = Enumerable.Repeat("", Length).ToArray();
                foreach (var index in CodeLines)
                    blanked[index] = lines[index];
                code = string.Join('\n', blanked);
            }
            else
            {
                var text = string.Join('\n', CodeLines.Select(i => lines[i]));
                code = Language == CellLanguage.Value ? text : text.Trim('\n');
            }
            return new CellPart(Language, selector, Directives, code, References, Sources);
        }
    }
}
