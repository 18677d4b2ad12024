using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Segmentation.Testing;

namespace Segmentation.Kernel.Tests.Jupyter;

/// <summary>
/// The classic Jupyter Notebook page (Debian's <c>jupyter notebook</c> 6.4) serving the repository, with the workspace
/// kernel installed in a temporary prefix: started once for the test class, stopped at its end.
/// </summary>
public sealed partial class NotebookServer : IDisposable
{
    private readonly InstalledKernel kernel = new();
    private readonly Process process;
    private readonly StringBuilder log = new();

    public NotebookServer()
    {
        Token = Guid.NewGuid().ToString("N");
        var start = new ProcessStartInfo(InstalledKernel.Jupyter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TestPaths.RepoRoot,
        };
        foreach (
            var argument in new[]
            {
                "notebook",
                "--no-browser",
                "--ip=127.0.0.1",
                $"--port={FreePort()}",
                $"--NotebookApp.token={Token}",
                $"--notebook-dir={TestPaths.RepoRoot}",
            }
        )
        {
            start.ArgumentList.Add(argument);
        }
        if (Environment.UserName == "root")
            start.ArgumentList.Add("--allow-root"); // CI containers run as root
        this.kernel.PointJupyterAtRoot(start);
        process = Process.Start(start) ?? throw new InvalidOperationException("jupyter notebook did not start");
        var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
                return;
            lock (this.log)
                this.log.AppendLine(e.Data);
            if (Listening().Match(e.Data) is { Success: true } match)
                listening.TrySetResult(match.Groups[1].Value);
        }
        process.OutputDataReceived += Read;
        process.ErrorDataReceived += Read;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromMinutes(2)))
        {
            Dispose();
            throw new TimeoutException("jupyter notebook did not report its address within 2 minutes:\n" + Log);
        }
        Url = listening.Task.Result;
    }

    /// <summary>The server's base address (the port the server reports: it moves on if the one asked for was
    /// taken).</summary>
    public string Url { get; }

    public string Token { get; }

    public string Work => Directory.CreateDirectory(Path.Combine(this.kernel.Root, "browser")).FullName;

    public string Log
    {
        get
        {
            lock (this.log)
                return this.log.ToString();
        }
    }

    public InstalledKernel Kernel => this.kernel;

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true); // the server and the kernels it started
            process.WaitForExit(30_000);
        }
        process.Dispose();
        this.kernel.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"(http://127\.0\.0\.1:\d+)/\?token=")]
    private static partial Regex Listening();
}

public sealed class ClassicNotebookTests(NotebookServer server) : IClassFixture<NotebookServer>
{
    [Fact]
    public void Each_workspace_notebook_runs_in_the_classic_page_draws_charts_completes_kernel_interrupts_and_restarts()
    {
        var notebooks = TestPaths.WalkthroughNotebooks().Select(name => "notebooks/" + name).ToList();
        Assert.NotEmpty(notebooks);
        var script = Path.Combine(AppContext.BaseDirectory, "notebook_browser_check.py");

        var (exitCode, output) = server.Kernel.Run(
            InstalledKernel.Python,
            [script, "--url", server.Url, "--token", server.Token, "--work", server.Work, .. notebooks],
            server.Work,
            TimeSpan.FromMinutes(45)
        );

        Assert.True(exitCode == 0, output + "\nserver log:\n" + server.Log);
        foreach (var notebook in notebooks)
        {
            Assert.Matches($"ok {Regex.Escape(notebook)}: ran \\d+ code cells without an error", output);
            Assert.Matches($"ok {Regex.Escape(notebook)}: \\d+ charts drawn", output);
            Assert.Contains($"ok {notebook}: completion after a dot", output, StringComparison.Ordinal);
        }
        Assert.Contains(": the interrupt button stopped a running cell", output, StringComparison.Ordinal);
        Assert.Contains(": restart (kernel", output, StringComparison.Ordinal);
    }
}
