using System.Text.Json.Nodes;
using Segmentation.Notebooks.Documents;
using Segmentation.Reports;

namespace Segmentation.Notebooks.Display;

/// <summary>
/// The plotly.js loader output: emitted once per session, just before the first chart, marked in
/// its metadata so an HTML export can drop it and put plotly.js once in the page head instead.
/// </summary>
public static class DocumentAssets
{
    /// <summary>The output metadata key that marks runtime assets.</summary>
    public const string MetadataKey = "segmentation";

    /// <summary>The asset name of the plotly.js loader.</summary>
    public const string PlotlyAsset = "plotly.js";

    /// <summary>A display output that defines the global <c>Plotly</c> offline (hiding an AMD <c>define</c> while it
    /// loads).</summary>
    public static DisplayDataOutput PlotlyLoader() =>
        new(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MimeTypes.Html] = PlotlyAssets.ScriptElement(),
                [MimeTypes.PlainText] = $"plotly.js {PlotlyAssets.Version} (embedded, offline)",
            },
            new JsonObject { [MetadataKey] = new JsonObject { ["asset"] = PlotlyAsset } }
        );

    /// <summary>True for the output made by <see cref="PlotlyLoader"/>.</summary>
    public static bool IsPlotlyLoader(CellOutput output) =>
        output is MimeOutput mime && mime.Metadata[MetadataKey]?["asset"]?.GetValue<string>() == PlotlyAsset;
}
