using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Benchmarks;

/// <summary>
/// What `seg rfm` does (lib/Segmentation.Cli/Commands/RfmCommand.cs), in-process and timed phase by phase: load +
/// clean, the cleaning outputs (clean.parquet, returns.parquet, quarantine.csv, quality.json/html), RFM, scores,
/// rfm.csv. The switches leave out parts to show what each costs. Run by <see cref="RfmComparison"/> with --breakdown.
/// </summary>
public static class RfmWorker
{
    /// <summary>The hidden sub-command name.</summary>
    public const string Name = "rfm-ours";

    /// <summary>Runs the pipeline on --input, writes to --out and prints the phase times as JSON.</summary>
    public static int Run(Arguments options)
    {
        var input = options.RequiredText("input");
        var directory = options.RequiredText("out");
        var cleaning = new CleaningOptions
        {
            ProfileColumns = !options.Flag("no-profile"),
            OutlierFence = options.Flag("no-outliers") ? null : CleaningOptions.Default.OutlierFence,
        };
        var times = new Dictionary<string, object>();
        var watch = Stopwatch.StartNew();
        T Timed<T>(string name, Func<T> step)
        {
            var began = watch.Elapsed.TotalSeconds;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            var result = step();
            times[name + "_s"] = Math.Round(watch.Elapsed.TotalSeconds - began, 3);
            times[name + "_cpu_s"] = Math.Round(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - cpu, 3);
            return result;
        }

        using var store = TransactionStore.InMemory();
        var cleaned = Timed("load_clean", () => TransactionLoader.Load(store, input, ColumnMapping.OnlineRetail, cleaning));
        if (!options.Flag("no-clean-outputs"))
        {
            Timed("clean_outputs", () =>
            {
                cleaned.WriteOutputs(store, directory);
                return 0;
            });
        }
        var rfm = Timed("rfm", () => Rfm.FromStore(store));
        var scores = Timed("scores", () => RfmScores.Score(rfm));
        Timed("write_rfm", () =>
        {
            Directory.CreateDirectory(directory);
            using var writer = new StreamWriter(Path.Combine(directory, RuleOutputs.RfmFile), false, new UTF8Encoding(false));
            RfmSegmentation.Assign(scores).WriteCsv(writer);
            return 0;
        });
        var summary = new Dictionary<string, object>
        {
            ["rows_read"] = cleaned.RowsIn, ["clean_lines"] = cleaned.Clean, ["customers"] = rfm.Rows.Count,
            ["as_of"] = rfm.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["peak_working_set_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576,
        };
        Console.WriteLine(JsonSerializer.Serialize(summary.Concat(times).ToDictionary()));
        return 0;
    }
}
