using Segmentation.Notebooks.Magics;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// One part of a cell: the lines from a language magic (or the cell's start) to the next one. Its directives
/// (<c>#!set</c>, <c>#!who</c>, <c>#!time</c>, …) run in order before its code.
/// </summary>
/// <param name="Language">What the code is written in.</param>
/// <param name="Selector">The language magic that opened the part (with its options), or null for the cell's default
/// language.</param>
/// <param name="Directives">The directive magics of the part, in order.</param>
/// <param name="Code">
/// The code. For C#, as long as the cell, with every line that is not C# code of this part blanked (so line numbers
/// are the cell's); for the others, the part's lines without the magic lines.
/// </param>
/// <param name="References">The <c>#r</c> directives of a C# part.</param>
/// <param name="PackageSources">The <c>#i "nuget: SOURCE"</c> directives of a C# part.</param>
public sealed record CellPart(
    CellLanguage Language,
    MagicLine? Selector,
    IReadOnlyList<MagicLine> Directives,
    string Code,
    IReadOnlyList<ReferenceDirective> References,
    IReadOnlyList<string> PackageSources
)
{
    /// <summary>True when the part has a <c>#!time</c> directive.</summary>
    public bool IsTimed => Directives.Any(d => d.Command.Name == "#!time");
}
