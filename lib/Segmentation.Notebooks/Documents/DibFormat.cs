using System.Text;
using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>
/// The <c>.dib</c> format of Polyglot Notebooks: plain text, outputs never saved. An optional <c>#!meta</c> block holds
/// the kernel info as JSON; each cell starts with a line that is exactly <c>#!KERNEL</c> (a kernel name or alias) and
/// its text follows after a blank line. Read into the same <see cref="Notebook"/> model as <c>.ipynb</c> (kernel info
/// in <c>metadata.polyglot_notebook.kernelInfo</c> as VS Code writes it, each cell's kernel in its metadata,
/// <c>#!markdown</c> cells as markdown cells), so a notebook converts both ways; a <c>.dib</c> written here reads back
/// and writes out byte for byte.
/// </summary>
public static class DibFormat
{
    private const string Meta = "#!meta";

    /// <summary>Kernel names that start a cell besides those the kernel info lists (the ones Polyglot Notebooks
    /// ships).</summary>
    private static readonly string[] KnownKernels =
    [
        "csharp",
        "c#",
        "C#",
        "fsharp",
        "f#",
        "F#",
        "pwsh",
        "powershell",
        "javascript",
        "js",
        "html",
        "markdown",
        "md",
        "mermaid",
        "sql",
        "kql",
        "http",
        "value",
    ];

    /// <summary>Reads <c>.dib</c> text.</summary>
    /// <exception cref="NotebookFormatException">The <c>#!meta</c> block is not a JSON object.</exception>
    public static Notebook Read(string text, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var notebook = new Notebook();
        var kernels = new HashSet<string>(KnownKernels, StringComparer.Ordinal);
        var cells = new List<(string Kernel, List<string> Lines)>();
        string? kernel = null;
        var body = new List<string>();
        foreach (var line in lines)
        {
            var name =
                line.StartsWith("#!", StringComparison.Ordinal) && !line.Contains(' ', StringComparison.Ordinal)
                    ? line[2..]
                    : null;
            if (name is not null && (name == "meta" || kernels.Contains(name)))
            {
                if (kernel is not null || body.Any(l => l.Length > 0))
                    cells.Add((kernel ?? PolyglotMetadata.DefaultKernel, body));
                kernel = name;
                body = [];
                continue;
            }
            body.Add(line);
        }
        if (kernel is not null || body.Any(l => l.Length > 0))
            cells.Add((kernel ?? PolyglotMetadata.DefaultKernel, body));

        foreach (var (name, cellLines) in cells)
        {
            var content = string.Join('\n', cellLines).Trim('\n');
            if (name == "meta")
            {
                ReadMeta(notebook, content, source ?? "notebook.dib", kernels);
                continue;
            }
            var cell = name is "markdown" or "md" ? NotebookCell.Markdown(content) : NotebookCell.Code(content);
            PolyglotMetadata.SetKernelName(cell, name);
            notebook.Cells.Add(cell);
        }
        notebook.Metadata["kernelspec"] ??= new JsonObject
        {
            ["display_name"] = "C# (Segmentation)",
            ["language"] = "csharp",
            ["name"] = "segmentation-csharp",
        };
        notebook.Metadata["language_info"] ??= new JsonObject { ["name"] = "csharp" };
        return notebook;
    }

    /// <summary>Reads a <c>.dib</c> file.</summary>
    public static Notebook Load(string path) => Read(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>The notebook as <c>.dib</c> text (outputs are not part of the format).</summary>
    public static string Write(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var blocks = new List<string>();
        if (notebook.Metadata[PolyglotMetadata.Key] is JsonObject info && info.Count > 0)
        {
            var kernelInfo = info["kernelInfo"] is JsonObject wrapped ? wrapped : info;
            blocks.Add(Meta + "\n\n" + new JsonObject { ["kernelInfo"] = Sorted(kernelInfo) }.ToJsonString());
        }
        foreach (var cell in notebook.Cells.Where(c => c.CellType != CellTypes.Raw))
        {
            var kernel = cell.CellType == CellTypes.Markdown ? "markdown" : PolyglotMetadata.KernelName(notebook, cell);
            blocks.Add("#!" + kernel + "\n\n" + cell.Source.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n'));
        }
        return string.Join("\n\n", blocks) + "\n";
    }

    /// <summary>Writes a <c>.dib</c> file (UTF-8, no byte-order mark).</summary>
    public static void Save(Notebook notebook, string path) =>
        File.WriteAllText(path, Write(notebook), new UTF8Encoding(false));

    private static void ReadMeta(Notebook notebook, string json, string source, HashSet<string> kernels)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new NotebookFormatException($"{source}: #!meta is not valid JSON ({e.Message.Split('.')[0]})", e);
        }
        if (node is not JsonObject meta)
            throw new NotebookFormatException($"{source}: #!meta must hold a JSON object");
        var kernelInfo = meta["kernelInfo"] as JsonObject ?? new JsonObject();
        // as VS Code's Polyglot Notebooks writes it
        notebook.Metadata[PolyglotMetadata.Key] = new JsonObject { ["kernelInfo"] = Sorted(kernelInfo) };
        foreach (var item in kernelInfo["items"] as JsonArray ?? [])
        {
            if (item?["name"]?.GetValue<string>() is { } name)
                kernels.Add(name);
            foreach (var alias in item?["aliases"] as JsonArray ?? [])
                kernels.Add(alias!.GetValue<string>().TrimStart('#', '!'));
        }
    }

    /// <summary>A copy with keys sorted at every level (the order Jupyter writes, so .dib → .ipynb → .dib is
    /// stable).</summary>
    private static JsonNode? Sorted(JsonNode? node) =>
        node switch
        {
            JsonObject obj => new JsonObject(
                obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))
            ),
            JsonArray array => new JsonArray(array.Select(Sorted).ToArray()),
            _ => node?.DeepClone(),
        };
}
