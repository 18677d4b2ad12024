using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Documents;

/// <summary>
/// The Polyglot Notebooks (.NET Interactive) metadata of a notebook: the kernel info with the default kernel
/// (<c>metadata.polyglot_notebook</c>, older files <c>metadata.dotnet_interactive</c>) and each cell's kernel
/// (<c>metadata.polyglot_notebook.kernelName</c>, older files <c>metadata.dotnet_interactive.language</c>).
/// </summary>
public static class PolyglotMetadata
{
    /// <summary>The notebook metadata key of the kernel info.</summary>
    public const string Key = "polyglot_notebook";

    /// <summary>The older key .NET Interactive wrote.</summary>
    public const string LegacyKey = "dotnet_interactive";

    /// <summary>The kernel used when nothing names one.</summary>
    public const string DefaultKernel = "csharp";

    /// <summary>The notebook's default kernel name (<c>csharp</c> when none is given).</summary>
    public static string DefaultKernelName(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return Text(notebook.Metadata[Key]?["defaultKernelName"])
            ?? Text(notebook.Metadata[Key]?["kernelInfo"]?["defaultKernelName"])
            ?? Text(notebook.Metadata[LegacyKey]?["defaultKernel"])
            ?? DefaultKernel;
    }

    /// <summary>The kernel a cell names in its metadata, else the notebook's default.</summary>
    public static string KernelName(Notebook notebook, NotebookCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return Text(cell.Metadata[Key]?["kernelName"])
            ?? Text(cell.Metadata[LegacyKey]?["language"])
            ?? DefaultKernelName(notebook);
    }

    /// <summary>Writes a cell's kernel in both the current and the older form (as Polyglot Notebooks does).</summary>
    public static void SetKernelName(NotebookCell cell, string kernelName)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentException.ThrowIfNullOrEmpty(kernelName);
        cell.Metadata[LegacyKey] = new JsonObject { ["language"] = kernelName };
        cell.Metadata[Key] = new JsonObject { ["kernelName"] = kernelName };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
}
