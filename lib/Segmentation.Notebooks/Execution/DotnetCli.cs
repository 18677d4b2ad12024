using System.Diagnostics;
using System.Text;

namespace Segmentation.Notebooks.Execution;

/// <summary>Runs the <c>dotnet</c> CLI (restore, build) as a child process, without MSBuild node reuse and without
/// inheriting a parent build's MSBuild environment.</summary>
internal static class DotnetCli
{
    /// <summary>Runs <c>dotnet</c> with the arguments; returns standard output, or throws with the tail of the
    /// output.</summary>
    public static async Task<string> RunAsync(
        string what,
        string workingDirectory,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken
    )
    {
        var start = new ProcessStartInfo(Executable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        foreach (
            var key in start
                .Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase))
                .ToList()
        )
        {
            start.Environment.Remove(key);
        }
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start)
            ?? throw new ReferenceResolutionException($"{what}: could not start '{start.FileName}'");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var lines = (output + "\n" + errors).Split(
                '\n',
                StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries
            );
            var relevant = lines
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
                .Distinct()
                .Take(10)
                .ToList();
            if (relevant.Count == 0)
                relevant = lines.TakeLast(10).ToList();
            throw new ReferenceResolutionException(
                $"{what} failed (dotnet exit code {process.ExitCode}):\n" + string.Join('\n', relevant)
            );
        }
        return output;
    }

    private static string Executable()
    {
        var root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root))
        {
            var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            if (File.Exists(candidate))
                return candidate;
        }
        var host = Environment.ProcessPath;
        if (
            host is not null
            && Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
        )
            return host;
        return "dotnet";
    }
}
