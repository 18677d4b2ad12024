using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Magics;

/// <summary>
/// The magic commands of .NET Interactive's notebook dialect that the runtime supports, declared once: the cell
/// parser, <c>#!lsmagic</c>, the kernel-name mapping of Polyglot notebooks and the docs' table all read this list.
/// </summary>
public static class MagicCommands
{
    private static readonly MagicOption Name = new("--name", true, "the variable to create");
    private static readonly MagicOption MimeType = new(
        "--mime-type",
        true,
        "the mime type of the value (application/json parses it)"
    );

    /// <summary>Every supported magic command, in the order <c>#!lsmagic</c> lists them.</summary>
    public static IReadOnlyList<MagicCommand> All { get; } =
    [
        new(
            "#!csharp",
            ["#!c#", "#!C#"],
            MagicKind.Language,
            [],
            "the lines that follow are C# script",
            CellLanguage.CSharp
        ),
        new(
            "#!sql",
            [],
            MagicKind.Language,
            [Name with { Description = "also bind the result to a C# DataFrame variable of this name" }],
            "the lines that follow are SQL on the session's DuckDB database",
            CellLanguage.Sql
        ),
        new(
            "#!markdown",
            ["#!md"],
            MagicKind.Language,
            [],
            "the lines that follow are markdown, shown rendered",
            CellLanguage.Markdown
        ),
        new(
            "#!html",
            [],
            MagicKind.Language,
            [],
            "the lines that follow are HTML, shown as they are",
            CellLanguage.Html
        ),
        new(
            "#!javascript",
            ["#!js"],
            MagicKind.Language,
            [],
            "the lines that follow are JavaScript, sent to the frontend to run there",
            CellLanguage.JavaScript
        ),
        new(
            "#!mermaid",
            [],
            MagicKind.Language,
            [],
            "the lines that follow are a Mermaid diagram, drawn offline",
            CellLanguage.Mermaid
        ),
        new(
            "#!value",
            [],
            MagicKind.Language,
            [
                Name with
                {
                    Description = "the name the value is stored under (for #!share and #!set)",
                },
                new("--from-file", true, "read the value from this file instead of the cell"),
                MimeType,
            ],
            "stores the lines that follow (or a file) as a value",
            CellLanguage.Value
        ),
        new(
            "#!set",
            [],
            MagicKind.Directive,
            [
                Name,
                new(
                    "--value",
                    true,
                    "the value: text, @csharp:NAME, @sql:NAME, @value:NAME, @input:PROMPT or @password:PROMPT"
                ),
                MimeType,
                new("--byref", false, "share .NET objects by reference (the only way here)"),
            ],
            "creates a variable in the language of its part"
        ),
        new(
            "#!share",
            [],
            MagicKind.Directive,
            [
                new("--from", true, "the kernel that holds the value: csharp, sql or value"),
                new("--as", true, "the name in this part's language"),
                MimeType,
            ],
            "copies a variable from another kernel into the language of its part",
            Arguments: 1
        ),
        new("#!time", [], MagicKind.Directive, [], "measures the wall time of the code of its part"),
        new("#!who", [], MagicKind.Directive, [], "lists the names of the C# variables"),
        new("#!whos", [], MagicKind.Directive, [], "lists the C# variables with their types and values"),
        new("#!about", [], MagicKind.Directive, [], "shows what runs the notebook"),
        new("#!lsmagic", [], MagicKind.Directive, [], "lists the supported magic commands"),
        new(
            "#r",
            [],
            MagicKind.ScriptDirective,
            [],
            "references an assembly, \"nuget: Name, Version\" (ranges and *-* too), \"project: PATH\" or \"workspace\"",
            Arguments: 1
        ),
        new(
            "#i",
            [],
            MagicKind.ScriptDirective,
            [],
            "adds a package source for #r \"nuget:\": \"nuget: URL or folder\"",
            Arguments: 1
        ),
    ];

    /// <summary>The command with this spelling (<c>#!c#</c> finds <c>#!csharp</c>), or null.</summary>
    public static MagicCommand? Find(string spelling) =>
        All.FirstOrDefault(c => c.Spellings.Contains(spelling, StringComparer.Ordinal));

    /// <summary>The language a Polyglot kernel name (<c>csharp</c>, <c>sql</c>, <c>markdown</c>, …) stands for, or
    /// null.</summary>
    public static CellLanguage? LanguageOfKernel(string kernelName)
    {
        ArgumentNullException.ThrowIfNull(kernelName);
        if (kernelName.StartsWith("sql", StringComparison.Ordinal))
            return CellLanguage.Sql; // Polyglot names SQL kernels sql-NAME
        return Find("#!" + kernelName) is { Kind: MagicKind.Language } command ? command.Language : null;
    }

    /// <summary>The Polyglot kernel name of a language (<c>csharp</c>, <c>sql</c>, …).</summary>
    public static string KernelName(CellLanguage language) =>
        All.First(c => c.Kind == MagicKind.Language && c.Language == language).Name[2..];

    /// <summary>Every spelling, sorted, for the error on an unknown command.</summary>
    public static string SupportedList { get; } =
        string.Join(", ", All.SelectMany(c => c.Spellings).Order(StringComparer.Ordinal));
}
