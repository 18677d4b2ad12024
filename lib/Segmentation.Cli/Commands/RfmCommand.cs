using System.CommandLine;
using Segmentation.Data;
using Segmentation.Data.Loading;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Cli.Commands;

/// <summary>`seg rfm`: load, clean and write rfm.csv (scores 1–5 and named RFM segments), with the cleaning outputs.</summary>
internal sealed class RfmCommand : ICliCommand
{
    public Command Create()
    {
        var input = new Option<string>("--input") { Description = "Transaction log (CSV or Parquet)", Required = true };
        var preset = new Option<string?>("--preset") { Description = "Column mapping preset: workspace or online-retail (default: detected)" };
        var asOf = new Option<string?>("--as-of") { Description = "As-of date YYYY-MM-DD (default: the day after the last purchase)" };
        var rules = new Option<string?>("--rules") { Description = "Named-segment rule table (CSV name,r_min,r_max,f_min,f_max[,m_min,m_max])" };
        var output = new Option<string>("--out") { Description = "Output folder", Required = true };
        var command = new Command("rfm", "Load, clean and score RFM; writes rfm.csv and the cleaning outputs") { input, preset, asOf, rules, output };
        command.SetAction(parse => CliHost.Guard(() =>
        {
            var directory = parse.GetValue(output)!;
            using var store = TransactionStore.InMemory();
            var mapping = parse.GetValue(preset) is { } name ? ColumnMapping.Preset(name) : null;
            var cleaning = TransactionLoader.Load(store, parse.GetValue(input)!, mapping);
            cleaning.WriteOutputs(store, directory);
            var table = parse.GetValue(rules) is { } path ? RfmSegmentRules.Load(path) : null;
            var rfm = RuleOutputs.WriteRfm(store, directory, CliArguments.Date(parse.GetValue(asOf), "--as-of"), table);
            Console.WriteLine(cleaning);
            Console.WriteLine(rfm);
            return 0;
        }));
        return command;
    }
}
