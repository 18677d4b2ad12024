using System.Collections;
using System.Reflection;
using Microsoft.Data.Analysis;
using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Magics;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// Runs the directive magics of a cell part (<c>#!set</c>, <c>#!share</c>, <c>#!who</c>, <c>#!whos</c>, <c>#!about</c>,
/// <c>#!lsmagic</c>) and stores <c>#!value</c> parts. Values move between three kernels, as in .NET Interactive:
/// <c>csharp</c> (the script's variables), <c>sql</c> (tables, query parameters and named results) and <c>value</c>.
/// </summary>
internal sealed class DirectiveRunner(NotebookSession session)
{
    private const string CSharpKernel = "csharp";
    private const string SqlKernel = "sql";
    private const string ValueKernel = "value";

    private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, object?> sqlVariables = new(StringComparer.Ordinal);

    /// <summary>Scalars shared into SQL, by name: each is a query parameter (<c>$name</c>).</summary>
    public IReadOnlyDictionary<string, object?> SqlParameters =>
        sqlVariables.Where(v => v.Value is not DataFrame).ToDictionary();

    /// <summary>Runs one directive before the code of a part written in <paramref name="language"/>.</summary>
    public async Task<CellStatus> RunAsync(MagicLine directive, CellLanguage language, CellContext cell, string name)
    {
        if (directive.Help)
        {
            cell.Add(new DisplayDataOutput(MagicBundles.MagicList([directive.Command])));
            return CellStatus.Ok;
        }
        switch (directive.Command.Name)
        {
            case "#!who":
                cell.Add(
                    new DisplayDataOutput(MagicBundles.Names(session.CSharpVariables().Select(v => v.Name).ToList()))
                );
                return CellStatus.Ok;
            case "#!whos":
                cell.Add(
                    new DisplayDataOutput(
                        MimeBundles.Create(
                            session
                                .CSharpVariables()
                                .Select(v => new
                                {
                                    Variable = v.Name,
                                    Type = v.Type.Name,
                                    Value = DisplayText.Shorten(v.Value?.ToString() ?? "null"),
                                })
                                .ToList()
                        )
                    )
                );
                return CellStatus.Ok;
            case "#!about":
                cell.Add(new DisplayDataOutput(MagicBundles.About()));
                return CellStatus.Ok;
            case "#!lsmagic":
                cell.Add(new DisplayDataOutput(MagicBundles.MagicList(MagicCommands.All)));
                return CellStatus.Ok;
            case "#!set":
                var target = directive.Option("--name")
                    ?? throw new MagicException($"line {directive.Line}: #!set needs --name");
                var value = directive.Option("--value")
                    ?? throw new MagicException($"line {directive.Line}: #!set needs --value");
                return await AssignAsync(
                        Convert(Resolve(value, directive), value.StartsWith('@'), directive),
                        target,
                        language,
                        cell,
                        name
                    )
                    .ConfigureAwait(false);
            case "#!share":
                var from = directive.Option("--from")
                    ?? throw new MagicException($"line {directive.Line}: #!share needs --from (csharp, sql or value)");
                var source = directive.Arguments[0];
                return await AssignAsync(
                        Convert(Lookup(from, source, directive.Line), true, directive),
                        directive.Option("--as") ?? source,
                        language,
                        cell,
                        name
                    )
                    .ConfigureAwait(false);
            default:
                return CellStatus.Ok; // #!time is the session's
        }
    }

    /// <summary>Stores a <c>#!value</c> part under its <c>--name</c> and shows it (as text/plain unless
    /// <c>--mime-type</c> says otherwise).</summary>
    public CellStatus StoreValue(CellPart part, CellContext cell)
    {
        var selector = part.Selector!;
        var target = selector.Option("--name")
            ?? throw new MagicException($"line {selector.Line}: #!value needs --name");
        var text = part.Code;
        if (selector.Option("--from-file") is { } file)
        {
            var path = Path.GetFullPath(file, session.Options.BaseDirectory);
            if (!File.Exists(path))
                throw new MagicException($"line {selector.Line}: #!value --from-file: no file {path}");
            text = File.ReadAllText(path);
        }
        values[target] = text;
        // Shown as dotnet-interactive 1.0.712001 shows it under Jupyter: as text/plain, or as the given mime type.
        var mime = selector.Option("--mime-type") ?? Documents.MimeTypes.PlainText;
        cell.Add(new DisplayDataOutput(new Dictionary<string, string>(StringComparer.Ordinal) { [mime] = text }));
        return CellStatus.Ok;
    }

