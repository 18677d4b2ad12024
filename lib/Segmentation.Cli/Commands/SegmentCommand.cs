using System.CommandLine;
using System.Globalization;
using Segmentation.Privacy;
using Segmentation.Workflow;

namespace Segmentation.Cli.Commands;

/// <summary>`seg segment`: the whole job — clean, features, RFM, k-scan, clustering, validation, migration, personas,
/// report.</summary>
internal sealed class SegmentCommand : ICliCommand
{
    /// <summary>The switch that prints progress when stderr is not a terminal; how the run is shown, not what it
    /// computes, so run.json leaves it out.</summary>
    public const string ProgressOption = "--progress";

    public Command Create()
    {
        var input = new Option<string?>("--input")
        {
            Description =
                CommonOptions.TransactionLog + "; leave out to segment the customer table alone on --features",
        };
        var customers = CommonOptions.Customers();
        var features = new Option<string?>("--features")
        {
            Description =
                "Clustering features, comma-separated, each name[:transform+transform][*weight], e.g. "
                + "monetary:log1p+zscore*2 (default: chosen automatically and diagnosed)",
        };
        var config = new Option<string?>(RunConfig.Option)
        {
            Description =
                "Run file (JSON): option names without dashes and their values, as run.json records them; "
                + "options on the command line override it",
        };
        var printConfig = new Option<bool>("--print-config")
        {
            Description = "Write the resolved options as a run file to standard output and stop",
        };
        var attributes = new Option<string?>("--attributes")
        {
            Description = "Customer-table attributes added to the automatic choice, comma-separated",
        };
        var inputs = new InputOptions(customers: true);
        var engines = new EngineOptions();
        var store = new StoreCliOptions();
        var asOf = CommonOptions.AsOf();
        var method = new Option<string>("--method")
        {
            Description = "kmeans or kprototypes",
            DefaultValueFactory = _ => "kmeans",
        };
        var k = new Option<string>("--k")
        {
            Description = "Number of segments, or auto (k-scan)",
            DefaultValueFactory = _ => "auto",
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of every random choice",
            DefaultValueFactory = _ => 42UL,
        };
        var truth = new Option<string?>("--truth")
        {
            Description = "Known labels (customer_id,segment) to measure agreement against",
        };
        var keyFile = new Option<string?>("--pseudonymize-key-file")
        {
            Description = "Pseudonymise customer ids with the key in this file",
        };
        var keyEnv = new Option<bool>("--pseudonymize")
        {
            Description = $"Pseudonymise customer ids with the key in ${PseudonymizationKey.DefaultVariable}",
        };
        var minimumGroup = new Option<int>("--min-group-size")
        {
            Description = "Smallest group a report shows",
            DefaultValueFactory = _ => 10,
        };
        var output = new Option<string?>("--out") { Description = "Output folder (required unless --print-config)" };
        var language = CliLanguage.Create();
        var pdf = CliLanguage.PdfOption();
        var showProgress = new Option<bool>(ProgressOption)
        {
            Description =
                "Print each phase on stderr as it starts even when stderr is not a terminal (on a terminal "
                + "it is printed anyway)",
        };
        var command = new Command(
            "segment",
            "Segment customers end to end and write assignments, k-scan, validation, model, personas and report.html"
        )
        {
            input,
            customers,
            features,
            attributes,
            config,
            printConfig,
            asOf,
            method,
            k,
            seed,
            truth,
            keyFile,
            keyEnv,
            minimumGroup,
            language,
            pdf,
            output,
            showProgress,
        };
        inputs.AddTo(command);
        engines.AddTo(command);
        store.AddTo(command);
        command.SetAction(parse =>
            CliHost.Guard(() =>
            {
                if (parse.GetValue(printConfig))
                {
                    Console.Out.Write(RunFile.ConfigurationJson(parse));
                    return 0;
                }
                if (parse.GetValue(output) is null)
                    throw new OptionsException("--out must name the output folder");
                var featureSpecs = parse.GetValue(features) is { } featureText
                    ? FeatureSpecText.Parse(featureText)
                    : default;
                var run = RunFile.Start(
                    parse,
                    [
                        ("input", parse.GetValue(input)),
                        ("customers", parse.GetValue(customers)),
                        ("truth", parse.GetValue(truth)),
                        .. inputs.Files(parse),
                    ]
                );
                // With --engine duckdb and no --input, the customer table alone is segmented (checked by the workflow's
                // options).
                var warehouse =
                    engines.IsClickHouse(parse) && engines.Warehouse(parse, parse.GetValue(input))
                        ? engines.Open(parse, inputs.Apply(parse, Data.Cleaning.CleaningOptions.Default))
                        : null;
                using var client = warehouse?.Engine;
                using var staging = warehouse;
                var options = new SegmentWorkflowOptions
                {
                    Input = parse.GetValue(input),
                    Warehouse = warehouse,
                    Store = store.Parse(parse),
                    Customers = parse.GetValue(customers),
                    Features = featureSpecs.Names,
                    FeatureSpecs = featureSpecs.Specs ?? [],
                    Attributes = CliArguments.List(parse.GetValue(attributes)) ?? [],
                    Mapping = inputs.Mapping(parse),
                    CustomerMapping = inputs.CustomerMapping(parse),
                    Cleaning = inputs.Apply(parse, Data.Cleaning.CleaningOptions.Default),
                    CustomerCleaning = inputs.ForCustomers(
                        parse,
                        inputs.Apply(parse, Data.Cleaning.CleaningOptions.Default)
                    ),
                    Surveys = inputs.Surveys(parse),
                    SurveyMapping = inputs.SurveyMapping(parse),
                    AsOf = CommonOptions.AsOfDate(parse, asOf),
                    Method = parse.GetValue(method) switch
                    {
                        "kmeans" => SegmentationMethod.KMeans,
                        "kprototypes" => SegmentationMethod.KPrototypes,
                        var other => throw new OptionsException($"--method={other} must be kmeans or kprototypes"),
                    },
                    Clusters = CliArguments.Clusters(parse.GetValue(k)!),
                    Seed = parse.GetValue(seed),
                    Truth = parse.GetValue(truth),
                    MinimumGroupSize = parse.GetValue(minimumGroup),
                    Language = CliLanguage.Parse(parse.GetValue(language)),
                    PseudonymizationKey =
                        parse.GetValue(keyFile) is { } file ? PseudonymizationKey.FromFile(file)
                        : parse.GetValue(keyEnv) ? PseudonymizationKey.FromEnvironment()
                        : null,
                };
                // Progress goes to stderr, so that stdout holds only the result; only on a terminal unless asked for,
                // so that a script reading stderr still gets a failure as its one line.
                var progress =
                    parse.GetValue(showProgress) || !Console.IsErrorRedirected
                        ? new SynchronousProgress(Console.Error)
                        : null;
                using var result = SegmentWorkflow.Run(options, progress);
                var directory = parse.GetValue(output)!;
                progress?.Report("writing outputs and report");
                SegmentOutputs.Write(result, directory);
                if (parse.GetValue(pdf))
                    CliLanguage.WritePdf(directory);
                run.Finish(directory, result.Cleaning, result.CustomerTable, result.AsOf);
                return CliHost.Wrote(result, directory);
            })
        );
        return command;
    }

