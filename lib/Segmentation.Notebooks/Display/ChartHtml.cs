using System.Globalization;
using System.Text.RegularExpressions;
using Plotly.NET;
using Segmentation.Reports;

namespace Segmentation.Notebooks.Display;

/// <summary>
/// Chart fragments for notebook outputs. A fragment draws with the global <c>Plotly</c>; its element
/// id is a placeholder that the session replaces with an id unique in the notebook, so any
/// formatter (including those of the library's own result types) can embed a chart with
/// <see cref="Fragment(GenericChart)"/> and the runtime adds plotly.js once per document.
/// </summary>
public static partial class ChartHtml
{
    private const string PlaceholderPrefix = "seg-chart-placeholder-";
    private static long placeholders;

    /// <summary>A Plotly.NET chart (also Plotly.NET.CSharp) as an HTML fragment.</summary>
    public static string Fragment(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return PlotlyAssets.ChartFragment(chart, NextPlaceholder());
    }

    /// <summary>An XPlot.Plotly chart as an HTML fragment. Sets the chart's id (XPlot's default is a random
    /// GUID).</summary>
    public static string Fragment(XPlot.Plotly.PlotlyChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var id = NextPlaceholder();
        chart.WithId(id);
        return string.Create(
                CultureInfo.InvariantCulture,
                $"<div id=\"{id}\" class=\"seg-chart\" style=\"width: {chart.Width}px; height: "
            )
            + string.Create(CultureInfo.InvariantCulture, $"{chart.Height}px;\"></div>\n")
            + chart.GetInlineJS().Trim()
            + "\n";
    }

    /// <summary>True when the HTML holds a chart fragment that needs plotly.js on the page.</summary>
    public static bool NeedsPlotly(string html) =>
        html.Contains(PlaceholderPrefix, StringComparison.Ordinal)
        || html.Contains("Plotly.newPlot", StringComparison.Ordinal);

    /// <summary>Replaces each placeholder id with <c>{prefix}-chart-{n}</c>, n counted by
    /// <paramref name="next"/>.</summary>
    internal static string AssignIds(string html, string prefix, Func<int> next)
    {
        var assigned = new Dictionary<string, string>(StringComparer.Ordinal);
        return Placeholder()
            .Replace(html, m =>
            {
                if (!assigned.TryGetValue(m.Value, out var id))
                {
                    id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-chart-{next()}");
                    assigned[m.Value] = id;
                }
                return id;
            });
    }

    private static string NextPlaceholder() =>
        string.Create(CultureInfo.InvariantCulture, $"{PlaceholderPrefix}{Interlocked.Increment(ref placeholders)}");

    [GeneratedRegex("seg-chart-placeholder-[0-9]+")]
    private static partial Regex Placeholder();
}
