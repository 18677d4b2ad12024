using System.Globalization;
using System.Text.Json;

namespace Segmentation.Benchmarks;

/// <summary>
/// The k-scan (k = kmin..kmax, R restarts each, silhouette, Calinski–Harabasz, Davies–Bouldin) on the standardised
/// feature matrix of a generated log: our library (<see cref="KScanWorker"/>) vs scikit-learn, both as child
/// processes reading the same exported matrix.
/// </summary>
public static class KScanComparison
{
    /// <summary>Runs the comparison and prints the table.</summary>
    public static int Run(Arguments options)
    {
        var workspace = Workspace.From(options);
        var lines = options.Integer("lines");
        var seed = options.Seed();
        var restarts = options.Integer("restarts", 10);
        var kMin = options.Integer("kmin", 2);
        var kMax = options.Integer("kmax", 10);
        var sample = options.Integer("silhouette-sample", 10_000);
        var runs = options.Count("runs", 1);
        var timeout = options.Timeout();

        var log = workspace.OnlineRetailLog(lines, seed);
        var matrix = FeatureExport.Matrix(log);
        var loadBefore = Workspace.LoadAverage();
        string Text(long v) => v.ToString(CultureInfo.InvariantCulture);
        var common = new[]
        {
            "--matrix",
            matrix,
            "--kmin",
            Text(kMin),
            "--kmax",
            Text(kMax),
            "--seed",
            Text((long)seed),
        };
        var self = typeof(KScanComparison).Assembly.Location;

        var ours = new List<ChildRun>();
        var theirs = new List<ChildRun>();
        for (var run = 0; run < runs; run++)
        {
            foreach (var mine in run % 2 == 0 ? new[] { true, false } : [false, true])
            {
                if (mine)
                {
                    Console.WriteLine($"run {run + 1}/{runs}: KScan.Run ...");
                    var r = ChildProcess.Run(
                        "dotnet",
                        [
                            self,
                            KScanWorker.Name,
                            .. common,
                            "--restarts",
                            Text(restarts),
                            "--silhouette-sample",
                            Text(sample),
                            "--prediction-strength",
                            Text(options.Integer("prediction-strength", 0)),
                        ],
                        timeout: timeout
                    );
                    r.EnsureSucceeded("kscan-ours");
                    Console.WriteLine(
                        FormattableString.Invariant(
                            $"  scan {ScanSeconds(r):F1} s, process {r.WallSeconds:F1} s, peak RSS "
                        ) + FormattableString.Invariant($"{r.PeakRssMegabytes:N0} MiB")
                    );
                    ours.Add(r);
                }
                else
                {
                    Console.WriteLine($"run {run + 1}/{runs}: scikit-learn ...");
                    var r = ChildProcess.Run(
                        workspace.Python,
                        [
                            Path.Combine(workspace.Scripts, "kscan_sklearn.py"),
                            .. common,
                            "--n-init",
                            Text(restarts),
                            "--silhouette-sample",
                            Text(sample),
                        ],
                        timeout: timeout
                    );
                    r.EnsureSucceeded("kscan_sklearn.py");
                    Console.WriteLine(
                        FormattableString.Invariant(
                            $"  scan {ScanSeconds(r):F1} s, process {r.WallSeconds:F1} s, peak RSS "
                        ) + FormattableString.Invariant($"{r.PeakRssMegabytes:N0} MiB")
                    );
                    theirs.Add(r);
                }
            }
        }
        var loadAfter = Workspace.LoadAverage();

        using var ourJson = Json(ours[^1]);
        using var theirJson = Json(theirs[^1]);
        var rows = ourJson.RootElement.GetProperty("rows").GetInt32();
        var columns = ourJson.RootElement.GetProperty("columns").GetInt32();
        var silhouette =
            sample > 0 && sample < rows
                ? FormattableString.Invariant(
                    $"on a sample of {sample:N0} rows on both sides (ours stratified by label, "
                ) + FormattableString.Invariant($"scikit-learn's uniform; seed {seed})")
                : "exact on both sides";
        var report = new Report()
            .Line(
                FormattableString.Invariant(
                    $"### k-scan vs scikit-learn, feature matrix of a {lines:N0}-line log ({rows:N0} "
                ) + FormattableString.Invariant($"customers × {columns} columns), {DateTime.Now:yyyy-MM-dd HH:mm}")
            )
            .Line()
            .Line($"Machine: {Report.Machine()}; load before {loadBefore}, after {loadAfter}.")
            .Line($"Columns: {string.Join(", ", FeatureExport.Columns)}, each log1p then z-scored.")
            .Line(
                FormattableString.Invariant($"k = {kMin}..{kMax}, {restarts} restarts each; silhouette {silhouette}; ")
                    + "Calinski–Harabasz and Davies–Bouldin on both sides; no gap statistic. Runs per side: "
                    + FormattableString.Invariant($"{runs}.")
            )
            .Line();
        report
            .Table(
                [
                    "side",
                    "scan (s)",
                    "all runs (s)",
                    "scan CPU (s)",
                    "process wall clock (s)",
                    "process CPU (s)",
                    "peak RSS (MiB)",
                ],
                [
                    Row("KScan.Run + KMeansSegmenter", ours),
                    Row("scikit-learn " + theirJson.RootElement.GetProperty("sklearn").GetString(), theirs),
                ]
            )
            .Line();

        var ratio =
            Report.Median(ours.Select(ScanSeconds).ToList()) / Report.Median(theirs.Select(ScanSeconds).ToList());
        var cpuRatio =
            Report.Median(ours.Select(ScanCpuSeconds).ToList()) / Report.Median(theirs.Select(ScanCpuSeconds).ToList());
        report
            .Line(
                $"Our scan takes {Report.Ratio(ratio)} scikit-learn's time (target ≤ 0.5×) and "
                    + $"{Report.Ratio(cpuRatio)} its CPU time."
            )
            .Line();
        report.Table(
            [
                "k",
                "inertia ours",
                "inertia sklearn",
                "ours / sklearn − 1",
                "silhouette ours",
                "silhouette sklearn",
                "fit ours (s)",
                "fit sklearn (s)",
            ],
            PerK(ourJson.RootElement)
                .Zip(PerK(theirJson.RootElement), (a, b) =>
                    new[]
                    {
                        a.GetProperty("k").GetInt32().ToString(CultureInfo.InvariantCulture),
                        Number(a, "inertia", "F1"),
                        Number(b, "inertia", "F1"),
                        (a.GetProperty("inertia").GetDouble() / b.GetProperty("inertia").GetDouble() - 1).ToString(
                            "+0.0E+0;-0.0E+0;0",
                            CultureInfo.InvariantCulture
                        ),
                        Number(a, "silhouette", "F4"),
                        Number(b, "silhouette", "F4"),
                        Number(a, "fit_s", "F1"),
                        Number(b, "fit_s", "F1"),
                    }
                )
        );
        report
            .Line()
            .Line("Commands:")
            .Line("```")
            .Line(ours[^1].Command)
            .Line(theirs[^1].Command)
            .Line("```")
            .Line()
            .Line("Raw output (last run of each side):")
            .Line("```")
            .Line(ours[^1].StandardOutput.Trim())
            .Line(theirs[^1].StandardOutput.Trim())
            .Line("```");
        report.Publish(workspace, FormattableString.Invariant($"kscan-{lines}"));
        return 0;
    }

