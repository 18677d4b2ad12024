using System.Globalization;
using System.Text;

namespace Segmentation.Benchmarks;

/// <summary>A markdown report printed to the console and saved under work/results/.</summary>
public sealed class Report
{
    private readonly StringBuilder text = new();

    /// <summary>Appends a line.</summary>
    public Report Line(string line = "")
    {
        text.Append(line).Append('\n');
        return this;
    }

    /// <summary>Appends a markdown table.</summary>
    public Report Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Line("| " + string.Join(" | ", header) + " |");
        Line("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
            Line("| " + string.Join(" | ", row) + " |");
        return this;
    }

    /// <summary>Prints the report and saves it as work/results/<paramref name="name"/>-yyyyMMdd-HHmmss.md; returns the
    /// path.</summary>
    public string Publish(Workspace workspace, string name)
    {
        Console.WriteLine();
        Console.Write(text.ToString());
        var directory = Path.Combine(workspace.Work, "results");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(
            directory,
            $"{name}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.md"
        );
        File.WriteAllText(path, text.ToString());
        Console.WriteLine($"(saved to {path})");
        return path;
    }

    /// <summary>Seconds with one decimal.</summary>
    public static string Seconds(double s) => s.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>MiB without decimals, thousands separated.</summary>
    public static string Megabytes(double mb) => mb.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A ratio such as 4.2×.</summary>
    public static string Ratio(double r) => r.ToString("F2", CultureInfo.InvariantCulture) + "×";

    /// <summary>Median of a non-empty list.</summary>
    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1
            ? sorted[sorted.Length / 2]
            : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>The machine: cores, memory, OS load at this moment.</summary>
    public static string Machine() =>
        FormattableString.Invariant($"{Environment.ProcessorCount} cores, {MemoryGigabytes():F0} GB RAM, load average ")
        + FormattableString.Invariant($"{Workspace.LoadAverage()} (1/5/15 min)");

    private static double MemoryGigabytes()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kb / 1048576.0;
    }
}
