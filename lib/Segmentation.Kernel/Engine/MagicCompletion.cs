using Segmentation.Notebooks.Magics;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// Completion on a magic command line: the command (after <c>#!</c>) from <see cref="MagicCommands"/>, and then its
/// options (after <c>--</c>).
/// </summary>
internal static class MagicCompletion
{
    /// <summary>Completions when the cursor is on a line that starts with <c>#!</c>; null otherwise.</summary>
    public static CompletionResult? Complete(string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var lineStart = code.LastIndexOf('\n', Math.Max(cursor - 1, 0)) + 1;
        if (cursor > 0 && code[cursor - 1] == '\n')
            lineStart = cursor;
        var typed = code[lineStart..cursor];
        var indent = typed.Length - typed.TrimStart().Length;
        if (!typed.TrimStart().StartsWith("#!", StringComparison.Ordinal))
            return null;
        var wordStart = typed.LastIndexOf(' ') + 1;
        var word = typed[wordStart..];
        var start = lineStart + wordStart;
        if (wordStart <= indent)
        {
            var commands = MagicCommands
                .All.Where(c => c.Kind != MagicKind.ScriptDirective)
                .SelectMany(c => c.Spellings.Select(s => (Spelling: s, c.Description)))
                .Where(c => c.Spelling.StartsWith(word, StringComparison.Ordinal))
                .Select(c => new CompletionItem(c.Spelling, "keyword", c.Description));
            return new CompletionResult(commands.ToList(), lineStart + indent, cursor);
        }
        var name = typed.TrimStart().Split(' ')[0];
        var options = (MagicCommands.Find(name)?.Options ?? [])
            .Where(o => o.Name.StartsWith(word, StringComparison.Ordinal))
            .Select(o => new CompletionItem(o.Name, "keyword", o.Description));
        return new CompletionResult(options.ToList(), start, cursor);
    }
}
