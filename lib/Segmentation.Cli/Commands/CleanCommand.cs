using System.CommandLine;
using System.Globalization;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>seg clean --input FILE [--customers FILE] [--preset NAME] --out DIR</c>: loads and cleans a transaction log
/// (and optionally a customer table) and writes clean.parquet, returns.parquet, quarantine.csv, quality.json and
/// quality.html.
/// </summary>
internal sealed class CleanCommand : ICliCommand
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm:ss"];

    private readonly Option<string> input = new("--input", "-i")
    {
        Description = CommonOptions.TransactionLog + ".",
        Required = true,
    };
    private readonly InputOptions inputs = new(customers: true);
    private readonly Option<string> output = new("--out", "-o")
    {
        Description = "Directory for the five output files (created if missing).",
        Required = true,
    };
    private readonly Option<string?> customers = new("--customers")
    {
        Description = "Customer table: CSV, Excel or Parquet (optional).",
    };
    private readonly Option<string?> earliest = new("--earliest")
    {
        Description = "Earliest plausible timestamp, yyyy-MM-dd (default 1990-01-01).",
    };
    private readonly Option<string?> latest = new("--latest")
    {
        Description = "Latest plausible timestamp, exclusive, yyyy-MM-dd (default 2100-01-01).",
    };
    private readonly Option<string?> rules = new("--rules")
    {
        Description =
            "Rules in the order they run, e.g. missing_customer_id,duplicates,returns,non_positive,timestamp_window.",
    };
    private readonly Option<string?> cancellationPrefix = new("--cancellation-prefix")
    {
        Description = "Order ids starting with this are cancellations (default C; empty to disable).",
    };
    private readonly Option<double?> outlierFence = new("--outlier-fence")
    {
        Description = "Outlier fence k on the log scale (default 2).",
    };
    private readonly Option<bool> noOutliers = new("--no-outliers") { Description = "Do not flag outliers." };
    private readonly Option<bool> noProfile = new("--no-profile")
    {
        Description = "Skip the per-column profile (faster on large files).",
    };
    private readonly Option<bool> requiredOnly = new("--required-only")
    {
        Description = "Read only the five required columns; the optional ones are NULL (faster).",
    };
    private readonly StoreCliOptions store = new();

    /// <inheritdoc />
    public Command Create()
    {
        var command = new Command(
            "clean",
            "Load and clean a transaction log (and a customer table): every row ends up clean, in returns, "
                + "or quarantined with its reason."
        )
        {
            input,
            customers,
            earliest,
            latest,
            rules,
            cancellationPrefix,
            outlierFence,
            noOutliers,
            noProfile,
            requiredOnly,
            output,
        };
        store.AddTo(command);
        inputs.AddTo(command);
        command.SetAction(parse => CliHost.Guard(() => Run(parse)));
        return command;
    }

    private int Run(ParseResult parse)
    {
        var options = CleaningOptions(parse);
        var mapping = inputs.Mapping(parse);
        var storeOptions = store.Parse(parse);
        var directory = parse.GetRequiredValue(output);

        var run = RunFile.Start(
            parse,
            [("input", parse.GetValue(input)), ("customers", parse.GetValue(customers)), .. inputs.Files(parse)]
        );
        using var tables = TransactionStore.Open(storeOptions);
        var result = TransactionLoader.Load(tables, parse.GetRequiredValue(input), mapping, options);
        var customerResult = inputs.LoadCustomers(tables, parse, parse.GetValue(customers), options);
        Workflow.CleaningOutputs.Write(tables, result, directory, customerResult);
        run.Finish(directory, result, customerResult);

        var write = Console.Out;
        write.WriteLine(
            Invariant($"{result.File}: {result.RowsIn} rows in (mapping {result.Mapping.Name}) = {result.Clean} ")
                + Invariant($"clean + {result.Returns} returns + {result.Quarantined} quarantined; {result.Outliers} ")
                + "outliers flagged"
        );
        foreach (var rule in result.Rules)
            write.WriteLine(
                string.Format(
                    CultureInfo.InvariantCulture,
                    "  {0,-20} {1,12}  → {2}",
                    rule.Rule,
                    rule.Rows,
                    rule.Destination
                )
            );
        if (customerResult is not null)
            write.WriteLine(
                Invariant($"{customerResult.File}: {customerResult.RowsIn} rows in = {customerResult.Loaded} ")
                    + Invariant($"customers + {customerResult.Quarantined} quarantined")
            );
        var written = new[]
        {
            OutputFiles.Clean,
            OutputFiles.Returns,
            OutputFiles.Quarantine,
            OutputFiles.QualityJson,
            OutputFiles.QualityHtml,
            RunRecord.FileName,
        };
        write.WriteLine($"wrote {string.Join(", ", written)} to {directory}");
        return 0;
    }

    private CleaningOptions CleaningOptions(ParseResult parse)
    {
        var options = inputs.Apply(
            parse,
            new CleaningOptions
            {
                OutlierFence = parse.GetValue(noOutliers)
                    ? null
                    : parse.GetValue(outlierFence) ?? Data.Cleaning.CleaningOptions.Default.OutlierFence,
                ProfileColumns = !parse.GetValue(noProfile),
                ReadOptionalColumns = !parse.GetValue(requiredOnly),
            }
        );
        if (parse.GetValue(earliest) is { } from)
            options = options with { Earliest = Date("earliest", from) };
        if (parse.GetValue(latest) is { } to)
            options = options with { Latest = Date("latest", to) };
        if (parse.GetValue(cancellationPrefix) is { } prefix)
            options = options with { CancellationPrefix = prefix };
        if (parse.GetValue(rules) is { } list)
            options = options with
            {
                Rules = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(CleaningRuleNames.Parse)
                    .ToList(),
            };
        return options;
    }

    private static DateTime Date(string name, string text) =>
        DateTime.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new OptionsException($"{name}='{text}' must be a date such as 1990-01-01 or 2011-12-10T00:00:00");

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