    /// <summary>Keeps a <c>#!sql --name</c> result in the SQL kernel (the session also binds it in C#).</summary>
    public void KeepSqlResult(string name, DataFrame frame) => sqlVariables[name] = frame;

    /// <summary>
    /// A shared value with <c>--mime-type</c> goes through that representation, as in .NET Interactive:
    /// <c>application/json</c> serializes and reads back (bool, double, string or JsonDocument), any other type gives
    /// the formatted text. Without it, or for a value written in the magic itself, the value is passed as it is (by
    /// reference).
    /// </summary>
    private static object? Convert(object? value, bool shared, MagicLine directive)
    {
        if (!shared || directive.Option("--mime-type") is not { } mime)
            return value;
        return mime == "application/json"
            ? SharedValue.FromText(System.Text.Json.JsonSerializer.Serialize(value), mime)
            : Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(value, mime);
    }

    private object? Resolve(string value, MagicLine directive)
    {
        if (!value.StartsWith('@'))
            return SharedValue.FromText(value, directive.Option("--mime-type"));
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
            throw new MagicException(
                $"line {directive.Line}: --value {value}: write @KERNEL:NAME, @input:PROMPT or @password:PROMPT"
            );
        var kernel = value[1..colon];
        var rest = value[(colon + 1)..];
        try
        {
            return kernel switch
            {
                "input" => session.ReadInput(rest, password: false),
                "password" => new PasswordString(session.ReadInput(rest, password: true)),
                _ => Lookup(kernel, rest, directive.Line),
            };
        }
        catch (InvalidOperationException e)
        {
            throw new MagicException($"line {directive.Line}: {e.Message}");
        }
    }

    private object? Lookup(string kernel, string variable, int line)
    {
        bool found;
        object? value;
        switch (kernel)
        {
            case CSharpKernel or "c#" or "C#":
                var match = session.CSharpVariables().LastOrDefault(v => v.Name == variable);
                found = match.Name is not null;
                value = match.Value;
                break;
            case ValueKernel:
                found = values.TryGetValue(variable, out value);
                break;
            case SqlKernel:
                found = sqlVariables.TryGetValue(variable, out value);
                break;
            default:
                throw new MagicException(
                    $"line {line}: no kernel '{kernel}' here; values come from csharp, sql or value"
                );
        }
        return found ? value : throw new MagicException($"line {line}: {kernel} has no variable '{variable}'");
    }

    private async Task<CellStatus> AssignAsync(
        object? value,
        string target,
        CellLanguage language,
        CellContext cell,
        string name
    )
    {
        switch (language)
        {
            case CellLanguage.CSharp:
                return await session.SetCSharpVariableAsync(cell, target, value, name).ConfigureAwait(false);
            case CellLanguage.Value:
                values[target] = value;
                return CellStatus.Ok;
            case CellLanguage.Sql:
                ShareIntoSql(target, value);
                return CellStatus.Ok;
            default:
                throw new MagicException(
                    $"a {language.ToString().ToLowerInvariant()} part has no variables: #!set and #!share "
                        + "go in csharp, sql or value parts"
                );
        }
    }

    /// <summary>A DataFrame or a sequence of records becomes a table; anything else a query parameter
    /// <c>$name</c>.</summary>
    private void ShareIntoSql(string target, object? value)
    {
        switch (value)
        {
            case DataFrame frame:
                session.Sql.Register(target, frame);
                break;
            case IEnumerable sequence
                when value is not string && RecordTable.RecordElementType(sequence) is { } element:
                RegisterRecords.MakeGenericMethod(element).Invoke(session.Sql, [target, sequence]);
                break;
            default:
                sqlVariables[target] = value;
                return;
        }
        sqlVariables.Remove(target);
    }

    private static readonly MethodInfo RegisterRecords = typeof(Sql.SqlContext)
        .GetMethods()
        .Single(m => m.Name == nameof(Sql.SqlContext.Register) && m.IsGenericMethodDefinition);
}
