using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Segmentation.Features;

namespace Segmentation.Benchmarks;

/// <summary>
/// A diagnostic: where a k-means restart spends its time and whether capping ML.NET's iterations still keeps the right
/// restart. For each k and each cap, R restarts of ML.NET's trainer alone (CPU time, split into initialisation and
/// iterations), each scored by the double-precision inertia of its centroids and then refined with Lloyd passes until
/// no row moves. It reports the restart the score would keep (and what it refines to) next to the best refined
/// restart, i.e. what <see cref="Segmenting.KMeansSegmenter"/> keeps vs what refining every restart would keep.
/// ML.NET reads the rows through LoadFromEnumerable here, so its random draws differ from the library's.
/// </summary>
public static class KMeansProfile
{
    /// <summary>The hidden sub-command name.</summary>
    public const string Name = "kmeans-profile";

    /// <summary>Prints one line per k and cap, and the total ML.NET CPU time per cap.</summary>
    public static int Run(Arguments options)
    {
        var x = options.Matrix();
        var ks = options.ClusterCounts();
        var caps = options.Integers("iterations", "20");
        var restarts = options.Count("restarts", 3);
        var seedBase = options.Count("seed-base", 1000);
        var refinedByCap = new Dictionary<(int K, int Cap), (double[] Scores, double[] Refined)>();
        var rows = new List<Row>(x.Rows);
        for (var i = 0; i < x.Rows; i++)
        {
            var values = new float[x.ColumnCount];
            var row = x.Row(i);
            for (var j = 0; j < values.Length; j++)
                values[j] = (float)row[j];
            rows.Add(new Row { Features = values });
        }
        Console.WriteLine(
            FormattableString.Invariant($"{x.Rows} rows x {x.ColumnCount} columns; CPU seconds per restart")
        );
        foreach (var cap in caps)
        {
            var total = 0.0;
            foreach (var k in ks)
            {
                double mlnet = 0,
                    initialisation = 0;
                var scores = new double[restarts];
                var refined = new double[restarts];
                var passes = new int[restarts];
                for (var r = 0; r < restarts; r++)
                {
                    var began = Cpu();
                    var initialised = began;
                    var context = new MLContext(seedBase + r);
                    context.Log += (_, e) =>
                    {
                        if (e.Message.Contains("Centroids initialized", StringComparison.Ordinal))
                            initialised = Cpu();
                    };
                    var schema = SchemaDefinition.Create(typeof(Row));
                    schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, x.ColumnCount);
                    var model = context
                        .Clustering.Trainers.KMeans(
                            new KMeansTrainer.Options
                            {
                                FeatureColumnName = "Features",
                                NumberOfClusters = k,
                                NumberOfThreads = 1,
                                MaximumNumberOfIterations = cap,
                            }
                        )
                        .Fit(context.Data.LoadFromEnumerable(rows, schema))
                        .Model;
                    mlnet += Cpu() - began;
                    initialisation += initialised - began;
                    VBuffer<float>[] centroids = [];
                    model.GetClusterCentroids(ref centroids, out _);
                    var c = centroids.SelectMany(v => v.DenseValues().Select(f => (double)f)).ToArray();
                    var labels = new int[x.Rows];
                    scores[r] = Assign(x, c, k, labels);
                    (refined[r], passes[r]) = Refine(x, c, k, labels);
                }
                total += mlnet;
                refinedByCap[(k, cap)] = (scores, refined);
                var kept = Array.IndexOf(scores, scores.Min());
                var best = Array.IndexOf(refined, refined.Min());
                Console.WriteLine(
                    FormattableString.Invariant($"k={k} cap={cap}: ML.NET {mlnet / restarts:F3} (initialisation ")
                        + FormattableString.Invariant(
                            $"{initialisation / restarts:F3}); refinement passes {string.Join(' ', passes)}; "
                        )
                        + FormattableString.Invariant(
                            $"kept restart {kept} refines to {refined[kept]:R}, best refined restart {best}: "
                        )
                        + FormattableString.Invariant(
                            $"{refined[best]:R} (relative loss {refined[kept] / refined[best] - 1:E1})"
                        )
                );
            }
            Console.WriteLine(FormattableString.Invariant($"cap={cap}: ML.NET {total:F1} CPU seconds in all"));
        }
        // What keeping the best of the m best-scored restarts (each refined) loses against the best refined restart of
        // any cap.
        foreach (var k in ks)
        {
            var best = caps.Min(cap => refinedByCap[(k, cap)].Refined.Min());
            var cells = caps.SelectMany(cap =>
                Enumerable
                    .Range(1, 3)
                    .Select(m =>
                    {
                        var (scores, refined) = refinedByCap[(k, cap)];
                        var kept = Enumerable
                            .Range(0, scores.Length)
                            .OrderBy(r => scores[r])
                            .Take(m)
                            .Min(r => refined[r]);
                        return FormattableString.Invariant($"cap{cap}/top{m} {kept / best - 1:E1}");
                    })
            );
            Console.WriteLine(FormattableString.Invariant($"loss k={k}: {string.Join("  ", cells)}"));
        }
        return 0;
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    private static double Assign(FeatureMatrix x, double[] c, int k, int[] labels)
    {
        var d = x.ColumnCount;
        var total = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            var best = 0;
            var bestDistance = double.PositiveInfinity;
            for (var a = 0; a < k; a++)
            {
                var s = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var difference = row[j] - c[a * d + j];
                    s += difference * difference;
                }
                if (s < bestDistance)
                    (bestDistance, best) = (s, a);
            }
            labels[i] = best;
            total += bestDistance;
        }
        return total;
    }

    private static (double Inertia, int Passes) Refine(FeatureMatrix x, double[] c, int k, int[] labels)
    {
        var d = x.ColumnCount;
        var previous = new int[x.Rows];
        var passes = 1;
        var inertia = 0.0;
        while (passes < 300)
        {
            labels.CopyTo(previous, 0);
            var sums = new double[k * d];
            var counts = new int[k];
            for (var i = 0; i < x.Rows; i++)
            {
                var row = x.Row(i);
                for (var j = 0; j < d; j++)
                    sums[labels[i] * d + j] += row[j];
                counts[labels[i]]++;
            }
            for (var a = 0; a < k; a++)
            {
                if (counts[a] == 0)
                    continue;
                for (var j = 0; j < d; j++)
                    c[a * d + j] = sums[a * d + j] / counts[a];
            }
            inertia = Assign(x, c, k, labels);
            passes++;
            if (labels.AsSpan().SequenceEqual(previous))
                break;
        }
        return (inertia, passes);
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
