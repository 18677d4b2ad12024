using System.CommandLine;

namespace Segmentation.Cli.Commands;

/// <summary><c>seg notebooks run [PATHS] --out DIR [--timeout SECONDS]</c>: executes notebooks headless and writes executed .ipynb, HTML pages and an index.</summary>
internal sealed class NotebooksCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebooks (.ipynb) or directories of notebooks.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "Directory for the executed notebooks, their HTML pages and index.html.", Required = true };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Time limit per cell, in seconds.",
            DefaultValueFactory = _ => NotebooksCli.DefaultTimeoutSeconds,
        };
        var run = new Command("run", "Execute notebooks top to bottom (working directory = each notebook's directory); exit 1 if a cell fails.");
        run.Arguments.Add(paths);
        run.Options.Add(output);
        run.Options.Add(timeout);
        run.SetAction(result => CliHost.Guard(() =>
            NotebooksCli.Run(result.GetRequiredValue(paths), result.GetRequiredValue(output), result.GetValue(timeout))));

        var notebooks = new Command("notebooks", "Work with the workspace's notebooks.");
        notebooks.Subcommands.Add(run);
        return notebooks;
    }
}