    private static JsonDocument Json(ChildRun run) => JsonDocument.Parse(run.StandardOutput.Trim().Split('\n')[^1]);

    private static double ScanSeconds(ChildRun run)
    {
        using var json = Json(run);
        return json.RootElement.GetProperty("scan_s").GetDouble();
    }

    private static double ScanCpuSeconds(ChildRun run)
    {
        using var json = Json(run);
        return json.RootElement.GetProperty("scan_cpu_s").GetDouble();
    }

    private static IEnumerable<JsonElement> PerK(JsonElement root) => root.GetProperty("per_k").EnumerateArray();

    private static string Number(JsonElement row, string name, string format) =>
        row.GetProperty(name).GetDouble().ToString(format, CultureInfo.InvariantCulture);

    private static string[] Row(string side, IReadOnlyList<ChildRun> runs) =>
        [
            side,
            Report.Seconds(Report.Median(runs.Select(ScanSeconds).ToList())),
            string.Join(", ", runs.Select(r => Report.Seconds(ScanSeconds(r)))),
            Report.Seconds(Report.Median(runs.Select(ScanCpuSeconds).ToList())),
            Report.Seconds(Report.Median(runs.Select(r => r.WallSeconds).ToList())),
            Report.Seconds(Report.Median(runs.Select(r => r.CpuSeconds ?? 0).ToList())),
            Report.Megabytes(runs.Max(r => r.PeakRssMegabytes)),
        ];
}
