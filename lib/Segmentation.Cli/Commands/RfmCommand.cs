using System.CommandLine;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Segmenting.Rules;
using Segmentation.Workflow;

namespace Segmentation.Cli.Commands;

/// <summary>
/// `seg rfm`: load, clean and write rfm.csv (scores 1–5 and named RFM segments), rfm_bins.csv and rfm_segments.csv,
/// with the audit trail of the cleaning (quarantine.csv, quality.json). The log is streamed once when it allows
/// (<see cref="RfmStream"/>); the column profile, outlier flags, clean.parquet, returns.parquet and quality.html are
/// `seg clean`'s.
/// </summary>
internal sealed class RfmCommand : ICliCommand
{
    public Command Create()
    {
        var input = CommonOptions.Input();
        var inputs = new InputOptions(customers: false);
        var engines = new EngineOptions();
        var asOf = CommonOptions.AsOf();
        var rules = new Option<string?>("--rules")
        {
            Description = "Named-segment rule table (CSV name,r_min,r_max,f_min,f_max[,m_min,m_max])",
        };
        var output = CommonOptions.Output();
        var command = new Command(
            "rfm",
            "Load, clean and score RFM; writes rfm.csv, rfm_bins.csv, rfm_segments.csv, quarantine.csv and quality.json"
        )
        {
            input,
            asOf,
            rules,
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
                        directory,
                        CommonOptions.AsOfDate(parse, asOf),
                        parse.GetValue(rules)
                    );
                var run = RunFile.Start(
                    parse,
                    [("input", parse.GetValue(input)), ("rules", parse.GetValue(rules)), .. inputs.Files(parse)]
                );
                using var store = TransactionStore.InMemory();
                var mapping = inputs.Mapping(parse);
                var table = parse.GetValue(rules) is { } path ? RfmSegmentRules.Load(path) : null;
                var cleaningOptions = inputs.Apply(
                    parse,
                    new CleaningOptions { ProfileColumns = false, OutlierFence = null }
                );
                var asOfDate = CommonOptions.AsOfDate(parse, asOf);
                var loaded = RfmStream.Load(store, parse.GetValue(input)!, mapping, cleaningOptions, asOfDate);
                loaded.Cleaning.WriteAudit(store, directory);
                InputOptions.Warn(loaded.Cleaning.Report);
                var c = loaded.Cleaning;
                var scored = loaded.Rfm
                    ?? throw new SegmentationException(
                        FormattableString.Invariant($"{parse.GetValue(input)}: no clean order ")
                            + FormattableString.Invariant(
                                $"line{(asOfDate is { } day ? $" dated on or before {day:yyyy-MM-dd}" : "")} to "
                            )
                            + FormattableString.Invariant(
                                $"compute RFM from; {c.RowsIn:N0} rows in = {c.Clean:N0} clean + {c.Returns:N0} "
                            )
                            + FormattableString.Invariant($"returns + {c.Quarantined:N0} quarantined (see ")
                            + FormattableString.Invariant($"{Path.Combine(directory, "quarantine.csv")})")
                    );
                var rfm = RuleOutputs.WriteRfm(RfmSegmentation.Assign(RfmScores.Score(scored), table), directory);
                // The warning was printed above, before a file with no clean line stops the command.
                run.AsOf = scored.AsOf;
                run.Write(directory, (c.Mapping, c.Report));
                Console.WriteLine(loaded.Cleaning);
                Console.WriteLine(
                    loaded.NotStreamedBecause is { } why ? $"loaded in full: {why}" : "streamed in one pass"
                );
                Console.WriteLine(rfm);
                return 0;
            })
        );
        return command;
    }

    /// <summary>The rules' counts and RFM computed in ClickHouse; the scores and named segments here (one row per
    /// customer came back).</summary>
    private static int Warehouse(
        ParseResult parse,
        EngineOptions engines,
        InputOptions inputs,
        string directory,
        DateOnly? asOf,
        string? rules
    )
    {
        var run = RunFile.Start(parse, ("rules", rules));
        var table = rules is { } path ? RfmSegmentRules.Load(path) : null;
        using var warehouse = engines.OpenCleaned(
            parse,
            inputs.Apply(parse, new CleaningOptions { ProfileColumns = false, OutlierFence = null })
        );
        var scored = Rfm.FromSource(FeatureSource.Of(warehouse.Log), asOf);
        warehouse.WriteQualityJson(directory);
        var rfm = RuleOutputs.WriteRfm(RfmSegmentation.Assign(RfmScores.Score(scored), table), directory);
        run.AsOf = scored.AsOf;
        run.Write(directory, (warehouse.Cleaning.Mapping, warehouse.Cleaning.Report));
        warehouse.Print();
        Console.WriteLine(rfm);
        return 0;
    }
}
