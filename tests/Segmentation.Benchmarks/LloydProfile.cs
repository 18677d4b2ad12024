using System.Diagnostics;
using System.Globalization;
using Segmentation.Segmenting;

namespace Segmentation.Benchmarks;

/// <summary>
/// A diagnostic: the cost of the double-precision passes <see cref="KMeansSegmenter"/> adds to ML.NET's restarts — one
/// assignment pass (how each restart is scored) and a refinement to convergence (what the best-scored restarts get) —
/// on one thread, per k, from centroids at k rows spread through the matrix.
/// </summary>
public static class LloydProfile
{
    /// <summary>The hidden sub-command name.</summary>
    public const string Name = "lloyd-profile";

    /// <summary>Prints one line per k.</summary>
    public static int Run(Arguments options)
    {
        var x = options.Matrix();
        var ks = options.ClusterCounts();
        var repeats = options.Count("repeats", 5);
        Console.WriteLine(FormattableString.Invariant($"{x.Rows} rows x {x.ColumnCount} columns, one thread"));
        foreach (var k in ks)
        {
            var start = new double[k * x.ColumnCount];
            for (var c = 0; c < k; c++)
                x.Row((int)((long)c * x.Rows / k)).CopyTo(start.AsSpan(c * x.ColumnCount));
            var labels = new int[x.Rows];
            Lloyd.Assign(x, start, k, labels);
            var watch = Stopwatch.StartNew();
            for (var r = 0; r < repeats; r++)
                Lloyd.Assign(x, start, k, labels);
            var assign = watch.Elapsed.TotalSeconds / repeats;
            var centroids = (double[])start.Clone();
            watch.Restart();
            var (passes, inertia) = Lloyd.Refine(x, centroids, k, labels, 300);
            var refine = watch.Elapsed.TotalSeconds;
            Console.WriteLine(
                FormattableString.Invariant(
                    $"k={k}: assignment pass {assign * 1e3:F2} ms ({assign * 1e9 / x.Rows:F1} ns/row); "
                )
                    + FormattableString.Invariant(
                        $"refinement {passes} passes in {refine * 1e3:F0} ms ({refine * 1e3 / passes:F2} "
                    )
                    + FormattableString.Invariant($"ms/pass), inertia {inertia:R}")
            );
        }
        return 0;
    }
}
