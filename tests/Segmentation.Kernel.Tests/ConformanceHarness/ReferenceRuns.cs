using System.Text.Json.Nodes;
using Segmentation.Kernel.Tests.Jupyter;
using Segmentation.Testing;

namespace Segmentation.Kernel.Tests.ConformanceHarness;

/// <summary>
/// Every notebook of <c>conformance/</c> executed once by <c>jupyter nbconvert --execute</c> under the workspace kernel
/// and once under .NET Interactive's kernel (the <c>Microsoft.dotnet-interactive</c> tool, installed into a local tool
/// path when missing): each reference kernel starts once per notebook, for the whole test class.
/// </summary>
public sealed class ReferenceRuns : IDisposable
{
    /// <summary>The reference: the last release of .NET Interactive (archived).</summary>
    public const string ToolVersion = "1.0.712001";

    /// <summary>The kernel name <c>dotnet-interactive jupyter install</c> gives its C# kernelspec.</summary>
    public const string ReferenceKernel = ".net-csharp";

    private readonly InstalledKernel kernel = new();

    public ReferenceRuns()
    {
        var tool = InstallTool();
        var kernels = Path.Combine(this.kernel.Root, "prefix", "share", "jupyter", "kernels");
        Run(tool, ["jupyter", "install", "--path", kernels], TimeSpan.FromMinutes(2));
        // The kernelspec's argv starts "dotnet interactive" (a global tool); this one is in a local tool path.
        var specPath = Path.Combine(kernels, ReferenceKernel, "kernel.json");
        var spec = JsonNode.Parse(File.ReadAllText(specPath))!;
        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        if (argv.Count < 2 || argv[0] != "dotnet" || argv[1] != "interactive")
            throw new InvalidOperationException($"unexpected argv in {specPath}: {string.Join(' ', argv)}");
        spec["argv"] = new JsonArray([tool, .. argv.Skip(2).Select(a => (JsonNode)a)]);
        File.WriteAllText(specPath, spec.ToJsonString());

        foreach (var notebook in Notebooks())
        {
            var name = Path.GetFileNameWithoutExtension(notebook);
            Ours[name] = Execute(notebook, Segmentation.Kernel.Hosting.KernelIdentity.KernelName, "ours");
            Reference[name] = Execute(notebook, ReferenceKernel, "reference");
        }
    }

    /// <summary>The executed notebooks under the workspace kernel, by name (without extension).</summary>
    public Dictionary<string, JsonNode> Ours { get; } = new(StringComparer.Ordinal);

    /// <summary>The executed notebooks under .NET Interactive, by name.</summary>
    public Dictionary<string, JsonNode> Reference { get; } = new(StringComparer.Ordinal);

    /// <summary>The corpus folder (copied beside the test assembly).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "conformance");

    /// <summary>Every notebook of the corpus: whatever is in the folder.</summary>
    public static IReadOnlyList<string> Notebooks() =>
        [.. Directory.GetFiles(Folder, "*.ipynb").Order(StringComparer.Ordinal)];

    /// <summary>
    /// The tool's directory: <c>tests/.tools/dotnet-interactive-VERSION</c> (tests/setup.sh installs it there too),
    /// installed from the package registry with <c>dotnet tool install --tool-path</c> when missing.
    /// </summary>
    public static string ToolDirectory =>
        Path.Combine(TestPaths.RepoRoot, "tests", ".tools", $"dotnet-interactive-{ToolVersion}");

    public void Dispose() => this.kernel.Dispose();

    private string InstallTool()
    {
        var tool = Path.Combine(ToolDirectory, "dotnet-interactive");
        if (File.Exists(tool))
            return tool;
        Run(
            "dotnet",
            ["tool", "install", "Microsoft.dotnet-interactive", "--version", ToolVersion, "--tool-path", ToolDirectory],
            TimeSpan.FromMinutes(10)
        );
        if (!File.Exists(tool))
            throw new InvalidOperationException($"dotnet tool install left no {tool}");
        return tool;
    }

    private JsonNode Execute(string notebook, string kernelName, string side)
    {
        var output = Directory.CreateDirectory(Path.Combine(this.kernel.Root, "conformance", side)).FullName;
        var (exitCode, log) = this.kernel.Run(
            InstalledKernel.Jupyter,
            [
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                "--allow-errors",
                $"--ExecutePreprocessor.kernel_name={kernelName}",
                "--ExecutePreprocessor.timeout=600",
                "--output-dir",
                output,
                notebook,
            ],
            output,
            TimeSpan.FromMinutes(10)
        );
        if (exitCode != 0)
            throw new InvalidOperationException($"nbconvert under {kernelName} failed on {notebook}:\n{log}");
        return JsonNode.Parse(File.ReadAllText(Path.Combine(output, Path.GetFileName(notebook))))!;
    }

    private void Run(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var (exitCode, output) = this.kernel.Run(fileName, arguments, this.kernel.Root, timeout);
        if (exitCode != 0)
            throw new InvalidOperationException(
                $"{fileName} {string.Join(' ', arguments)} exited with {exitCode}:\n{output}"
            );
    }
}
