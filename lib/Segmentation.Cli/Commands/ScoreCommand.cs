using System.CommandLine;
using Segmentation.Workflow;

namespace Segmentation.Cli.Commands;

/// <summary>
/// `seg score --model DIR --input FILE [--customers FILE] [--as-of …] --out DIR`: assigns new customers to the segments
/// of a model written by `seg segment`; writes assignments.csv (with the reason of every customer not scored),
/// migration.csv when customers were in the model's own assignments, and run.json.
/// </summary>
internal sealed class ScoreCommand : ICliCommand
{
    public Command Create()
    {
        var model = new Option<string>("--model")
        {
            Description = "Folder written by seg segment (model.json, personas.json, assignments.csv)",
            Required = true,
        };
        var input = new Option<string>("--input")
        {
            Description = "Transaction log of the customers to score",
            Required = true,
        };
        var customers = new Option<string?>("--customers")
        {
            Description = "Customer table (its customers without a purchase are listed as not scored)",
        };
        var asOf = CommonOptions.AsOf();
        var output = CommonOptions.Output();
        var inputs = new InputOptions(customers: true);
        var language = CliLanguage.Create();
        var command = new Command(
            "score",
            "Assign new customers to the segments of a fitted model; writes assignments.csv "
                + "(customer_id,segment,segment_name,distance,reason) and migration.csv"
        )
        {
            model,
            input,
            customers,
            asOf,
            language,
            output,
        };
        inputs.AddTo(command);
        command.SetAction(parse =>
            CliHost.Guard(() =>
            {
                var run = RunFile.Start(
                    parse,
                    [
                        ("input", parse.GetValue(input)),
                        ("customers", parse.GetValue(customers)),
                        ("model", Path.Combine(parse.GetValue(model)!, SegmentOutputs.Model)),
                        .. inputs.Files(parse),
                    ]
                );
                var cleaning = inputs.Apply(parse, Data.Cleaning.CleaningOptions.Default);
                var result = ScoreWorkflow.Run(
                    new ScoreOptions
                    {
                        ModelDirectory = parse.GetValue(model)!,
                        Language = CliLanguage.Parse(parse.GetValue(language)),
                        Input = parse.GetValue(input)!,
                        Customers = parse.GetValue(customers),
                        Mapping = inputs.Mapping(parse),
                        CustomerMapping = inputs.CustomerMapping(parse),
                        Cleaning = cleaning,
                        CustomerCleaning = inputs.ForCustomers(parse, cleaning),
                        AsOf = CommonOptions.AsOfDate(parse, asOf),
                        Surveys = inputs.Surveys(parse),
                        SurveyMapping = inputs.SurveyMapping(parse),
                    }
                );
                var directory = parse.GetValue(output)!;
                result.Write(directory);
                run.Finish(directory, result.Cleaning, result.CustomerTable, result.AsOf);
                return CliHost.Wrote(result, directory);
            })
        );
        return command;
    }
}
