using System.CommandLine;
using System.Globalization;
using Segmentation.Data.Generation;

namespace Segmentation.Cli.Commands;

/// <summary>`seg generate`: simulated retail data with planted segments and injected faults.</summary>
internal sealed class GenerateCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var customers = new Option<int?>("--customers")
        {
            Description = "Number of customers to simulate (default 1000 unless --lines is given).",
        };
        var lines = new Option<long?>("--lines")
        {
            Description = "Exact number of transaction lines to write (instead of --customers).",
        };
        var seed = new Option<ulong>("--seed")
        {
            Description = "Random seed; same seed, same bytes.",
            DefaultValueFactory = _ => 42,
        };
        var output = new Option<string>("--out") { Description = "Output directory.", Required = true };
        var layout = new Option<string>("--layout")
        {
            Description = "Transaction layout: workspace or online-retail.",
            DefaultValueFactory = _ => "workspace",
        };
        var start = new Option<string?>("--start")
        {
            Description = "First day of the window, yyyy-MM-dd (default: the window ends 2025-12-31).",
        };
        var months = new Option<int>("--months")
        {
            Description = "Window length in months.",
            DefaultValueFactory = _ => 24,
        };
        var spread = new Option<double>("--spread")
        {
            Description = "Within-segment variation (1 = default, 0 = archetypes, 2 = strong overlap).",
            DefaultValueFactory = _ => 1.0,
        };
        var noFaults = new Option<bool>("--no-faults")
        {
            Description = "Write clean data (no injected faults, no missing attributes).",
        };

        var command = new Command(
            "generate",
            "Simulate a retail business with planted customer segments; writes transactions.csv, "
                + "customers.csv, truth.csv, generation.json."
        )
        {
            customers,
            lines,
            seed,
            output,
            layout,
            start,
            months,
            spread,
            noFaults,
        };
        command.SetAction(parse =>
            CliHost.Guard(() =>
            {
                var options = new GeneratorOptions
                {
                    Customers = parse.GetValue(customers) ?? (parse.GetValue(lines) is null ? 1000 : null),
                    Lines = parse.GetValue(lines),
                    Seed = parse.GetValue(seed),
                    Start = ParseStart(parse.GetValue(start)),
                    Months = parse.GetValue(months),
                    Layout = ParseLayout(parse.GetValue(layout)!),
                    Spread = parse.GetValue(spread),
                    Faults = parse.GetValue(noFaults) ? FaultRates.None : new FaultRates(),
                };
                var directory = parse.GetValue(output)!;
                var report = RetailSimulator.Write(options, directory);
                var faulty =
                    report.Faults.MissingCustomerId
                    + report.Faults.CancellationLines
                    + report.Faults.DuplicateLines
                    + report.Faults.NonPositiveUnitPrice
                    + report.Faults.OutlierQuantity
                    + report.Faults.MalformedLines;
                Console.WriteLine(
                    FormattableString.Invariant(
                        $"wrote {report.Lines} lines ({report.Orders} orders, {report.Customers} customers, "
                    ) + FormattableString.Invariant($"{faulty} faulty lines) to {directory}")
                );
                return 0;
            })
        );
        return command;
    }

    private static DateOnly? ParseStart(string? text)
    {
        if (text is null)
            return null;
        return DateOnly.TryParseExact(
            text,
            "yyyy-MM-dd",
            CultureInfo.InvariantCulture,
            DateTimeStyles.None,
            out var date
        )
            ? date
            : throw new OptionsException($"start='{text}' must be a date yyyy-MM-dd");
    }

    private static TransactionLayout ParseLayout(string text) =>
        text switch
        {
            "workspace" => TransactionLayout.Workspace,
            "online-retail" => TransactionLayout.OnlineRetail,
            _ => throw new OptionsException($"layout='{text}' must be workspace or online-retail"),
        };
}
