namespace Segmentation.Benchmarks;

/// <summary>
/// Benchmark entry point: head-to-head comparisons of `seg` with the tools users would otherwise pick, run as child
/// processes in the same run and measured for wall-clock time and peak RSS. See docs/performance.md.
/// </summary>
public static class Program
{
    private const string Usage = $"""
        usage: dotnet run -c Release --project tests/Segmentation.Benchmarks -- <comparison> [options]

          {RfmUsage}
                [--skip-clean] [--timeout-minutes 180]
                `seg rfm` and `seg clean` end to end vs pandas (python/rfm_pandas.py) on a log of N lines in each shape
                {ShapesUsage}
                with ISO timestamps, 20 % missing ids, 2 % cancellations, 0.5 % duplicates; workspace: `seg generate
                --layout workspace`; default all); checks seg rfm and pandas give the same RFM values and scores.
                --breakdown adds one timed in-process run (load+clean / RFM / scores / write); --library uses that
                in-process pipeline instead of `seg rfm`.
          segment --lines N [--shape generated|uci|workspace] [--seed 42] [--skip-python] [--timeout-minutes 180]
                `seg segment` end to end, phase by phase (time and peak RSS of each), vs the same pipeline in pandas +
                scikit-learn (python/segment_sklearn.py: load, clean, features, k-scan with silhouette on a sample, fit,
                bootstrap stability, profile) on the same file in the same run.
          kscan --lines N [--seed 42] [--restarts 10] [--kmin 2] [--kmax 10] [--silhouette-sample 10000] [--runs 1]
                [--prediction-strength 0|1]
                k-scan (KMeansSegmenter, KScan.Run) vs scikit-learn (python/kscan_sklearn.py) on the standardised
                feature matrix of a generated log of N lines (exported once as CSV; both sides read it). Prediction
                strength (which scikit-learn lacks) is off unless --prediction-strength 1 measures what it adds.

          kernel [--cells 200] [--runs 1] [--dotnet-interactive TOOL_PATH]
                the C# (Segmentation) Jupyter kernel through jupyter_client (python/kernel_cells.py): time to ready,
                first cell, median small cell and resident memory growth over --cells small cells; with
                --dotnet-interactive, .NET Interactive's C# kernel measured the same way in the same run.
          excel --lines N [--seed 42]
                `seg rfm` and `seg clean` on the generated online-retail log as CSV and as one .xlsx sheet (written
                once, cached): wall-clock time and peak RSS; exits 1 when a sheet run peaks above 1 GiB.

          {CommonUsage}
        """;

    private const string RfmUsage =
        "rfm   --lines N [--shape generated|uci|workspace|all] [--seed 42] [--runs 1] [--breakdown] [--library] "
        + "[--skip-pandas]";

    private const string ShapesUsage =
        "(generated: the online-retail layout as `seg generate` writes it; uci: as the public UCI Online Retail "
        + "CSVs,";

    private const string CommonUsage =
        "common: --python /usr/bin/python3   --seg <path to seg.dll>   --work <dir> "
        + "(default tests/Segmentation.Benchmarks/work)";

    /// <summary>Runs the comparison named by the first argument.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.WriteLine(Usage);
            return 0;
        }
        try
        {
            var options = Arguments.Parse(args.Skip(1));
            return args[0] switch
            {
                "rfm" => RfmComparison.Run(options),
                "kscan" => KScanComparison.Run(options),
                "segment" => SegmentComparison.Run(options),
                "kernel" => KernelComparison.Run(options),
                "excel" => ExcelComparison.Run(options),
                KScanWorker.Name => KScanWorker.Run(options),
                RfmWorker.Name => RfmWorker.Run(options),
                RfmFloor.Name => RfmFloor.Run(options),
                KMeansProfile.Name => KMeansProfile.Run(options),
                LloydProfile.Name => LloydProfile.Run(options),
                KernelMemoryProfile.Name => KernelMemoryProfile.Run(options),
                _ => Fail($"unknown comparison '{args[0]}'\n{Usage}"),
            };
        }
        catch (BenchmarkException e)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"bench: {message}");
        return 2;
    }
}

/// <summary>A benchmark setup or measurement problem, reported as one line.</summary>
public sealed class BenchmarkException(string message) : Exception(message);
