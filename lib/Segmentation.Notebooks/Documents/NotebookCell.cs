using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>One cell of a notebook. Fields the model does not know stay in <see cref="Extra"/>.</summary>
public sealed class NotebookCell
{
    /// <summary>Creates a cell.</summary>
    /// <param name="cellType">One of <see cref="CellTypes"/> (other values are kept as they are).</param>
    /// <param name="source">The cell's text.</param>
    /// <param name="id">The nbformat 4.5 cell id, or null for older notebooks.</param>
    public NotebookCell(string cellType, string source, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(cellType);
        ArgumentNullException.ThrowIfNull(source);
        CellType = cellType;
        Source = source;
        Id = id;
    }

    /// <summary>The cell type (<see cref="CellTypes"/>).</summary>
    public string CellType { get; set; }

    /// <summary>The nbformat 4.5 cell id, or null.</summary>
    public string? Id { get; set; }

    /// <summary>The cell's text (lines joined).</summary>
    public string Source { get; set; }

    /// <summary>Cell metadata.</summary>
    public JsonObject Metadata { get; set; } = new();

    /// <summary>The execution count of a code cell; null when not executed.</summary>
    public int? ExecutionCount { get; set; }

    /// <summary>The outputs of a code cell.</summary>
    public List<CellOutput> Outputs { get; } = [];

    /// <summary>Fields of the cell the model does not interpret (e.g. attachments), kept verbatim.</summary>
    public JsonObject Extra { get; set; } = new();

    /// <summary>True for a code cell.</summary>
    public bool IsCode => CellType == CellTypes.Code;

    /// <summary>The first non-blank line of the source, trimmed (for messages naming the cell).</summary>
    public string FirstLine => Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    /// <summary>A code cell.</summary>
    public static NotebookCell Code(string source, string? id = null) => new(CellTypes.Code, source, id);

    /// <summary>A markdown cell.</summary>
    public static NotebookCell Markdown(string source, string? id = null) => new(CellTypes.Markdown, source, id);
}
