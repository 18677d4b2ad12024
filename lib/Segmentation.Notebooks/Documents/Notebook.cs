using System.Text;
using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>
/// A Jupyter notebook (nbformat 4). Reading keeps every field it does not know; writing is
/// byte-for-byte what Jupyter writes (sorted keys, one-space indent, multi-line text as line
/// lists, trailing newline), so a notebook saved by Jupyter round-trips unchanged.
/// </summary>
public sealed class Notebook
{
    /// <summary>Major format version (4).</summary>
    public int FormatMajor { get; set; } = 4;

    /// <summary>Minor format version (5 adds cell ids).</summary>
    public int FormatMinor { get; set; } = 5;

    /// <summary>Notebook metadata (kernelspec, language_info, …).</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>The cells, in order.</summary>
    public List<NotebookCell> Cells { get; } = [];

    /// <summary>Top-level fields the model does not interpret, kept verbatim.</summary>
    public JsonObject Extra { get; set; } = new();

    /// <summary>Parses notebook JSON.</summary>
    /// <exception cref="NotebookFormatException">The text is not an nbformat 4 notebook.</exception>
    public static Notebook Parse(string json) => NotebookReader.Read(json, source: null);

    /// <summary>Reads a notebook file.</summary>
    /// <exception cref="NotebookFormatException">The file is not an nbformat 4 notebook.</exception>
    public static Notebook Load(string path) => NotebookReader.Read(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>The notebook as Jupyter writes it, with the trailing newline.</summary>
    public string ToJson() => NotebookWriter.Write(this);

    /// <summary>Writes the notebook as UTF-8 without a byte-order mark.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson(), new UTF8Encoding(false));

    /// <summary>Removes every output and execution count (committed notebooks are clean).</summary>
    public Notebook ClearOutputs()
    {
        foreach (var cell in Cells.Where(c => c.IsCode))
        {
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
        }
        return this;
    }

    /// <summary>A deep copy (through the JSON form, so nothing is shared).</summary>
    public Notebook Clone() => Parse(ToJson());
}
