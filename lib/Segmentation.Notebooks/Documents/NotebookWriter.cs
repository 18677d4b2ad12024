using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary><see cref="Notebook"/> → JSON text, splitting multi-line text like nbformat's <c>split_lines</c>.</summary>
internal static class NotebookWriter
{
    private static readonly HashSet<string> SplitNonText = ["application/javascript", "image/svg+xml"];

    public static string Write(Notebook notebook)
    {
        var root = Copy(notebook.Extra);
        root["nbformat"] = notebook.FormatMajor;
        root["nbformat_minor"] = notebook.FormatMinor;
        root["metadata"] = notebook.Metadata.DeepClone();
        var cells = new JsonArray();
        foreach (var cell in notebook.Cells)
            cells.Add(WriteCell(cell));
        root["cells"] = cells;
        return JupyterJson.Serialize(root) + "\n";
    }

    private static JsonObject WriteCell(NotebookCell cell)
    {
        var obj = Copy(cell.Extra);
        obj["cell_type"] = cell.CellType;
        if (cell.Id is not null)
            obj["id"] = cell.Id;
        obj["metadata"] = cell.Metadata.DeepClone();
        obj["source"] = Lines(cell.Source);
        if (cell.IsCode)
        {
            obj["execution_count"] = cell.ExecutionCount;
            var outputs = new JsonArray();
            foreach (var output in cell.Outputs)
                outputs.Add(WriteOutput(output));
            obj["outputs"] = outputs;
        }
        return obj;
    }

    private static JsonObject WriteOutput(CellOutput output)
    {
        if (output is UnknownOutput unknown)
            return (JsonObject)unknown.Json.DeepClone();
        var obj = Copy(output.Extra);
        obj["output_type"] = output.OutputType;
        switch (output)
        {
            case StreamOutput stream:
                obj["name"] = stream.Name;
                obj["text"] = Lines(stream.Text);
                break;
            case ExecuteResultOutput result:
                obj["data"] = Bundle(result.Data);
                obj["metadata"] = result.Metadata.DeepClone();
                obj["execution_count"] = result.ExecutionCount;
                break;
            case MimeOutput display:
                obj["data"] = Bundle(display.Data);
                obj["metadata"] = display.Metadata.DeepClone();
                break;
            case ErrorOutput error:
                obj["ename"] = error.Name;
                obj["evalue"] = error.Value;
                obj["traceback"] = new JsonArray(error.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
                break;
        }
        return obj;
    }

    private static JsonObject Bundle(IReadOnlyDictionary<string, string> data)
    {
        var obj = new JsonObject();
        foreach (var (mime, value) in data)
        {
            if (MimeTypes.IsJson(mime))
                obj[mime] = JsonNode.Parse(value);
            else if (mime.StartsWith("text/", StringComparison.Ordinal) || SplitNonText.Contains(mime))
                obj[mime] = Lines(value);
            else
                obj[mime] = value;
        }
        return obj;
    }

    private static JsonArray Lines(string text) =>
        new(PythonLines.SplitKeepEnds(text).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());

    private static JsonObject Copy(JsonObject? extra) =>
        extra is null ? new JsonObject() : (JsonObject)extra.DeepClone();
}
