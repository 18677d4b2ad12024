using System.CommandLine;
using System.Runtime.InteropServices;
using Segmentation.Data;

namespace Segmentation.Cli;

/// <summary>Entry point of `seg`: discovers every <see cref="ICliCommand"/> and runs the one asked for.</summary>
public static class Program
{
    /// <summary>Runs the CLI.</summary>
    public static int Main(string[] args)
    {
        var root = BuildRoot();
        string[] expanded;
        try
        {
            expanded = RunConfig.Expand(root, args);
        }
        catch (SegmentationException e)
        {
            return CliHost.Fail(e.Message);
        }
        // Ctrl+C and SIGTERM end the run at once (the runtime's default; System.CommandLine is told to leave them
        // alone), and the spill directories of the stores still open go with it instead of staying in the temp folder.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return root.Parse(expanded).Invoke(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>Set by a command that handles SIGINT itself and goes on running (the kernel: SIGINT interrupts a
    /// cell).</summary>
    internal static bool InterruptHandledByCommand { get; set; }

    private static void Stop(PosixSignalContext context)
    {
        if (context.Signal == PosixSignal.SIGINT && InterruptHandledByCommand)
            return;
        TransactionStore.RemoveSpillDirectories();
    }

    /// <summary>The root command with every sub-command, sorted by name (tests call it in-process).</summary>
    internal static RootCommand BuildRoot()
    {
        var root = new RootCommand(
            "seg — customer segmentation workspace: generate, clean, features, segment, report."
        );
        var commands = typeof(Program)
            .Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ICliCommand).IsAssignableFrom(t))
            .Select(t => ((ICliCommand)Activator.CreateInstance(t)!).Create())
            .OrderBy(c => c.Name, StringComparer.Ordinal);
        foreach (var command in commands)
            root.Subcommands.Add(command);
        return root;
    }
}
