using System.CommandLine;
using System.CommandLine.Parsing;
using System.Reflection;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;

namespace Segmentation.Cli;

/// <summary>
/// Writes <c>run.json</c> for a command: its options as resolved (every option of the command, defaults included,
/// except <c>--out</c>), the mapping each file was read with, the input files' sizes and SHA-256 (hashed on a worker
/// thread while the command runs) and the row accounting.
/// </summary>
internal sealed class RunFile
{
    private readonly ParseResult parse;
    private readonly List<Task<RunInput>> inputs;

    private RunFile(ParseResult parse, List<Task<RunInput>> inputs)
    {
        this.parse = parse;
        this.inputs = inputs;
    }

    /// <summary>Starts hashing the files named by <paramref name="files"/> (option name → path; null paths and missing
    /// files are skipped).</summary>
    public static RunFile Start(ParseResult parse, params (string Role, string? Path)[] files)
    {
        var tasks = files
            .Where(f => f.Path is not null && File.Exists(f.Path))
            .Select(f => Task.Run(() => RunInput.Of(f.Path!, f.Role)))
            .ToList();
        return new RunFile(parse, tasks);
    }

    /// <summary>The as-of date the run used (the default is resolved from the data), recorded as
    /// <c>as-of.resolved</c>.</summary>
    public DateOnly? AsOf { get; set; }

    /// <summary>
    /// Prints the warnings of the files read (lines not valid in their encoding) and writes run.json with their
    /// accounting and the as-of date the run used.
    /// </summary>
    public void Finish(
        string directory,
        CleaningResult? cleaning,
        CustomerLoadResult? customers = null,
        DateOnly? asOf = null
    )
    {
        InputOptions.Warn(cleaning?.Report, customers?.Report);
        AsOf = asOf;
        Write(
            directory,
            cleaning is null ? null : (cleaning.Mapping, cleaning.Report),
            customers is null ? null : (customers.Mapping, customers.Report)
        );
    }

    /// <summary>
    /// Every option of the command as resolved (defaults included) except <c>--out</c>, the run file,
    /// <c>--print-config</c> and <c>--progress</c>, by name without dashes: a run file (<see cref="RunConfig"/>) that
    /// repeats the run.
    /// </summary>
    public static Dictionary<string, object?> Configuration(ParseResult parse)
    {
        var configuration = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (
            var option in parse.CommandResult.Command.Options.Where(o =>
                o.Name
                    is not (
                        "--out"
                        or RunConfig.Option
                        or "--print-config"
                        or Commands.SegmentCommand.ProgressOption
                        or "-h"
                    )
                && !o.Name.StartsWith("--help", StringComparison.Ordinal)
            )
        )
        {
            var value = parse.GetResult(option) is { } result ? result.GetValueOrDefault<object?>() : null;
            // A warehouse password never reaches run.json.
            if (option.Name == "--connection" && value is string connection)
                value = Data.Warehouse.ClickHouseEndpoint.Redacted(connection);
            configuration[option.Name.TrimStart('-')] = value;
        }
        return configuration;
    }

    /// <summary><see cref="Configuration"/> as indented JSON (the output of <c>--print-config</c>).</summary>
    public static string ConfigurationJson(ParseResult parse) =>
        System.Text.Json.JsonSerializer.Serialize(
            Configuration(parse),
            new System.Text.Json.JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }
        ) + "\n";

    /// <summary>Writes run.json into <paramref name="directory"/> with the accounting of
    /// <paramref name="results"/>.</summary>
    public void Write(string directory, params IEnumerable<(ColumnMapping Mapping, QualityReport Report)?> results)
    {
        var read = results.Where(r => r is not null).Select(r => r!.Value).ToList();
        var configuration = Configuration(parse);
        if (AsOf is { } asOf)
            configuration["as-of.resolved"] = asOf.ToString(
                "yyyy-MM-dd",
                System.Globalization.CultureInfo.InvariantCulture
            );
        foreach (var (mapping, report) in read)
            configuration[$"mapping.{report.Kind}"] = new SortedDictionary<string, string>(
                mapping.Columns.ToDictionary(kv => kv.Key, kv => kv.Value),
                StringComparer.Ordinal
            );
        var version = typeof(RunFile)
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion
            ?? "unknown";
        var record = new RunRecord(
            parse.CommandResult.Command.Name,
            version,
            configuration,
            inputs.Select(t => t.GetAwaiter().GetResult()).ToList(),
            read.Select(r => RunAccounting.Of(r.Report)).ToList()
        );
        record.Write(directory);
    }
}
