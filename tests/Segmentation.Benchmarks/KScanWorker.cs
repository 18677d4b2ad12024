using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Segmentation.Features;
using Segmentation.Metrics;
using Segmentation.Segmenting;
using Segmentation.Validation;

namespace Segmentation.Benchmarks;

/// <summary>
/// Our side of the k-scan comparison, run by <see cref="KScanComparison"/> as a child process (so its time and peak
/// RSS are measured exactly like scikit-learn's): reads the exported matrix, runs <see cref="KScan.Run"/> with
/// <see cref="KMeansSegmenter"/> and prints one JSON line.
/// </summary>
public static class KScanWorker
{
    /// <summary>The hidden sub-command name.</summary>
    public const string Name = "kscan-ours";

    /// <summary>Runs the scan on --matrix and prints the result as JSON.</summary>
    public static int Run(Arguments options)
    {
        var watch = Stopwatch.StartNew();
        var x = options.Matrix();
        var loadSeconds = watch.Elapsed.TotalSeconds;

        var restarts = options.Count("restarts", 10);
        var defaults = new KMeansOptions { Clusters = 2 };
        var restartIterations = options.Count("restart-iterations", defaults.RestartIterations);
        var refinedRestarts = options.Count("refined-restarts", defaults.RefinedRestarts);
        var sample = options.Count("silhouette-sample", 0);
        var scanOptions = new KScanOptions
        {
            KMin = options.Count("kmin", 2),
            KMax = options.Count("kmax", 10),
            Seed = options.Seed(),
            GapReferences = 0,
            Silhouette = new SilhouetteOptions { SampleSize = sample > 0 ? sample : null },
            // Fits of different k overlap (--concurrent-fits 0 runs them one after another; per-fit CPU is then exact).
            ConcurrentFits = options.Switch("concurrent-fits", fallback: true),
            // scikit-learn's side has no prediction strength: off unless --prediction-strength 1 measures its cost.
            PredictionStrength = options.Switch("prediction-strength") ? new PredictionStrengthOptions() : null,
        };
        var fits = new List<(int K, double Seconds, double CpuSeconds, int Iterations)>();
        static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var cpuStart = Cpu();
        watch.Restart();
        var result = KScan.Run(x, scanOptions, (matrix, k, seed) =>
        {
            var began = watch.Elapsed.TotalSeconds;
            var cpuBegan = Cpu();
            var model = new KMeansSegmenter(
                new KMeansOptions
                {
                    Clusters = k,
                    Seed = seed,
                    Restarts = restarts,
                    RestartIterations = restartIterations,
                    RefinedRestarts = refinedRestarts,
                }
            ).Fit(matrix);
            if (ReferenceEquals(matrix, x))
                lock (fits)
                    fits.Add((k, watch.Elapsed.TotalSeconds - began, Cpu() - cpuBegan, model.Iterations));
            return new ClusteringRun(model.Labels.ToArray(), model.Inertia);
        });
        var scanSeconds = watch.Elapsed.TotalSeconds;
        var scanCpuSeconds = Cpu() - cpuStart;

        var perK = result
            .PerK.Select(r =>
            {
                var fit = fits.First(f => f.K == r.K);
                return new Dictionary<string, object>
                {
                    ["k"] = r.K,
                    ["inertia"] = r.Inertia,
                    ["iterations"] = fit.Iterations,
                    ["silhouette"] = r.Silhouette,
                    ["calinski_harabasz"] = r.CalinskiHarabaszIndex,
                    ["davies_bouldin"] = r.DaviesBouldinIndex,
                    ["fit_s"] = Math.Round(fit.Seconds, 3),
                    ["fit_cpu_s"] = Math.Round(fit.CpuSeconds, 3),
                };
            })
            .ToList();
        Console.WriteLine(
            JsonSerializer.Serialize(
                new Dictionary<string, object>
                {
                    ["rows"] = x.Rows,
                    ["columns"] = x.ColumnCount,
                    ["threads"] = Environment.ProcessorCount,
                    ["load_s"] = Math.Round(loadSeconds, 3),
                    ["scan_s"] = Math.Round(scanSeconds, 3),
                    ["scan_cpu_s"] = Math.Round(scanCpuSeconds, 3),
                    ["recommended"] = result.Recommendation.K,
                    ["per_k"] = perK,
                }
            )
        );
        return 0;
    }
}

/// <summary>The matrix both sides read: a header of column names, then one row of round-trip doubles per
/// customer.</summary>
public static class MatrixCsv
{
    /// <summary>Writes <paramref name="x"/> (values in the shortest round-trip form).</summary>
    public static void Write(FeatureMatrix x, string path)
    {
        using var writer = new StreamWriter(path);
        writer.Write(string.Join(',', x.Columns));
        writer.Write('\n');
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (var j = 0; j < row.Length; j++)
            {
                if (j > 0)
                    writer.Write(',');
                writer.Write(row[j].ToString("R", CultureInfo.InvariantCulture));
            }
            writer.Write('\n');
        }
    }

    /// <summary>Reads a matrix written by <see cref="Write"/>.</summary>
    public static FeatureMatrix Read(string path)
    {
        using var reader = new StreamReader(path);
        var columns = (reader.ReadLine() ?? throw new BenchmarkException($"{path} is empty")).Split(',');
        var values = new List<double>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            foreach (var field in line.Split(','))
                values.Add(double.Parse(field, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        return new FeatureMatrix(columns, values.ToArray());
    }
}
