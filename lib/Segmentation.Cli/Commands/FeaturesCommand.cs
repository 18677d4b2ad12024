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
        var input = CommonOptions.Input();
        var engines = new EngineOptions();
        var store = new StoreCliOptions();
        var customers = CommonOptions.Customers();
        var inputs = new InputOptions(customers: true);
        var asOf = CommonOptions.AsOf();
        var output = CommonOptions.Output();
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
        store.AddTo(command);
        command.SetAction(parse =>
            CliHost.Guard(() =>
            {
                var directory = parse.GetValue(output)!;
                var storeOptions = store.Parse(parse);
                var asOfDate = CommonOptions.AsOfDate(parse, asOf);
                if (engines.Warehouse(parse, parse.GetValue(input)))
                    return Warehouse(
                        parse,
                        engines,
                        inputs,
                        storeOptions,
                        parse.GetValue(customers),
                        directory,
                        asOfDate
                    );
                var run = RunFile.Start(
                    parse,
                    [("input", parse.GetValue(input)), ("customers", parse.GetValue(customers)), .. inputs.Files(parse)]
                );
                using var tables = TransactionStore.Open(storeOptions);
                var options = inputs.Apply(parse, Data.Cleaning.CleaningOptions.Default);
                var cleaning = TransactionLoader.Load(tables, parse.GetValue(input)!, inputs.Mapping(parse), options);
                var customerResult = inputs.LoadCustomers(tables, parse, parse.GetValue(customers), options);
                CleaningOutputs.Write(tables, cleaning, directory, customerResult);
                var outputs = RuleOutputs.WriteFeatures(tables, directory, new FeatureOptions { AsOf = asOfDate });
                run.Finish(directory, cleaning, customerResult, outputs.Features.AsOf);
                Console.WriteLine(cleaning);
                Print(outputs.Features);
                return 0;
            })
        );
        return command;
    }

    /// <summary>Prints the feature set's summary and every feature not computable, with its reason.</summary>
    private static void Print(CustomerFeatureSet features)
    {
        Console.WriteLine(features);
        foreach (var missing in features.NotComputable)
            Console.WriteLine($"  not computable: {missing.Name} ({missing.Reason})");
    }

    /// <summary>The rules' counts and every per-customer feature computed in ClickHouse; the customer table (if any),
    /// tiers and files here.</summary>
    private static int Warehouse(
        ParseResult parse,
        EngineOptions engines,
        InputOptions inputs,
        StoreOptions storeOptions,
        string? customers,
        string directory,
        DateOnly? asOf
    )
    {
        var run = RunFile.Start(parse, [("customers", customers), .. inputs.Files(parse)]);
        var options = inputs.Apply(parse, Data.Cleaning.CleaningOptions.Default);
        using var warehouse = engines.OpenCleaned(parse, options);
        using var store = TransactionStore.Open(storeOptions);
        var customerResult = inputs.LoadCustomers(store, parse, customers, options);
        var set = CustomerFeatureSet.Compute(
            FeatureSource.Of(warehouse.Log),
            store,
            new FeatureOptions { AsOf = asOf }
        );
        var outputs = RuleOutputs.WriteFeatures(set, directory);
        warehouse.WriteQualityJson(directory);
        run.Finish(directory, warehouse.Cleaning, customerResult, outputs.Features.AsOf);
        warehouse.Print();
        Print(outputs.Features);
        return 0;
    }
}
