using System.CommandLine;
using Segmentation.Data;
using Segmentation.Data.Loading;
using Segmentation.Reports;
using Segmentation.Value;

namespace Segmentation.Cli.Commands;

/// <summary>`seg clv`: BG/NBD + Gamma–Gamma customer lifetime value from a transaction log.</summary>
internal sealed class ClvCommand : ICliCommand
{
    public Command Create()
    {
        var input = new Option<string>("--input") { Description = CommonOptions.TransactionLog, Required = true };
        var inputs = new InputOptions(customers: false);
        var calibrationEnd = new Option<string>("--calibration-end")
        {
            Description = "End of the calibration period, YYYY-MM-DD",
            Required = true,
        };
        var holdoutEnd = new Option<string?>("--holdout-end") { Description = "End of the holdout period, YYYY-MM-DD" };
        var unit = new Option<string>("--time-unit") { Description = "day or week", DefaultValueFactory = _ => "week" };
        var months = new Option<int>("--months")
        {
            Description = "CLV horizon in months",
            DefaultValueFactory = _ => 12,
        };
        var discount = new Option<double>("--monthly-discount-rate")
        {
            Description = "Monthly discount rate",
            DefaultValueFactory = _ => 0.01,
        };
        var output = CommonOptions.Output();
        var command = new Command("clv", "Fit BG/NBD and Gamma–Gamma and write clv.csv and clv_model.json")
        {
            input,
            calibrationEnd,
            holdoutEnd,
            unit,
            months,
            discount,
            output,
        };
        inputs.AddTo(command);
        command.SetAction(parse =>
            CliHost.Guard(() =>
            {
                var timeUnit = parse.GetValue(unit) switch
                {
                    "day" => TimeUnit.Day,
                    "week" => TimeUnit.Week,
                    var other => throw new OptionsException($"--time-unit={other} must be day or week"),
                };
                var end = CliArguments.Date(parse.GetValue(calibrationEnd), "--calibration-end")!.Value;
                var holdout = CliArguments.Date(parse.GetValue(holdoutEnd), "--holdout-end");
                var run = RunFile.Start(parse, [("input", parse.GetValue(input)), .. inputs.Files(parse)]);
                using var store = TransactionStore.InMemory();
                var cleaning = TransactionLoader.Load(
                    store,
                    parse.GetValue(input)!,
                    inputs.Mapping(parse),
                    inputs.Apply(parse, Data.Cleaning.CleaningOptions.Default)
                );
                var summary = ClvSummary.FromStore(
                    store,
                    end.ToDateTime(TimeOnly.MinValue),
                    holdout?.ToDateTime(TimeOnly.MinValue),
                    timeUnit
                );
                var result = CustomerLifetimeValue.Run(
                    summary,
                    new ClvOptions { Months = parse.GetValue(months), MonthlyDiscountRate = parse.GetValue(discount) }
                );
                var directory = parse.GetValue(output)!;
                ClvReport.Write(directory, result);
                run.Finish(directory, cleaning);
                Console.WriteLine($"CLV for {summary.Customers.Count} customers; wrote {Path.GetFullPath(directory)}");
                return 0;
            })
        );
        return command;
    }
}
