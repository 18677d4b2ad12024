using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Magics;

/// <summary>
/// A magic command of .NET Interactive's notebook dialect that the runtime understands: its name (as written, with
/// <c>#!</c> or <c>#</c>), aliases, kind, options and, for a language magic, the language of the lines it heads.
/// </summary>
public sealed record MagicCommand(
    string Name,
    IReadOnlyList<string> Aliases,
    MagicKind Kind,
    IReadOnlyList<MagicOption> Options,
    string Description,
    CellLanguage? Language = null,
    int Arguments = 0
)
{
    /// <summary>The name and its aliases.</summary>
    public IEnumerable<string> Spellings => Aliases.Prepend(Name);

    /// <summary>The option with this name, or null.</summary>
    public MagicOption? FindOption(string name) => Options.FirstOrDefault(o => o.Name == name);
}
