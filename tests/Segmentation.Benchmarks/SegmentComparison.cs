namespace Segmentation.Benchmarks;

/// <summary>
/// `seg segment` end to end (load, clean, features with CLV, k-scan, fit, validation with stability and holdout,
/// migration, personas, outputs and report) phase by phase, beside the same pipeline in pandas + scikit-learn
/// (python/segment_sklearn.py), on the same file in the same run. Phases are what each side announces on stderr
/// (<see cref="PhasedProcess"/>).
/// </summary>
public static class SegmentComparison
{
    /// <summary>Runs both sides on the log of --lines lines (--shape, default generated) and prints the phase
    /// tables.</summary>
    public static int Run(Arguments options)
    {
        var workspace = Workspace.From(options);
        var lines = options.Integer("lines");
        var seed = options.Seed();
        var shape = LogShapes.Parse(options.Text("shape") ?? LogShapes.Generated).Single();
        var timeout = options.Timeout();
        var log = workspace.RfmLog(shape, lines, seed);
        var size = new FileInfo(log).Length;
        var outputs = Path.Combine(workspace.Work, "out", FormattableString.Invariant($"segment-{shape}-{lines}"));
        var preset = LogShapes.Preset(shape);

        Workspace.WarmPageCache(log);
        var loadBefore = Workspace.LoadAverage();
        Console.WriteLine("seg segment ...");
        var (ours, ourPhases) = PhasedProcess.Run(
            "dotnet",
            [
                workspace.Seg,
                "segment",
                "--input",
                log,
                "--preset",
                preset,
                "--seed",
                "42",
                "--progress",
                "--out",
                Path.Combine(outputs, "seg"),
            ],
            timeout
        );
        ours.EnsureSucceeded("seg segment");
        Console.WriteLine(
            FormattableString.Invariant($"  {ours.WallSeconds:F1} s, peak RSS {ours.PeakRssMegabytes:N0} MiB")
        );
        ChildRun? theirs = null;
        IReadOnlyList<PhaseRun> theirPhases = [];
        if (!options.Flag("skip-python"))
        {
            Workspace.WarmPageCache(log);
            Console.WriteLine("pandas + scikit-learn ...");
            (theirs, theirPhases) = PhasedProcess.Run(
                workspace.Python,
                [
                    Path.Combine(workspace.Scripts, "segment_sklearn.py"),
                    "--input",
                    log,
                    "--layout",
                    preset,
                    "--seed",
                    "42",
                    "--out",
                    Path.Combine(outputs, "sklearn"),
                ],
                timeout
            );
            theirs.EnsureSucceeded("segment_sklearn.py");
            Console.WriteLine(
                FormattableString.Invariant($"  {theirs.WallSeconds:F1} s, peak RSS {theirs.PeakRssMegabytes:N0} MiB")
            );
        }
        var loadAfter = Workspace.LoadAverage();

        var report = new Report()
            .Line(
                FormattableString.Invariant(
                    $"### seg segment vs pandas + scikit-learn, {shape} shape, {lines:N0} lines "
                ) + FormattableString.Invariant($"({size / 1048576.0:N0} MiB), {DateTime.Now:yyyy-MM-dd HH:mm}")
            )
            .Line()
            .Line(
                $"Machine: {Report.Machine()}; load before {loadBefore}, after {loadAfter}. One run per "
                    + "side, one after the other."
            )
            .Line(
                "Phase CPU: user + system time of the process tree between the phase's announcements "
                    + "(/proc/PID/stat); phase peak RSS: the largest"
            )
            .Line(
                "100 ms sample of the tree's resident memory during the phase; totals from /usr/bin/time "
                    + "-v. On a shared machine CPU time is the steadier figure."
            )
            .Line();
        Table(report, "seg segment", ours, ourPhases);
        if (theirs is not null)
        {
            Table(report, "pandas + scikit-learn", theirs, theirPhases);
            report.Line(
                FormattableString.Invariant(
                    $"seg segment takes {Report.Ratio(ours.WallSeconds / theirs.WallSeconds)} the wall "
                )
                    + "clock of pandas + scikit-learn, "
                    + FormattableString.Invariant($"{Report.Ratio((ours.CpuSeconds ?? 0) / (theirs.CpuSeconds ?? 1))}")
                    + FormattableString.Invariant(
                        $" its CPU time and {Report.Ratio(ours.PeakRssMegabytes / theirs.PeakRssMegabytes)} its "
                    )
                    + "peak RSS."
            );
            report.Line($"pandas + scikit-learn: `{theirs.StandardOutput.Trim().Split('\n')[^1]}`").Line();
        }
        report
            .Line(
                $"seg: `{ours.StandardOutput.Trim()
                    .Split('\n')
                    .FirstOrDefault(l => l.StartsWith("SegmentWorkflowResult", StringComparison.Ordinal))}`"
            )
            .Line()
            .Line("Commands:")
            .Line("```")
            .Line(ours.Command)
            .Line(theirs?.Command ?? "(pandas + scikit-learn skipped)")
            .Line("```");
        report.Publish(workspace, FormattableString.Invariant($"segment-{shape}-{lines}"));
        return 0;
    }

    private static void Table(Report report, string side, ChildRun run, IReadOnlyList<PhaseRun> phases)
    {
        var rows = phases
            .Select(p =>
                (IReadOnlyList<string>)
                    [
                        Shorten(p.Name),
                        Report.Seconds(p.Seconds),
                        Report.Seconds(p.CpuSeconds),
                        Report.Megabytes(p.PeakRssMegabytes),
                    ]
            )
            .ToList();
        rows.Add([
            "**total**",
            Report.Seconds(run.WallSeconds),
            Report.Seconds(run.CpuSeconds ?? 0),
            Report.Megabytes(run.PeakRssMegabytes),
        ]);
        report.Line($"{side}:").Line().Table(["phase", "wall clock (s)", "CPU (s)", "peak RSS (MiB)"], rows).Line();
    }

    /// <summary>A phase name without the input path it may carry.</summary>
    private static string Shorten(string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? name : name[..slash].TrimEnd() + " " + Path.GetFileName(name[slash..].Split(' ')[0]);
    }
}
