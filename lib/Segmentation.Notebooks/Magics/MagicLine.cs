using System.Globalization;
using System.Text;

namespace Segmentation.Notebooks.Magics;

/// <summary>One magic command line of a cell, parsed against its declaration in <see cref="MagicCommands"/>.</summary>
/// <param name="Command">The command.</param>
/// <param name="Options">The options given, by name (<c>--name</c>); a flag's value is null.</param>
/// <param name="Arguments">Positional arguments (quotes removed).</param>
/// <param name="Line">1-based line in the cell.</param>
/// <param name="Help">True for <c>-h</c>/<c>--help</c>: show the command's usage instead of running it.</param>
public sealed record MagicLine(
    MagicCommand Command,
    IReadOnlyDictionary<string, string?> Options,
    IReadOnlyList<string> Arguments,
    int Line,
    bool Help = false
)
{
    /// <summary>The value of an option, or null when not given.</summary>
    public string? Option(string name) => Options.TryGetValue(name, out var value) ? value : null;

    /// <summary>True when the option was given.</summary>
    public bool Has(string name) => Options.ContainsKey(name);

    /// <summary>Parses a line that starts with <c>#!</c> (or is <c>#r</c>/<c>#i</c>).</summary>
    /// <exception cref="MagicException">Unknown command or option, missing value, wrong number of
    /// arguments.</exception>
    public static MagicLine Parse(string text, int line)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = Tokenize(text.Trim(), line);
        var where = string.Create(CultureInfo.InvariantCulture, $"line {line}");
        var command = MagicCommands.Find(tokens[0])
            ?? throw new MagicException(
                $"{where}: unknown magic command '{tokens[0]}'; supported: {MagicCommands.SupportedList}"
            );
        if (tokens.Skip(1).Any(t => t is "-h" or "--help" or "-?"))
            return new MagicLine(command, new Dictionary<string, string?>(), [], line, Help: true);
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        var arguments = new List<string>();
        for (var i = 1; i < tokens.Count; i++)
        {
            if (!tokens[i].StartsWith("--", StringComparison.Ordinal))
            {
                arguments.Add(tokens[i]);
                continue;
            }
            var option = command.FindOption(tokens[i])
                ?? throw new MagicException(
                    $"{where}: {command.Name} has no option '{tokens[i]}'; it has: {OptionList(command)}"
                );
            if (!option.TakesValue)
            {
                options[option.Name] = null;
                continue;
            }
            if (i + 1 >= tokens.Count)
                throw new MagicException($"{where}: {command.Name} {option.Name} needs a value");
            options[option.Name] = tokens[++i];
        }
        if (arguments.Count != command.Arguments)
        {
            throw new MagicException(
                string.Create(CultureInfo.InvariantCulture, $"{where}: {command.Name} takes {command.Arguments} ")
                    + string.Create(
                        CultureInfo.InvariantCulture,
                        $"argument{(command.Arguments == 1 ? "" : "s")}, got {arguments.Count} "
                    )
                    + string.Create(CultureInfo.InvariantCulture, $"({string.Join(' ', arguments)})")
            );
        }
        return new MagicLine(command, options, arguments, line);
    }

    private static string OptionList(MagicCommand command) =>
        command.Options.Count == 0 ? "none" : string.Join(", ", command.Options.Select(o => o.Name));

    /// <summary>Splits on white space; double quotes group (backslash escapes a quote inside them).</summary>
    private static List<string> Tokenize(string text, int line)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '\\' && i + 1 < text.Length && text[i + 1] == '"')
                    current.Append(text[++i]);
                else if (c == '"')
                    inQuotes = false;
                else
                    current.Append(c);
            }
            else if (c == '"')
            {
                inQuotes = true;
                any = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (any)
                    tokens.Add(current.ToString());
                current.Clear();
                any = false;
            }
            else
            {
                current.Append(c);
                any = true;
            }
        }
        if (inQuotes)
            throw new MagicException(
                string.Create(CultureInfo.InvariantCulture, $"line {line}: a quote is not closed in '{text}'")
            );
        if (any)
            tokens.Add(current.ToString());
        return tokens;
    }
}
