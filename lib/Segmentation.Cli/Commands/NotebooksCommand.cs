using System.CommandLine;
using Segmentation.Notebooks.Documents;

namespace Segmentation.Cli.Commands;

/// <summary>
/// <c>seg notebooks run [PATHS] --out DIR [--timeout SECONDS]</c>: executes notebooks (.ipynb, .dib) headless and
/// writes executed .ipynb, HTML pages and an index; <c>seg notebooks convert SOURCE TARGET</c>: .ipynb ⇄ .dib.
/// </summary>
internal sealed class NotebooksCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Notebooks (.ipynb, .dib) or directories of notebooks.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out")
        {
            Description = "Directory for the executed notebooks, their HTML pages and index.html.",
            Required = true,
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Time limit per cell, in seconds.",
            DefaultValueFactory = _ => NotebooksCli.DefaultTimeoutSeconds,
        };
        var run = new Command(
            "run",
            "Execute notebooks top to bottom (working directory = each notebook's directory); exit 1 if a cell fails."
        );
        run.Arguments.Add(paths);
        run.Options.Add(output);
        run.Options.Add(timeout);
        run.SetAction(result =>
            CliHost.Guard(() =>
                NotebooksCli.Run(
                    result.GetRequiredValue(paths),
                    result.GetRequiredValue(output),
                    result.GetValue(timeout)
                )
            )
        );

        var source = new Argument<string>("source") { Description = "The notebook to read (.ipynb or .dib)." };
        var target = new Argument<string>("target")
        {
            Description = "The notebook to write (.ipynb or .dib); outputs are not kept in .dib.",
        };
        var convert = new Command(
            "convert",
            "Convert a notebook between .ipynb and .dib (Polyglot Notebooks), keeping cells, their "
                + "languages and the kernel info."
        );
        convert.Arguments.Add(source);
        convert.Arguments.Add(target);
        convert.SetAction(result =>
            CliHost.Guard(() =>
            {
                var from = result.GetRequiredValue(source);
                var to = result.GetRequiredValue(target);
                var notebook = NotebookFile.Load(from);
                NotebookFile.Save(notebook, to);
                Console.Out.WriteLine($"{from} -> {to}: {notebook.Cells.Count} cells");
                return 0;
            })
        );

        var notebooks = new Command("notebooks", "Work with the workspace's notebooks.");
        notebooks.Subcommands.Add(run);
        notebooks.Subcommands.Add(convert);
        return notebooks;
    }
}
