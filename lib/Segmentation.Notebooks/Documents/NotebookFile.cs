namespace Segmentation.Notebooks.Documents;

/// <summary>Loads and saves a notebook in the format its file extension names: <c>.ipynb</c> (Jupyter) or <c>.dib</c>
/// (Polyglot Notebooks).</summary>
public static class NotebookFile
{
    /// <summary>The extensions understood.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".ipynb", ".dib"];

    /// <summary>True for a path ending in <c>.ipynb</c> or <c>.dib</c>.</summary>
    public static bool IsNotebook(string path) =>
        Extensions.Contains(Path.GetExtension(path).ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>Reads the notebook at <paramref name="path"/>.</summary>
    /// <exception cref="NotebookFormatException">Not a notebook, or an extension other than .ipynb or .dib.</exception>
    public static Notebook Load(string path) => IsDib(path) ? DibFormat.Load(path) : Notebook.Load(Check(path));

    /// <summary>Writes the notebook in the format <paramref name="path"/>'s extension names.</summary>
    public static void Save(Notebook notebook, string path)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        if (IsDib(path))
            DibFormat.Save(notebook, path);
        else
            notebook.Save(Check(path));
    }

    private static bool IsDib(string path) =>
        Path.GetExtension(path).Equals(".dib", StringComparison.OrdinalIgnoreCase);

    private static string Check(string path) =>
        Path.GetExtension(path).Equals(".ipynb", StringComparison.OrdinalIgnoreCase)
            ? path
            : throw new NotebookFormatException($"{path}: a notebook is a .ipynb or .dib file");
}
