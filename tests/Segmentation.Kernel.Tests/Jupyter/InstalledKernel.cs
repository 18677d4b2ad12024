using System.Diagnostics;
using Segmentation.Cli;

namespace Segmentation.Kernel.Tests.Jupyter;

/// <summary>
/// The kernelspec installed by <c>seg kernel install --prefix</c> into a temporary prefix, and
/// Jupyter's directories pointed at temporary ones: the tests never touch the user's Jupyter setup.
/// </summary>
public sealed class InstalledKernel : IDisposable
{
    public const string Python = "/usr/bin/python3";
    public const string Jupyter = "/usr/bin/jupyter";

    public InstalledKernel()
    {
        Root = Directory.CreateTempSubdirectory("seg-kernel-").FullName;
        var code = Program.Main(["kernel", "install", "--prefix", Path.Combine(Root, "prefix")]);
        if (code != 0)
            throw new InvalidOperationException($"seg kernel install exited with {code}");
        KernelJson = Path.Combine(Root, "prefix", "share", "jupyter", "kernels", "segmentation-csharp", "kernel.json");
    }

    public string Root { get; }

    public string KernelJson { get; }

    /// <summary>Runs a program with Jupyter's paths set to the temporary prefix; returns its exit code and combined
    /// output.</summary>
    public (int ExitCode, string Output) Run(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        TimeSpan timeout
    )
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        PointJupyterAtRoot(start);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within {timeout}: {output.Result}{error.Result}");
        }
        return (process.ExitCode, output.Result + error.Result);
    }

    /// <summary>Sets Jupyter's paths in a process's environment to the temporary prefix and directories.</summary>
    public void PointJupyterAtRoot(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.Environment["JUPYTER_PATH"] = Path.Combine(Root, "prefix", "share", "jupyter");
        start.Environment["JUPYTER_DATA_DIR"] = Path.Combine(Root, "data");
        start.Environment["JUPYTER_RUNTIME_DIR"] = Path.Combine(Root, "runtime");
        start.Environment["JUPYTER_CONFIG_DIR"] = Path.Combine(Root, "config");
        start.Environment["JUPYTER_PLATFORM_DIRS"] = "1";
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A kernel still closing may hold a file; the temporary directory is left behind.
        }
    }
}

[CollectionDefinition(Name)]
public sealed class JupyterCollection : ICollectionFixture<InstalledKernel>
{
    public const string Name = "jupyter";
}
