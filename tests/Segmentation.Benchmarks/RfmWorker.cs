using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Benchmarks;

/// <summary>
/// What `seg rfm` does, in-process and timed phase by phase (load + clean, RFM, scores, write): the breakdown that
/// tells where our time goes. Run by <see cref="RfmComparison"/> as a child process with --breakdown.
/// </summary>
public static class RfmWorker
{
    /// <summary>The hidden sub-command name.</summary>
    public const string Name = "rfm-ours";

    /// <summary>Loads, cleans, computes RFM and scores, writes rfm.csv to --out and prints the phase times as JSON.</summary>
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

        using var store = TransactionStore.Open(new StoreOptions());
        var cleaned = Timed("load_clean", () => TransactionLoader.Load(store, input, ColumnMapping.OnlineRetail, cleaning));
        var rfm = Timed("rfm", () => Rfm.FromStore(store));
        var scores = Timed("scores", () => RfmScores.Score(rfm));
        Timed("write", () =>
        {
            Directory.CreateDirectory(directory);
            using var writer = new StreamWriter(Path.Combine(directory, "rfm.csv"), false, new UTF8Encoding(false));
            RfmSegmentation.Assign(scores).WriteCsv(writer);
            return 0;
        });
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["rows_read"] = cleaned.RowsIn, ["clean_lines"] = cleaned.Clean, ["customers"] = rfm.Rows.Count,
            ["as_of"] = rfm.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        }.Concat(times).ToDictionary()));
        return 0;
    }
}
