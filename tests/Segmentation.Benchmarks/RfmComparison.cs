using System.Text.Json;

namespace Segmentation.Benchmarks;

/// <summary>`seg rfm` end to end vs pandas doing the same load, cleaning, RFM and scores, on the same generated
/// file.</summary>
public static class RfmComparison
{
    /// <summary>Runs the comparison on every shape named by <c>--shape</c> (default: all) and prints a table per
    /// shape.</summary>
    public static int Run(Arguments options)
    {
        var workspace = Workspace.From(options);
        var code = 0;
        foreach (var shape in LogShapes.Parse(options.Text("shape")))
            code = Math.Max(code, Run(options, workspace, shape));
        return code;
    }

    private static int Run(Arguments options, Workspace workspace, string shape)
    {
        var lines = options.Integer("lines");
        var seed = options.Seed();
        var runs = options.Count("runs", 1);
        var timeout = options.Timeout();
        var skipPandas = options.Flag("skip-pandas");
        var withClean = !options.Flag("skip-clean");
        var breakdown = options.Flag("breakdown");
        var self = typeof(RfmComparison).Assembly.Location;
        var useCli = !options.Flag("library") && HasRfmCommand(workspace);
        if (!useCli)
            Console.WriteLine(
                "seg has no `rfm` command (or --library given): our side is the same pipeline called "
                    + "in-process (rfm-ours)"
            );

        var log = workspace.RfmLog(shape, lines, seed);
        var size = new FileInfo(log).Length;
        Workspace.WarmPageCache(log);
        var loadBefore = Workspace.LoadAverage();

        var ours = new List<ChildRun>();
        var theirs = new List<ChildRun>();
        var cleans = new List<ChildRun>();
        var outputs = Path.Combine(workspace.Work, "out", FormattableString.Invariant($"rfm-{shape}-{lines}"));
        string ourOut = Path.Combine(outputs, "seg"),
            theirOut = Path.Combine(outputs, "pandas");
        // `dotnet DLL COMMAND --input LOG --preset SHAPE --out OUTPUT`: seg's commands and the in-process worker.
        ChildRun Dotnet(string dll, string command, string output) =>
            ChildProcess.Run(
                "dotnet",
                [dll, command, "--input", log, "--preset", LogShapes.Preset(shape), "--out", output],
                timeout: timeout
            );
        static void PrintTimeAndPeak(ChildRun run) =>
            Console.WriteLine(
                FormattableString.Invariant($"  {run.WallSeconds:F1} s, peak RSS {run.PeakRssMegabytes:N0} MiB")
            );
        for (var run = 0; run < runs; run++)
        {
            // Alternate who goes first, so neither always runs on a warmer or cooler machine.
            var order = run % 2 == 0 ? new[] { true, false } : [false, true];
            if (withClean)
            {
                Console.WriteLine($"run {run + 1}/{runs}: seg clean ...");
                var c = Dotnet(workspace.Seg, "clean", Path.Combine(outputs, "seg-clean"));
                c.EnsureSucceeded("seg clean");
                PrintTimeAndPeak(c);
                cleans.Add(c);
            }
            foreach (var seg in order)
            {
                if (seg)
                {
                    Console.WriteLine($"run {run + 1}/{runs}: {(useCli ? "seg rfm" : "rfm-ours")} ...");
                    var r = useCli ? Dotnet(workspace.Seg, "rfm", ourOut) : Dotnet(self, RfmWorker.Name, ourOut);
                    r.EnsureSucceeded(useCli ? "seg rfm" : "rfm-ours");
                    PrintTimeAndPeak(r);
                    ours.Add(r);
                }
                else if (!skipPandas)
                {
                    Console.WriteLine($"run {run + 1}/{runs}: pandas ...");
                    var r = ChildProcess.Run(
                        workspace.Python,
                        [
                            Path.Combine(workspace.Scripts, "rfm_pandas.py"),
                            "--input",
                            log,
                            "--layout",
                            LogShapes.Preset(shape),
                            "--out",
                            theirOut,
                        ],
                        timeout: timeout
                    );
                    r.EnsureSucceeded("rfm_pandas.py");
                    Console.WriteLine(
                        FormattableString.Invariant(
                            $"  {r.WallSeconds:F1} s, peak RSS {r.PeakRssMegabytes:N0} MiB  {r.StandardOutput.Trim()}"
                        )
                    );
                    theirs.Add(r);
                }
            }
        }
        ChildRun? phases = null;
        if (breakdown)
        {
            Console.WriteLine("breakdown: rfm-ours (the same pipeline in-process, timed phase by phase) ...");
            phases = Dotnet(self, RfmWorker.Name, Path.Combine(outputs, "breakdown"));
            phases.EnsureSucceeded("rfm-ours");
        }
        var loadAfter = Workspace.LoadAverage();

        var report = new Report()
            .Line(
                FormattableString.Invariant(
                    $"### seg rfm vs pandas, {shape} shape, {lines:N0} lines ({size / 1048576.0:N0} MiB), "
                ) + FormattableString.Invariant($"{DateTime.Now:yyyy-MM-dd HH:mm}")
            )
            .Line()
            .Line($"Machine: {Report.Machine()}; load before {loadBefore}, after {loadAfter}.")
            .Line(
                FormattableString.Invariant(
                    $"Runs per side: {runs} (order alternated; median wall clock, largest peak RSS)."
                )
            )
            .Line();
        var header = new[] { "side", "wall clock (s)", "all runs (s)", "CPU (s)", "peak RSS (MiB)" };
        var rows = new List<string[]> { Row(useCli ? "seg rfm" : "library in-process (rfm-ours)", ours) };
        if (cleans.Count > 0)
            rows.Add(Row("seg clean (full DuckDB load)", cleans));
        if (theirs.Count > 0)
            rows.Add(Row("pandas " + PandasVersion(theirs), theirs));
        report.Table(header, rows).Line();

        var code = 0;
        var fullLoad = ours[^1]
            .StandardOutput.Split('\n')
            .FirstOrDefault(l => l.Contains("loaded in full", StringComparison.Ordinal));
        report
            .Line(
                fullLoad is null
                    ? "seg rfm streamed the file."
                    : $"seg rfm did not stream the file: `{fullLoad.Trim()}`"
            )
            .Line();
        if (theirs.Count > 0)
        {
            var speed =
                Report.Median(theirs.Select(r => r.WallSeconds).ToList())
                / Report.Median(ours.Select(r => r.WallSeconds).ToList());
            var memory = ours.Max(r => r.PeakRssMegabytes) / theirs.Max(r => r.PeakRssMegabytes);
            var agreement = RfmFile.Compare(
                RfmFile.Read(Path.Combine(ourOut, "rfm.csv")),
                RfmFile.Read(Path.Combine(theirOut, "rfm.csv"))
            );
            report
                .Line(
                    $"seg is {Report.Ratio(speed)} faster than pandas (target ≥ 5× at 10M lines, issue 16); "
                        + $"its peak RSS is {Report.Ratio(memory)} pandas' (target ≤ 1×)."
                )
                .Line($"Outputs: {agreement}");
            if (cleans.Count > 0)
            {
                var cleanSpeed =
                    Report.Median(theirs.Select(r => r.WallSeconds).ToList())
                    / Report.Median(cleans.Select(r => r.WallSeconds).ToList());
                var cleanMemory = cleans.Max(r => r.PeakRssMegabytes) / theirs.Max(r => r.PeakRssMegabytes);
                report.Line(
                    "seg clean (the full load: clean.parquet, returns, quarantine, profile, outliers) runs "
                        + $"at {Report.Ratio(cleanSpeed)} pandas' speed (target ≥ 1×) with "
                        + $"{Report.Ratio(cleanMemory)} its peak RSS (target ≤ 1×)."
                );
            }
            if (!agreement.Agrees)
                code = 1;
        }
        if (phases is not null)
        {
            report
                .Line()
                .Line(
                    FormattableString.Invariant(
                        $"Breakdown of our side (rfm-ours, one more run: {phases.WallSeconds:F1} s, peak "
                    ) + FormattableString.Invariant($"RSS {phases.PeakRssMegabytes:N0} MiB): `{Last(phases)}`")
                );
        }
        if (!useCli)
            report.Line().Line($"Our phases (last run): `{Last(ours[^1])}`");
        if (theirs.Count > 0)
            report.Line().Line($"pandas phases (last run): `{Last(theirs[^1])}`");
        report
            .Line()
            .Line("Commands:")
            .Line("```")
            .Line(ours[^1].Command)
            .Line(cleans.Count > 0 ? cleans[^1].Command : "(seg clean skipped)")
            .Line(theirs.Count > 0 ? theirs[^1].Command : "(pandas skipped)")
            .Line("```");
        report.Publish(workspace, FormattableString.Invariant($"rfm-{shape}-{lines}"));
        return code;
    }

    private static string[] Row(string side, IReadOnlyList<ChildRun> runs) =>
        [
            side,
            Report.Seconds(Report.Median(runs.Select(r => r.WallSeconds).ToList())),
            string.Join(", ", runs.Select(r => Report.Seconds(r.WallSeconds))),
            Report.Seconds(Report.Median(runs.Select(r => r.CpuSeconds ?? 0).ToList())),
            Report.Megabytes(runs.Max(r => r.PeakRssMegabytes)),
        ];

    private static string Last(ChildRun run) => run.StandardOutput.Trim().Split('\n')[^1];

    private static bool HasRfmCommand(Workspace workspace) =>
        ChildProcess
            .Run("dotnet", [workspace.Seg, "rfm", "--help"], measure: false)
            .StandardOutput.Contains("seg rfm", StringComparison.Ordinal);

    private static string PandasVersion(IReadOnlyList<ChildRun> runs)
    {
        try
        {
            using var json = JsonDocument.Parse(runs[^1].StandardOutput.Trim().Split('\n')[^1]);
            return json.RootElement.GetProperty("pandas").GetString() ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}
