using System.CommandLine;
using Segmentation.Data;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Segmenting.Rules;
using Segmentation.Workflow;

namespace Segmentation.Cli.Commands;

/// <summary>`seg features`: load, clean and write the per-customer feature table (CSV and Parquet) and the
/// tiers.</summary>
internal sealed class FeaturesCommand : ICliCommand
{
    public Command Create()
    {
        var input = new Option<string?>("--input")
        {
            Description =
                "Transaction log: CSV (any encoding), Excel (.xlsx, .xls) or Parquet (or --engine clickhouse)",
        };
        var engines = new EngineOptions();
        var customers = new Option<string?>("--customers") { Description = "Customer table: CSV, Excel or Parquet" };
        var inputs = new InputOptions(customers: true);
        var asOf = new Option<string?>("--as-of")
        {
            Description = "As-of date YYYY-MM-DD (default: the day after the last purchase)",
        };
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };
        var command = new Command(
            "features",
            "Load, clean and compute one feature row per customer, with 3-level and value tiers"
        )
        {
            input,
            customers,
            asOf,
            output,
        };
        inputs.AddTo(command);
        engines.AddTo(command);
        command.SetAction(parse =>
            CliHost.Guard(() =>
            {
                var directory = parse.GetValue(output)!;
                if (engines.Warehouse(parse, parse.GetValue(input)))
                    return Warehouse(
                        parse,
                        engines,
                        inputs,
                        parse.GetValue(customers),
                        directory,
                        CliArguments.Date(parse.GetValue(asOf), "--as-of")
                    );
                var run = RunFile.Start(
                    parse,
                    [("input", parse.GetValue(input)), ("customers", parse.GetValue(customers)), .. inputs.Files(parse)]
                );
                using var store = TransactionStore.InMemory();
                var options = inputs.Apply(parse, Data.Cleaning.CleaningOptions.Default);
                var cleaning = TransactionLoader.Load(store, parse.GetValue(input)!, inputs.Mapping(parse), options);
                var customerResult = parse.GetValue(customers) is { } path
                    ? CustomerLoader.Load(
                        store,
                        path,
                        inputs.CustomerMapping(parse),
                        inputs.ForCustomers(parse, options)
                    )
                    : null;
                inputs.JoinSurveys(store, parse, options);
                cleaning.WriteOutputs(store, directory, customerResult);
                Reports
                    .QualityPage.Build(cleaning.Reports(customerResult))
                    .Save(Path.Combine(directory, Data.Cleaning.OutputFiles.QualityHtml));
                var outputs = RuleOutputs.WriteFeatures(
                    store,
                    directory,
                    new FeatureOptions { AsOf = CliArguments.Date(parse.GetValue(asOf), "--as-of") }
                );
                run.Finish(directory, cleaning, customerResult, outputs.Features.AsOf);
                Console.WriteLine(cleaning);
                Console.WriteLine(outputs.Features);
                foreach (var missing in outputs.Features.NotComputable)
                    Console.WriteLine($"  not computable: {missing.Name} ({missing.Reason})");
                return 0;
            })
        );
        return command;
    }

    /// <summary>The rules' counts and every per-customer feature computed in ClickHouse; the customer table (if any),
    /// tiers and files here.</summary>
    private static int Warehouse(
        ParseResult parse,
        EngineOptions engines,
        InputOptions inputs,
        string? customers,
        string directory,
        DateOnly? asOf
    )
    {
        var run = RunFile.Start(parse, [("customers", customers), .. inputs.Files(parse)]);
        var options = inputs.Apply(parse, Data.Cleaning.CleaningOptions.Default);
        var log = engines.Open(parse, options);
        using var client = log.Engine;
        using var staging = log;
        var cleaning = log.Clean();
        log.Stage();
        using var store = TransactionStore.InMemory();
        var customerResult = customers is { } path
            ? CustomerLoader.Load(store, path, inputs.CustomerMapping(parse), inputs.ForCustomers(parse, options))
            : null;
        inputs.JoinSurveys(store, parse, options);
        var set = CustomerFeatureSet.Compute(FeatureSource.Of(log), store, new FeatureOptions { AsOf = asOf });
        var outputs = RuleOutputs.WriteFeatures(set, directory);
        File.WriteAllText(
            Path.Combine(directory, Data.Cleaning.OutputFiles.QualityJson),
            Data.Cleaning.QualityReportWriter.ToJson([cleaning.Report])
        );
        run.Finish(directory, cleaning, customerResult, outputs.Features.AsOf);
        Console.WriteLine(cleaning);
        Console.WriteLine($"computed in ClickHouse ({log.Engine}, table {log.Table})");
        Console.WriteLine(outputs.Features);
        foreach (var missing in outputs.Features.NotComputable)
            Console.WriteLine($"  not computable: {missing.Name} ({missing.Reason})");
        return 0;
    }
}
