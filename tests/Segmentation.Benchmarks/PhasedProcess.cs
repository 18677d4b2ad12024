using System.Diagnostics;
using System.Globalization;

namespace Segmentation.Benchmarks;

/// <summary>One phase of a child process: its name, when it started and ended (seconds from the start) and the largest
/// resident memory of the process tree sampled while it ran.</summary>
/// <param name="Name">The phase as the child announced it.</param>
/// <param name="StartSeconds">Seconds from the child's start to the announcement.</param>
/// <param name="EndSeconds">Seconds from the child's start to the next announcement (or the exit).</param>
/// <param name="PeakRssBytes">Largest sum of VmRSS over the process tree, sampled every 100 ms during the
/// phase.</param>
/// <param name="CpuSeconds">User + system CPU seconds of the process tree during the phase (from /proc/PID/stat at its
/// ends).</param>
public sealed record PhaseRun(string Name, double StartSeconds, double EndSeconds, long PeakRssBytes, double CpuSeconds)
{
    /// <summary>Seconds the phase took.</summary>
    public double Seconds => EndSeconds - StartSeconds;

    /// <summary>Peak RSS in MiB.</summary>
    public double PeakRssMegabytes => PeakRssBytes / 1048576.0;
}

/// <summary>
/// Runs a child under <c>/usr/bin/time -v</c> (its peak RSS and CPU time) and splits its run into phases: every line on
/// stderr that starts with one of the markers (<c>seg: </c>, <c>phase: </c>) begins a new phase. The resident memory of
/// the child's process tree is sampled every 100 ms, so a phase's peak is the largest sample within it (a spike shorter
/// than 100 ms can be missed; the whole run's peak comes from the kernel via /usr/bin/time). The CPU time of a phase is
/// the difference of the tree's user + system time at its ends: on a machine shared with other work it says more than
/// the wall clock, which includes the time spent waiting for a core.
/// </summary>
public static class PhasedProcess
{
    private static readonly string[] Markers = ["seg: ", "phase: "];

    /// <summary>Runs <paramref name="file"/> and returns the run and its phases; each announcement is echoed with its
    /// time.</summary>
    public static (ChildRun Run, IReadOnlyList<PhaseRun> Phases) Run(
        string file,
        IReadOnlyList<string> arguments,
        TimeSpan timeout
    )
    {
        var report = Path.Combine(Path.GetTempPath(), $"bench-time-{Guid.NewGuid():N}.txt");
        var info = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-v", "-o", report, file }.Concat(arguments))
            info.ArgumentList.Add(a);
        var command = string.Join(' ', new[] { file }.Concat(arguments));

        var gate = new object();
        var phases = new List<(string Name, double Start, long Peak, double Cpu)>();
        var lastCpu = 0.0;
        var stderr = new System.Text.StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new BenchmarkException($"cannot start {command}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var reader = Task.Run(() =>
        {
            while (process.StandardError.ReadLine() is { } line)
            {
                lock (gate)
                {
                    stderr.Append(line).Append('\n');
                    var marker = Markers.FirstOrDefault(m => line.StartsWith(m, StringComparison.Ordinal));
                    if (marker is null)
                        continue;
                    var name = line[marker.Length..].Trim();
                    phases.Add((name, watch.Elapsed.TotalSeconds, TreeRss(process.Id), TreeCpu(process.Id)));
                    Console.WriteLine(
                        string.Format(
                            CultureInfo.InvariantCulture,
                            "  {0,7:F1} s  {1}",
                            watch.Elapsed.TotalSeconds,
                            name
                        )
                    );
                }
            }
        });
        var sampler = Task.Run(async () =>
        {
            while (!process.HasExited)
            {
                var rss = TreeRss(process.Id);
                var cpu = TreeCpu(process.Id);
                lock (gate)
                {
                    if (phases.Count > 0 && rss > phases[^1].Peak)
                        phases[^1] = phases[^1] with { Peak = rss };
                    if (cpu > 0)
                        lastCpu = cpu;
                }
                await Task.Delay(100).ConfigureAwait(false);
            }
        });
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new BenchmarkException($"timed out after {timeout.TotalMinutes:F0} min: {command}");
        }
        process.WaitForExit();
        var end = watch.Elapsed.TotalSeconds;
        reader.Wait();
        sampler.Wait();

        var (rss, cpu) = File.Exists(report) ? ChildProcess.ParseTimeReport(File.ReadAllLines(report)) : (null, null);
        if (File.Exists(report))
            File.Delete(report);
        var run = new ChildRun(command, process.ExitCode, stdout.Result, stderr.ToString(), end, rss, cpu);
        // The last phase ends with the process: its CPU time runs to the last sample (at most 100 ms early) or the
        // total.
        var totalCpu = cpu ?? lastCpu;
        var result = phases
            .Select(
                (p, i) =>
                    new PhaseRun(
                        p.Name,
                        p.Start,
                        i + 1 < phases.Count ? phases[i + 1].Start : end,
                        p.Peak,
                        (i + 1 < phases.Count ? phases[i + 1].Cpu : Math.Max(totalCpu, lastCpu)) - p.Cpu
                    )
            )
            .ToList();
        return (run, result);
    }

    /// <summary>User + system CPU seconds of <paramref name="pid"/> and its living descendants (0 when it is
    /// gone).</summary>
    private static double TreeCpu(int pid)
    {
        var ticks = 0L;
        foreach (var p in Tree(pid))
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{p}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks +=
                    long.Parse(fields[11], CultureInfo.InvariantCulture)
                    + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (IOException) { }
        }
        return ticks / 100.0; // USER_HZ
    }

    /// <summary><paramref name="pid"/> and its living descendants.</summary>
    private static List<int> Tree(int pid)
    {
        var all = new List<int>();
        var pending = new Stack<int>([pid]);
        while (pending.Count > 0)
        {
            var p = pending.Pop();
            all.Add(p);
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{p}/task"))
                {
                    var children = File.ReadAllText(Path.Combine(task, "children"));
                    foreach (var c in children.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                        pending.Push(int.Parse(c, CultureInfo.InvariantCulture));
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return all;
    }

    /// <summary>The sum of VmRSS over <paramref name="pid"/> and its descendants (0 when it is gone).</summary>
    private static long TreeRss(int pid)
    {
        long total = 0;
        foreach (var p in Tree(pid))
        {
            try
            {
                foreach (var line in File.ReadLines($"/proc/{p}/status"))
                {
                    if (!line.StartsWith("VmRSS:", StringComparison.Ordinal))
                        continue;
                    // "VmRSS:\t  123456 kB": a tab, then spaces that pad the number to 8 digits (none above 9.5 GB).
                    total +=
                        long.Parse(
                            line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[1],
                            CultureInfo.InvariantCulture
                        ) * 1024;
                    break;
                }
            }
            catch (IOException) { }
        }
        return total;
    }
}
