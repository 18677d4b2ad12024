using System.Globalization;
using Segmentation.Notebooks.Running;

namespace Segmentation.Cli.Commands;

/// <summary>What <c>seg notebooks run</c> and <c>seg report</c> share: run notebooks, write the results, report
/// failures.</summary>
internal static class NotebooksCli
{
    /// <summary>Exit code when a cell failed.</summary>
    public const int CellFailed = 1;

    /// <summary>Default per-cell time limit in seconds.</summary>
    public const double DefaultTimeoutSeconds = 600;

    public static int Run(
        IReadOnlyList<string> paths,
        string outputDirectory,
        double timeoutSeconds,
        Common.Text.Language? language = null,
        IReadOnlyList<(string Text, string Href)>? links = null
    )
    {
        if (!(timeoutSeconds > 0))
            throw new OptionsException(
                string.Create(CultureInfo.InvariantCulture, $"timeout={timeoutSeconds} must be > 0 seconds")
            );
        var notebooks = NotebookBatch.Expand(paths);
        var options = new NotebookRunOptions
        {
            CellTimeout = TimeSpan.FromSeconds(timeoutSeconds),
            Log = Console.Error,
            LogIsTerminal = !Console.IsErrorRedirected,
            Language = language ?? Common.Text.Language.English,
            IndexLinks = links ?? [],
        };
        var runs = NotebookBatch.RunAsync(notebooks, outputDirectory, options).GetAwaiter().GetResult();
        var failures = runs.Where(r => !r.Succeeded).ToList();
        foreach (var failure in failures)
            Console.Error.WriteLine(
                $"seg: {Path.GetRelativePath(Environment.CurrentDirectory, failure.Source)}: {failure.Failure}"
            );
        Console.Out.WriteLine(
            $"{runs.Count - failures.Count} of {runs.Count} notebooks ran; results in "
                + $"{Path.Combine(outputDirectory, "index.html")}"
        );
        return failures.Count == 0 ? 0 : CellFailed;
    }
}
