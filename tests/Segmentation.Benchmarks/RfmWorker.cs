using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Reports;
using Segmentation.Segmenting.Rules;
using Segmentation.Testing;
using Segmentation.Workflow;

namespace Segmentation.Benchmarks;

/// <summary>
/// What `seg rfm` does (lib/Segmentation.Cli/Commands/RfmCommand.cs), in-process and timed phase by phase: the streamed
/// load with RFM (<see cref="RfmStream"/>), the audit outputs (quarantine.csv, quality.json), scores and segments,
/// rfm.csv. With --full it runs the full load instead (the clean table in DuckDB, outlier flags and column profile as
/// `seg clean` computes them, clean.parquet, returns.parquet, quality.html) and RFM over the clean table, to show what
/// streaming saves; --no-profile, --no-outliers and --no-clean-outputs leave parts of the full load out.
/// Run by <see cref="RfmComparison"/> with --breakdown.
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
        var full = options.Flag("full");
        var cleaning = full
            ? new CleaningOptions
            {
                ProfileColumns = !options.Flag("no-profile"),
                OutlierFence = options.Flag("no-outliers") ? null : CleaningOptions.Default.OutlierFence,
            }
            : new CleaningOptions { ProfileColumns = false, OutlierFence = null };
        var mapping = ColumnMapping.Preset(options.Text("preset") ?? ColumnMapping.OnlineRetailPresetName);
        var settings = new StreamSettings(
            Workers: options.Count("workers", 0),
            BlockBytes: options.Count("block-bytes", StreamSettings.DefaultBlockBytes)
        );
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
        if (options.Flag("probe"))
        {
            var probe = options.Flag("no-duplicates")
                ? cleaning with
                {
                    Rules = cleaning.Rules.Where(r => r != CleaningRule.Duplicates).ToList(),
                }
                : cleaning;
            var r = Timed("stream_null_sink", () =>
                StreamingTransactionLoader.TryLoad(store, input, new DiscardingSink(), mapping, probe, settings)
            );
            Console.WriteLine(
                JsonSerializer.Serialize(times)
                    + " "
                    + r.NotStreamedBecause
                    + " peak "
                    + Process.GetCurrentProcess().PeakWorkingSet64 / 1048576
            );
            return 0;
        }
        CleaningResult cleaned;
        RfmTable rfm;
        string streamed;
        if (full)
        {
            cleaned = Timed("load_clean", () => TransactionLoader.Load(store, input, mapping, cleaning));
            if (!options.Flag("no-clean-outputs"))
            {
                Timed("clean_outputs", () =>
                {
                    cleaned.WriteOutputs(store, directory);
                    return 0;
                });
            }
            rfm = Timed("rfm", () => Rfm.FromStore(store));
            streamed = "no (--full)";
        }
        else
        {
            var loaded = Timed("load_clean_rfm", () =>
                RfmStream.Load(store, input, mapping, cleaning, asOf: null, settings)
            );
            Timed("audit_outputs", () =>
            {
                loaded.Cleaning.WriteAudit(store, directory);
                return 0;
            });
            (cleaned, rfm, streamed) = (
                loaded.Cleaning,
                loaded.Rfm ?? throw new InvalidOperationException("no clean line in " + input),
                loaded.NotStreamedBecause is { } why ? "no: " + why : "yes"
            );
        }
        var scores = Timed("scores", () => RfmScores.Score(rfm));
        Timed("write_rfm", () =>
        {
            Directory.CreateDirectory(directory);
            using var writer = new StreamWriter(
                Path.Combine(directory, RuleOutputs.RfmFile),
                false,
                new UTF8Encoding(false)
            );
            RfmFiles.WriteCsv(RfmSegmentation.Assign(scores), writer);
            return 0;
        });
        var summary = new Dictionary<string, object>
        {
            ["rows_read"] = cleaned.RowsIn,
            ["clean_lines"] = cleaned.Clean,
            ["customers"] = rfm.Rows.Count,
            ["as_of"] = rfm.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["streamed"] = streamed,
            ["peak_working_set_mb"] = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576,
        };
        Console.WriteLine(JsonSerializer.Serialize(summary.Concat(times).ToDictionary()));
        return 0;
    }
}
