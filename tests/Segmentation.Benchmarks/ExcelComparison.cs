using System.Globalization;
using Segmentation.Data.Loading;
using Segmentation.Testing;

namespace Segmentation.Benchmarks;

/// <summary>
/// `seg rfm` and `seg clean` on the same generated log as CSV and as one .xlsx sheet: wall-clock time and peak RSS of
/// each (the issue's bound: under 1 GiB for a 1M-row sheet). Not a timed test: a measurement to repeat.
/// </summary>
public static class ExcelComparison
{
    private const long MemoryBound = 1L << 30;

    /// <summary>Runs the measurement; exits 1 when a sheet run peaks above 1 GiB.</summary>
    public static int Run(Arguments options)
    {
        var workspace = Workspace.From(options);
        var lines = options.Integer("lines");
        var seed = options.Seed();
        var csv = workspace.OnlineRetailLog(lines, seed);
        var xlsx = Path.ChangeExtension(csv, ".xlsx");
        if (!File.Exists(xlsx))
            Convert(csv, xlsx);

        var table = new List<string> { "| command | input | wall s | peak RSS MiB |", "|---|---|---:|---:|" };
        var overBound = false;
        foreach (var command in new[] { "rfm", "clean" })
        {
            foreach (var input in new[] { csv, xlsx })
            {
                Workspace.WarmPageCache(input);
                var output = Path.Combine(workspace.Work, "excel", command + Path.GetExtension(input));
                var run = ChildProcess.Run("dotnet", [workspace.Seg, command, "--input", input, "--out", output]);
                run.EnsureSucceeded($"seg {command}");
                overBound |= input == xlsx && run.PeakRssBytes > MemoryBound;
                table.Add(
                    FormattableString.Invariant($"| seg {command} | {Path.GetExtension(input)} ")
                        + FormattableString.Invariant(
                            $"({new FileInfo(input).Length / 1048576.0:F0} MiB) | {run.WallSeconds:F1} | "
                        )
                        + FormattableString.Invariant($"{run.PeakRssMegabytes:F0} |")
                );
            }
        }
        Console.WriteLine(FormattableString.Invariant($"{lines:N0} lines, load {Workspace.LoadAverage()}"));
        foreach (var row in table)
            Console.WriteLine(row);
        if (overBound)
            Console.Error.WriteLine("bench: a sheet run peaked above 1 GiB");
        return overBound ? 1 : 0;
    }

    /// <summary>Writes the CSV log as one sheet: numbers that round-trip as number cells, the rest as text.</summary>
    private static void Convert(string csv, string xlsx)
    {
        Console.WriteLine($"writing {xlsx} ...");
        var partial = xlsx + ".partial";
        File.Delete(partial);
        XlsxWriter.Write(
            partial,
            (
                "transactions",
                File.ReadLines(csv)
                    .Select((line, i) => (i + 1, SourceFile.SplitRecord(line, 0, ',').Select(Cell).ToArray()))
            )
        );
        File.Move(partial, xlsx);

        static object? Cell(string text) =>
            text.Length == 0 ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            && d.ToString("R", CultureInfo.InvariantCulture) == text
                ? d
            : text;
    }
}
