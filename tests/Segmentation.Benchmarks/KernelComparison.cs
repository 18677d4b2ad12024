using System.Globalization;
using System.Text.Json.Nodes;

namespace Segmentation.Benchmarks;

/// <summary>
/// `kernel`: the C# (Segmentation) Jupyter kernel as a notebook user meets it, through jupyter_client
/// (python/kernel_cells.py): time to ready, the first cell, the median small cell, and resident memory
/// growth over N small cells. With <c>--dotnet-interactive DIR</c> (a tool path holding
/// <c>dotnet-interactive</c>), .NET Interactive's C# kernel is measured the same way in the same run.
/// </summary>
public static class KernelComparison
{
    /// <summary>Runs the comparison; prints one JSON line per kernel and run.</summary>
    public static int Run(Arguments options)
    {
        var workspace = Workspace.From(options);
        var cells = options.Integer("cells", 200);
        var runs = options.Integer("runs", 1);
        var work = Directory.CreateDirectory(Path.Combine(workspace.Work, "kernel")).FullName;
        var jupyter = Path.Combine(work, "jupyter");
        var kernels = Path.Combine(jupyter, "kernels");
        var targets = new List<string> { "segmentation-csharp" };

        ChildProcess
            .Run(
                "dotnet",
                [workspace.Seg, "kernel", "install", "--prefix", Path.Combine(work, "prefix")],
                measure: false
            )
            .EnsureSucceeded("seg kernel install");
        CopyDirectory(
            Path.Combine(work, "prefix", "share", "jupyter", "kernels", "segmentation-csharp"),
            Path.Combine(kernels, "segmentation-csharp")
        );
        if (options.Text("dotnet-interactive") is { } toolPath)
        {
            targets.Add(DotnetInteractive.Install(toolPath, kernels));
        }

        Console.WriteLine(
            $"kernel: {cells} small cells per run, {runs} run(s), load average {Workspace.LoadAverage()}"
        );
        for (var run = 0; run < runs; run++)
        {
            foreach (var kernel in targets)
            {
                var measured = ChildProcess.Run(
                    workspace.Python,
                    [
                        Path.Combine(workspace.Scripts, "kernel_cells.py"),
                        "--kernel",
                        kernel,
                        "--cells",
                        cells.ToString(CultureInfo.InvariantCulture),
                        "--work",
                        work,
                    ],
                    measure: false,
                    timeout: TimeSpan.FromMinutes(30),
                    environment: JupyterEnvironment(jupyter, work)
                );
                measured.EnsureSucceeded($"kernel_cells.py --kernel {kernel}");
                var line = measured.StandardOutput.Trim().Split('\n')[^1];
                _ = JsonNode.Parse(line)
                    ?? throw new BenchmarkException($"kernel_cells.py printed no result: {measured.StandardOutput}");
                Console.WriteLine(line);
            }
        }
        Console.WriteLine($"load average after: {Workspace.LoadAverage()}");
        return 0;
    }

    /// <summary>Jupyter's paths pointed into the work directory: the user's own Jupyter set-up is neither read nor
    /// changed.</summary>
    private static Dictionary<string, string> JupyterEnvironment(string jupyter, string work) =>
        new(StringComparer.Ordinal)
        {
            ["JUPYTER_PATH"] = jupyter,
            ["JUPYTER_DATA_DIR"] = Path.Combine(work, "data"),
            ["JUPYTER_RUNTIME_DIR"] = Path.Combine(work, "runtime"),
            ["JUPYTER_CONFIG_DIR"] = Path.Combine(work, "config"),
            ["JUPYTER_PLATFORM_DIRS"] = "1",
        };

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
    }

    /// <summary>.NET Interactive's kernelspec, written by the tool itself and pointed at it.</summary>
    private static class DotnetInteractive
    {
        public const string KernelName = ".net-csharp";

        public static string Install(string toolPath, string kernels)
        {
            var tool = Path.Combine(Path.GetFullPath(toolPath), "dotnet-interactive");
            if (!File.Exists(tool))
            {
                throw new BenchmarkException(
                    $"{tool} not found; install it with `dotnet tool install Microsoft.dotnet-interactive "
                        + $"--version 1.0.712001 --tool-path {toolPath}`"
                );
            }
            ChildProcess
                .Run(tool, ["jupyter", "install", "--path", kernels], measure: false)
                .EnsureSucceeded("dotnet-interactive jupyter install");
            var spec = Path.Combine(kernels, KernelName, "kernel.json");
            var json = JsonNode.Parse(File.ReadAllText(spec))!.AsObject();
            var argv = json["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            // The written argv starts `dotnet interactive`: run the tool from its tool path instead.
            var rest =
                argv[0].EndsWith("dotnet", StringComparison.Ordinal) && argv.Count > 1 && argv[1] == "interactive"
                    ? argv.Skip(2)
                    : argv.Skip(1);
            json["argv"] = new JsonArray([.. new[] { tool }.Concat(rest).Select(a => (JsonNode)JsonValue.Create(a)!)]);
            File.WriteAllText(spec, json.ToJsonString());
            return KernelName;
        }
    }
}
