using System.Diagnostics;
using System.Globalization;
using Segmentation.Kernel.Engine;

namespace Segmentation.Benchmarks;

/// <summary>
/// A diagnostic: where the kernel's memory goes per cell. Runs the kernel's engine (the notebook runtime's session,
/// with completion) in this process over N small cells — the `kernel` comparison's cells — and, every
/// <c>--every</c> cells, prints what is kept: the managed heap after a full compacting collection, the GC's committed
/// memory, resident memory, loaded assemblies, jitted methods and IL bytes. With <c>--complete 1</c> a completion
/// request follows every cell (as an editor asks while one types).
/// </summary>
public static class KernelMemoryProfile
{
    /// <summary>The hidden sub-command name.</summary>
    public const string Name = "kernel-memory";

    public static int Run(Arguments options)
    {
        var cells = options.Count("cells", 200);
        var every = options.Count("every", 50);
        var complete = options.Switch("complete");
        using var engine = new NotebookEngine();
        var sink = new DiscardingSink();
        Execute(engine, sink, "1");
        var first = Measure();
        Console.WriteLine($"kernel-memory: {cells} cells, completion after each: {complete}");
        Console.WriteLine(
            "| cells | managed heap kept (MiB) | GC committed (MiB) | resident (MiB) | assemblies | jitted "
                + "methods | jitted IL (KiB) |"
        );
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        Print(0, first);
        var last = first;
        for (var i = 0; i < cells; i++)
        {
            var code = string.Create(
                CultureInfo.InvariantCulture,
                $"var v{i} = Enumerable.Range(0, {i} + 10).Select(x => x * 2).ToList();\nv{i}.Count"
            );
            Execute(engine, sink, code);
            if (complete)
                _ = engine.Complete($"v{i}.", $"v{i}.".Length);
            if ((i + 1) % every == 0 || i + 1 == cells)
            {
                last = Measure();
                Print(i + 1, last);
            }
        }
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"per cell: managed kept {(last.Managed - first.Managed) / cells / 1024.0:F1} KiB, GC "
            )
                + string.Create(
                    CultureInfo.InvariantCulture,
                    $"committed {(last.Committed - first.Committed) / cells / 1024.0:F1} KiB, resident "
                )
                + string.Create(
                    CultureInfo.InvariantCulture,
                    $"{(last.Resident - first.Resident) / cells / 1024.0:F1} KiB, jitted IL "
                )
                + string.Create(
                    CultureInfo.InvariantCulture,
                    $"{(last.JittedIl - first.JittedIl) / cells / 1024.0:F1} KiB, "
                )
                + string.Create(
                    CultureInfo.InvariantCulture,
                    $"{(last.Methods - first.Methods) / (double)cells:F1} methods"
                )
        );
        return 0;
    }

    private static void Execute(NotebookEngine engine, DiscardingSink sink, string code)
    {
        var outcome = engine.ExecuteAsync(code, sink, CancellationToken.None).GetAwaiter().GetResult();
        if (outcome.Error is { } error)
            throw new BenchmarkException($"cell failed: {error.Name}: {error.Value}");
    }

    private static Snapshot Measure()
    {
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        GC.WaitForPendingFinalizers();
        managed = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        return new Snapshot(
            managed,
            GC.GetGCMemoryInfo().TotalCommittedBytes,
            process.WorkingSet64,
            AppDomain.CurrentDomain.GetAssemblies().Length,
            System.Runtime.JitInfo.GetCompiledMethodCount(),
            System.Runtime.JitInfo.GetCompiledILBytes()
        );
    }

    private static void Print(int cells, Snapshot s) =>
        Console.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"| {cells} | {s.Managed / 1048576.0:F1} | {s.Committed / 1048576.0:F1} | "
            )
                + string.Create(
                    CultureInfo.InvariantCulture,
                    $"{s.Resident / 1048576.0:F1} | {s.Assemblies} | {s.Methods} | {s.JittedIl / 1024.0:F0} |"
                )
        );

    private sealed record Snapshot(
        long Managed,
        long Committed,
        long Resident,
        int Assemblies,
        long Methods,
        long JittedIl
    );

    private sealed class DiscardingSink : IOutputSink
    {
        public void WriteStream(string name, string text) { }

        public void Display(MimeBundle bundle, string? displayId) { }

        public void UpdateDisplay(MimeBundle bundle, string displayId) { }

        public string ReadLine(string prompt, bool password) =>
            throw new InvalidOperationException("no input in a benchmark");
    }
}
