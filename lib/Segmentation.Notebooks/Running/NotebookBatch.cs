using System.Text;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Export;

namespace Segmentation.Notebooks.Running;

/// <summary>
/// Runs notebooks one after another and writes, into an output directory, each executed
/// <c>.ipynb</c>, one standalone HTML page per notebook and an <c>index.html</c> linking them.
/// </summary>
public static class NotebookBatch
{
    /// <summary>The notebooks named by files and directories (a directory's <c>*.ipynb</c>, in name order).</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var notebooks = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                notebooks.AddRange(
                    Directory.GetFiles(path).Where(NotebookFile.IsNotebook).Order(StringComparer.Ordinal)
                );
            }
            else if (File.Exists(path))
            {
                if (!NotebookFile.IsNotebook(path))
                    throw new OptionsException($"path='{path}' must be a .ipynb or .dib file or a directory");
                notebooks.Add(path);
            }
            else
            {
                throw new FileNotFoundException($"{path}: no such notebook or directory", path);
            }
        }
        if (notebooks.Count == 0)
            throw new OptionsException($"paths='{string.Join(' ', paths)}' contain no .ipynb or .dib notebooks");
        return notebooks.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Runs every notebook (each to its first failing cell) and writes the results to
    /// <paramref name="outputDirectory"/>.</summary>
    public static async Task<IReadOnlyList<NotebookRunResult>> RunAsync(
        IReadOnlyList<string> notebooks,
        string outputDirectory,
        NotebookRunOptions? options = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        options = (options ?? new NotebookRunOptions()).Validate();
        var output = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(output);
        var entries = new List<IndexPage.Entry>();
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var notebook in notebooks)
        {
            var run = await NotebookRunner.RunAsync(notebook, options, cancellationToken).ConfigureAwait(false);
            var name = UniqueName(Path.GetFileNameWithoutExtension(notebook), used);
            run.Executed.Save(Path.Combine(output, name + ".ipynb"));
            File.WriteAllText(
                Path.Combine(output, name + ".html"),
                NotebookHtml.Export(run.Executed, name),
                new UTF8Encoding(false)
            );
            entries.Add(new IndexPage.Entry(run, name + ".html", name + ".ipynb"));
        }
        File.WriteAllText(
            Path.Combine(output, "index.html"),
            IndexPage.Create(options.Language["Index_Title"], entries, options.Language, options.IndexLinks),
            new UTF8Encoding(false)
        );
        return entries.Select(e => e.Run).ToList();
    }

    private static string UniqueName(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var n = 2; !used.Add(candidate); n++)
            candidate = FormattableString.Invariant($"{name}-{n}");
        return candidate;
    }
}
