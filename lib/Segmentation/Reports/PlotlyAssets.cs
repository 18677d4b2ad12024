using System.Globalization;
using System.Text;
using Plotly.NET;

namespace Segmentation.Reports;

/// <summary>
/// plotly.js as shipped inside the Plotly.NET assembly (no CDN, no network), and chart fragments
/// with deterministic element ids so the same chart gives the same bytes.
/// </summary>
public static class PlotlyAssets
{
    private static readonly Lazy<string> ScriptText = new(LoadScript);

    /// <summary>The plotly.js version embedded in Plotly.NET.</summary>
    public static string Version { get; } =
        FindResource()
            .Replace("Plotly.NET.plotly-", "", StringComparison.Ordinal)
            .Replace(".min.js", "", StringComparison.Ordinal);

    /// <summary>The minified plotly.js source.</summary>
    public static string Script => ScriptText.Value;

    /// <summary>
    /// A <c>&lt;script&gt;</c> element that defines the global <c>Plotly</c>, hiding an AMD <c>define</c>
    /// (require.js in nbconvert pages) while it loads so plotly.js does not register as a module.
    /// Include it once per page, before any chart.
    /// </summary>
    public static string ScriptElement() =>
        "<script type=\"text/javascript\">(function(){var __define=window.define;window.define=undefined;\n"
        + Script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
        + "\nwindow.define=__define;})();</script>";

    /// <summary>
    /// A chart as an HTML fragment: a <c>div</c> with the given id and a script that draws it with the
    /// global <c>Plotly</c> (see <see cref="ScriptElement"/>).
    /// </summary>
    public static string ChartFragment(GenericChart chart, string elementId)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var figure = GenericChart.toFigureJson(chart);
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"<div id=\"{elementId}\" class=\"seg-chart\"></div>\n");
        builder.Append("<script type=\"text/javascript\">(function(){var f=");
        builder.Append(figure.Replace("</", "<\\/", StringComparison.Ordinal));
        builder.Append(
            CultureInfo.InvariantCulture,
            $";Plotly.newPlot('{elementId}',f.data,f.layout,{{responsive:true,displaylogo:false}});}})();</script>\n"
        );
        return builder.ToString();
    }

    private static string FindResource() =>
        typeof(GenericChart)
            .Assembly.GetManifestResourceNames()
            .Single(n =>
                n.StartsWith("Plotly.NET.plotly-", StringComparison.Ordinal)
                && n.EndsWith(".min.js", StringComparison.Ordinal)
            );

    private static string LoadScript()
    {
        using var stream = typeof(GenericChart).Assembly.GetManifestResourceStream(FindResource())
            ?? throw new InvalidOperationException("plotly.js resource missing from Plotly.NET");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
