using System.Diagnostics;
using System.Globalization;

namespace Segmentation.Benchmarks;

/// <summary>One finished child process: exit code, output, wall-clock time and (when measured) peak resident set
/// size.</summary>
/// <param name="Command">The command line, for messages and the report.</param>
/// <param name="ExitCode">Exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
/// <param name="WallSeconds">Wall-clock seconds from start to exit.</param>
/// <param name="PeakRssBytes">"Maximum resident set size" from /usr/bin/time -v, or null when not measured.</param>
/// <param name="CpuSeconds">User + system CPU seconds from /usr/bin/time -v, or null.</param>
public sealed record ChildRun(
    string Command,
    int ExitCode,
    string StandardOutput,
    string StandardError,
    double WallSeconds,
    long? PeakRssBytes,
    double? CpuSeconds
)
{
    /// <summary>Throws with the tail of stderr when the process failed.</summary>
    public void EnsureSucceeded(string what)
    {
        if (ExitCode == 0)
            return;
        var tail = string.Join('\n', StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(15));
        throw new BenchmarkException($"{what} exited with {ExitCode}: {Command}\n{tail}");
    }

    /// <summary>Peak RSS in MiB.</summary>
    public double PeakRssMegabytes => (PeakRssBytes ?? 0) / 1048576.0;
}

/// <summary>Runs a child process, optionally under <c>/usr/bin/time -v</c> for its peak RSS and CPU time.</summary>
public static class ChildProcess
{
    private const string TimeTool = "/usr/bin/time";

    /// <summary>Runs <paramref name="file"/> with <paramref name="arguments"/> and waits for it.</summary>
    public static ChildRun Run(
        string file,
        IReadOnlyList<string> arguments,
        bool measure = true,
        TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null
    )
    {
        var report = measure ? Path.Combine(Path.GetTempPath(), $"bench-time-{Guid.NewGuid():N}.txt") : null;
        var info = new ProcessStartInfo(measure ? TimeTool : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (measure)
        {
            if (!File.Exists(TimeTool))
                throw new BenchmarkException($"{TimeTool} is missing; install it with `apt-get install time`");
            foreach (var a in new[] { "-v", "-o", report!, file })
                info.ArgumentList.Add(a);
        }
        foreach (var a in arguments)
            info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        var command = string.Join(' ', new[] { file }.Concat(arguments).Select(Quote));

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new BenchmarkException($"cannot start {command}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromHours(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new BenchmarkException(
                $"timed out after {(timeout ?? TimeSpan.FromHours(3)).TotalMinutes:F0} min: {command}"
            );
        }
        process.WaitForExit();
        watch.Stop();

        long? rss = null;
        double? cpu = null;
        if (report is not null && File.Exists(report))
        {
            (rss, cpu) = ParseTimeReport(File.ReadAllLines(report));
            File.Delete(report);
        }
        return new ChildRun(
            command,
            process.ExitCode,
            stdout.Result,
            stderr.Result,
            watch.Elapsed.TotalSeconds,
            rss,
            cpu
        );
    }

    /// <summary>Peak RSS (bytes) and user + system seconds from the report of <c>/usr/bin/time -v</c>.</summary>
    internal static (long? Rss, double? Cpu) ParseTimeReport(IEnumerable<string> lines)
    {
        long? rss = null;
        double user = 0,
            system = 0;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            var colon = line.LastIndexOf(": ", StringComparison.Ordinal);
            if (colon < 0)
                continue;
            var value = line[(colon + 2)..];
            if (line.StartsWith("Maximum resident set size", StringComparison.Ordinal))
                rss = long.Parse(value, CultureInfo.InvariantCulture) * 1024;
            else if (line.StartsWith("User time", StringComparison.Ordinal))
                user = double.Parse(value, CultureInfo.InvariantCulture);
            else if (line.StartsWith("System time", StringComparison.Ordinal))
                system = double.Parse(value, CultureInfo.InvariantCulture);
        }
        return (rss, user + system);
    }

    private static string Quote(string a) => a.Contains(' ', StringComparison.Ordinal) ? $"'{a}'" : a;
}