    /// <summary>Progress written at once, in order (Progress&lt;T&gt; posts to the thread pool): one line per phase as
    /// it starts.</summary>
    private sealed class SynchronousProgress(TextWriter writer) : IProgress<string>
    {
        public void Report(string value) => writer.WriteLine($"seg: {value}");
    }
}

/// <summary>The <c>--language</c> (<c>--lang</c>) and <c>--pdf</c> options of the commands that write for
/// people.</summary>
internal static class CliLanguage
{
    /// <summary>The option; the run file's key is <c>language</c>.</summary>
    public static Option<string> Create() =>
        new("--language", "--lang")
        {
            Description = "Language of everything written for people (report, quality page, personas): en or zh-CN",
            DefaultValueFactory = _ => Common.Text.Language.English.Code,
        };

    /// <summary>The <c>--pdf</c> flag.</summary>
    public static Option<bool> PdfOption() =>
        new("--pdf") { Description = "Also print report.html to report.pdf with headless Chromium (offline)" };

    /// <summary>The language named by the option.</summary>
    public static Common.Text.Language Parse(string? code) =>
        Common.Text.Language.All.FirstOrDefault(l => string.Equals(l.Code, code, StringComparison.OrdinalIgnoreCase))
        ?? throw new OptionsException(
            $"--language={code} must be one of {string.Join(", ", Common.Text.Language.All.Select(l => l.Code))}"
        );

    /// <summary>Prints <c>report.html</c> of <paramref name="directory"/> to <c>report.pdf</c>.</summary>
    public static void WritePdf(string directory) =>
        Reports.ReportPdf.Print(Path.Combine(directory, SegmentOutputs.Report), Path.Combine(directory, "report.pdf"));
}

/// <summary>Parsing of argument values shared by the commands.</summary>
internal static class CliArguments
{
    /// <summary>A YYYY-MM-DD date, or null.</summary>
    public static DateOnly? Date(string? text, string option)
    {
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        throw new OptionsException($"{option}={text} must be a date YYYY-MM-DD");
    }

    /// <summary>A comma-separated list (entries trimmed, empty ones dropped), or null when the option was not
    /// given.</summary>
    public static IReadOnlyList<string>? List(string? text) =>
        text is null ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"auto" (null) or a whole number of clusters.</summary>
    public static int? Clusters(string text)
    {
        if (text == "auto")
            return null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var k))
            return k;
        throw new OptionsException($"--k={text} must be auto or a whole number");
    }
}
