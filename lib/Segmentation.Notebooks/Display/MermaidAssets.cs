using System.IO.Compression;
using System.Text.Json.Nodes;
using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Display;

/// <summary>
/// mermaid.js (12.3.0 from the npm registry, MIT licence beside it), embedded gzip-compressed in this assembly, so
/// <c>#!mermaid</c> diagrams draw with no network. It defines the global <c>mermaid</c> (no AMD module), so pages that
/// carry require.js (nbconvert's) need no workaround.
/// </summary>
public static class MermaidAssets
{
    /// <summary>The mermaid.js version embedded.</summary>
    public const string Version = "12.3.0";

    /// <summary>The asset name in output metadata.</summary>
    public const string Asset = "mermaid.js";

    private const string ResourceName = "Segmentation.Notebooks.mermaid.min.js.gz";

    private static readonly Lazy<string> Script = new(Read);

    /// <summary>A display output that defines the global <c>mermaid</c> offline; sent once per session, before the
    /// first diagram.</summary>
    public static DisplayDataOutput Loader() =>
        new(
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [MimeTypes.Html] =
                    "<script type=\"text/javascript\">"
                    + Script.Value.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
                    + "</script>",
                [MimeTypes.PlainText] = $"mermaid.js {Version} (embedded, offline)",
            },
            new JsonObject { [DocumentAssets.MetadataKey] = new JsonObject { ["asset"] = Asset } }
        );

    /// <summary>A diagram: its source in a <c>pre class="mermaid"</c> element, drawn by mermaid once it is on the
    /// page.</summary>
    public static IReadOnlyDictionary<string, string> Diagram(string source, string elementId) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MimeTypes.Html] =
                $"<pre class=\"mermaid\" id=\"{elementId}\">{System.Net.WebUtility.HtmlEncode(source)}</pre>"
                + $"<script type=\"text/javascript\">(function(){{var "
                + $"draw=function(){{if(!window.mermaid){{setTimeout(draw,50);return;}}"
                + $"window.mermaid.initialize({{startOnLoad:false}});"
                + $"window.mermaid.run({{nodes:[document.getElementById('{elementId}')]}});}};draw();}})();"
                + "</script>",
            [MimeTypes.PlainText] = source,
        };

    private static string Read()
    {
        using var stream = typeof(MermaidAssets).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"resource {ResourceName} is missing from {typeof(MermaidAssets).Assembly.GetName().Name}"
            );
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
