using System.Text.Json;
using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>JSON → <see cref="Notebook"/>, joining line lists like nbformat's <c>rejoin_lines</c>.</summary>
internal static class NotebookReader
{
    private static readonly HashSet<string> CellFields =
    [
        "cell_type",
        "id",
        "metadata",
        "source",
        "execution_count",
        "outputs",
    ];

    public static Notebook Read(string json, string? source)
    {
        var where = source ?? "notebook";
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"{where}: not valid JSON ({e.Message})", e);
        }
        if (root is not JsonObject obj)
            throw new NotebookFormatException($"{where}: a notebook is a JSON object");
        var major = ReadInt(obj, "nbformat", where)
            ?? throw new NotebookFormatException($"{where}: missing 'nbformat'");
        if (major != 4)
            throw new NotebookFormatException($"{where}: nbformat={major} is not supported; expected 4");
        var notebook = new Notebook
        {
            FormatMajor = major,
            FormatMinor = ReadInt(obj, "nbformat_minor", where) ?? 0,
            Metadata = obj["metadata"] as JsonObject is { } m ? (JsonObject)m.DeepClone() : new JsonObject(),
        };
        if (obj["cells"] is not JsonArray cells)
            throw new NotebookFormatException($"{where}: missing 'cells' array");
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell)
                throw new NotebookFormatException($"{where}: cell {i + 1} is not an object");
            notebook.Cells.Add(ReadCell(cell, $"{where}: cell {i + 1}"));
        }
        notebook.Extra = Remainder(obj, ["nbformat", "nbformat_minor", "metadata", "cells"]);
        return notebook;
    }

    private static NotebookCell ReadCell(JsonObject obj, string where)
    {
        var type =
            obj["cell_type"]?.GetValueKind() == JsonValueKind.String
                ? obj["cell_type"]!.GetValue<string>()
                : throw new NotebookFormatException($"{where}: missing 'cell_type'");
        var cell = new NotebookCell(
            type,
            JoinText(obj["source"]) ?? "",
            obj["id"]?.GetValueKind() == JsonValueKind.String ? obj["id"]!.GetValue<string>() : null
        )
        {
            Metadata = obj["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : new JsonObject(),
        };
        var extraFields = new HashSet<string>(CellFields);
        if (obj["id"] is { } id && id.GetValueKind() != JsonValueKind.String)
            extraFields.Remove("id");
        if (type == CellTypes.Code)
        {
            cell.ExecutionCount = ReadInt(obj, "execution_count", where);
            if (obj["outputs"] is JsonArray outputs)
            {
                foreach (var output in outputs)
                {
                    if (output is not JsonObject o)
                        throw new NotebookFormatException($"{where}: an output is not an object");
                    cell.Outputs.Add(ReadOutput(o));
                }
            }
        }
        else
        {
            extraFields.Remove("execution_count");
            extraFields.Remove("outputs");
        }
        cell.Extra = Remainder(obj, extraFields);
        return cell;
    }

    private static CellOutput ReadOutput(JsonObject obj)
    {
        var type =
            obj["output_type"]?.GetValueKind() == JsonValueKind.String ? obj["output_type"]!.GetValue<string>() : "";
        switch (type)
        {
            case "stream" when obj["name"]?.GetValueKind() == JsonValueKind.String && JoinText(obj["text"]) is { } text:
                return new StreamOutput(obj["name"]!.GetValue<string>(), text)
                {
                    Extra = Unknown(obj, ["output_type", "name", "text"]),
                };
            case "display_data" when ReadBundle(obj["data"]) is { } data:
                return new DisplayDataOutput(data, Metadata(obj))
                {
                    Extra = Unknown(obj, ["output_type", "data", "metadata"]),
                };
            case "execute_result" when ReadBundle(obj["data"]) is { } data:
                return new ExecuteResultOutput(data, Metadata(obj), ReadInt(obj, "execution_count", "output"))
                {
                    Extra = Unknown(obj, ["output_type", "data", "metadata", "execution_count"]),
                };
            case "error"
                when obj["traceback"] is JsonArray traceback
                    && traceback.All(t => t?.GetValueKind() == JsonValueKind.String):
                return new ErrorOutput(
                    obj["ename"]?.GetValue<string>() ?? "",
                    obj["evalue"]?.GetValue<string>() ?? "",
                    traceback.Select(t => t!.GetValue<string>()).ToArray()
                )
                {
                    Extra = Unknown(obj, ["output_type", "ename", "evalue", "traceback"]),
                };
            default:
                return new UnknownOutput((JsonObject)obj.DeepClone());
        }
    }

    private static JsonObject Metadata(JsonObject obj) =>
        obj["metadata"] is JsonObject m ? (JsonObject)m.DeepClone() : new JsonObject();

    private static Dictionary<string, string>? ReadBundle(JsonNode? node)
    {
        if (node is not JsonObject obj)
            return null;
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (mime, value) in obj)
        {
            data[mime] = MimeTypes.IsJson(mime)
                ? value?.ToJsonString() ?? "null"
                : JoinText(value) ?? value?.ToJsonString() ?? "null";
        }
        return data;
    }

    /// <summary>A string, or a list of strings joined; null for anything else.</summary>
    private static string? JoinText(JsonNode? node) =>
        node switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonArray a when a.All(x => x?.GetValueKind() == JsonValueKind.String) => string.Concat(
                a.Select(x => x!.GetValue<string>())
            ),
            _ => null,
        };

    private static int? ReadInt(JsonObject obj, string name, string where)
    {
        var node = obj[name];
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
            return null;
        if (node.GetValueKind() == JsonValueKind.Number && node.AsValue().TryGetValue<int>(out var value))
            return value;
        throw new NotebookFormatException($"{where}: '{name}' must be an integer");
    }

    /// <summary>The unknown fields of an output, or null when there are none.</summary>
    private static JsonObject? Unknown(JsonObject obj, IEnumerable<string> known) =>
        Remainder(obj, known) is { Count: > 0 } rest ? rest : null;

    private static JsonObject Remainder(JsonObject obj, IEnumerable<string> known)
    {
        var skip = known as ISet<string> ?? new HashSet<string>(known, StringComparer.Ordinal);
        var rest = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (!skip.Contains(key))
                rest[key] = value?.DeepClone();
        }
        return rest;
    }
}
