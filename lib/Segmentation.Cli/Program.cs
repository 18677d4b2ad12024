using System.CommandLine;

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
        return root.Parse(expanded).Invoke();
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
