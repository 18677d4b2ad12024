using System.Diagnostics;
using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;
using Segmentation.Notebooks.Magics;

namespace Segmentation.Notebooks.Running;

/// <summary>
/// Runs a notebook headless, top to bottom, in a fresh session whose working directory is the
/// notebook's directory (so relative data paths work). Stops at the first failing cell.
/// Changes the process's current directory while it runs: run one notebook at a time per process.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs the notebook at <paramref name="path"/>; the file itself is not modified.</summary>
    public static async Task<NotebookRunResult> RunAsync(
        string path,
        NotebookRunOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        options = (options ?? new NotebookRunOptions()).Validate();
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        var executed = NotebookFile.Load(fullPath).ClearOutputs();
        var stopwatch = Stopwatch.StartNew();
        var previousDirectory = Environment.CurrentDirectory;
        CellFailure? failure = null;
        var progress = new TerminalProgress(options);
        Environment.CurrentDirectory = directory;
        try
        {
            using var session = new NotebookSession(
                new NotebookSessionOptions
                {
                    BaseDirectory = directory,
                    CellTimeout = options.CellTimeout,
                    OutputIdPrefix = IdPrefix(fullPath),
                    CacheDirectory = options.CacheDirectory,
                    Language = options.Language,
                }
            );
            session.OutputProduced += (_, e) =>
            {
                if (e.Change != OutputChange.Updated || e.Output is not DisplayDataOutput update)
                    return;
                lock (executed)
                    ReplaceDisplay(executed, update);
                progress.Show(update);
            };
            for (var i = 0; i < executed.Cells.Count && failure is null; i++)
            {
                var cell = executed.Cells[i];
                if (!cell.IsCode || cell.Source.Trim().Length == 0)
                    continue;
                var kernel = PolyglotMetadata.KernelName(executed, cell);
                var result = MagicCommands.LanguageOfKernel(kernel) is { } language
                    ? await session
                        .ExecuteAsync(cell.Source, $"cell {i + 1}", language, cancellationToken)
                        .ConfigureAwait(false)
                    : UnsupportedKernel(kernel, i + 1);
                progress.End();
                lock (executed)
                {
                    cell.ExecutionCount = result.ExecutionCount;
                    cell.Outputs.Clear();
                    cell.Outputs.AddRange(result.Outputs);
                }
                if (!result.Succeeded)
                    failure = new CellFailure(i + 1, cell.FirstLine, result.Error!);
            }
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
        var run = new NotebookRunResult(fullPath, executed, failure, stopwatch.Elapsed);
        options.Log?.WriteLine(FormattableString.Invariant($"{run} ({stopwatch.Elapsed.TotalSeconds:0.0} s)"));
        return run;
    }

    /// <summary>A cell in a kernel the workspace does not run (F#, PowerShell, KQL, …): a one-line error.</summary>
    private static CellResult UnsupportedKernel(string kernel, int index)
    {
        var kernels = string.Join(
            ", ",
            MagicCommands.All.Where(c => c.Kind == MagicKind.Language).Select(c => c.Name[2..])
        );
        var message = FormattableString.Invariant(
            $"cell {index} is in kernel '{kernel}', which the workspace does not run; it runs {kernels}"
        );
        return new CellResult(
            0,
            CellStatus.Error,
            [new ErrorOutput("MagicCommandError", message, [message])],
            TimeSpan.Zero
        );
    }

    private static void ReplaceDisplay(Notebook notebook, DisplayDataOutput update)
    {
        foreach (var cell in notebook.Cells)
        {
            for (var i = 0; i < cell.Outputs.Count; i++)
            {
                if (cell.Outputs[i] is DisplayDataOutput d && d.DisplayId == update.DisplayId)
                    cell.Outputs[i] = update;
            }
        }
    }

    /// <summary>"nb-02-clean" from "02-clean.ipynb": ids unique per notebook when pages are combined.</summary>
    private static string IdPrefix(string path) =>
        "nb-"
        + string.Concat(
            Path.GetFileNameWithoutExtension(path)
                .Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')
        );

    /// <summary>Redraws progress bars in place on a terminal.</summary>
    private sealed class TerminalProgress(NotebookRunOptions options)
    {
        private bool drawn;

        public void Show(DisplayDataOutput update)
        {
            if (
                !options.LogIsTerminal
                || options.Log is null
                || update.Metadata[DocumentAssets.MetadataKey]?["progress"] is null
            )
                return;
            options.Log.Write("\r" + update.PlainText);
            drawn = true;
        }

        public void End()
        {
            if (!drawn)
                return;
            options.Log!.WriteLine();
            drawn = false;
        }
    }
}
