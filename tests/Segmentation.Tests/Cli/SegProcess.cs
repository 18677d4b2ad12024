using System.Diagnostics;
using Segmentation.Cli;
using Segmentation.Testing;

namespace Segmentation.Tests.Cli;

/// <summary>Runs the built seg.dll in its own process, so its stdout, stderr and exit code are its own.</summary>
internal static class SegProcess
{
    /// <summary>The bundled sample as seg's inputs: <c>--input</c> its transactions, <c>--customers</c> its
    /// customers.</summary>
    public static string[] SampleInputs =>
        ["--input", TestPaths.Sample("transactions.csv"), "--customers", TestPaths.Sample("customers.csv")];

    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }
}
