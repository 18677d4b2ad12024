using Microsoft.Data.Analysis;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using Segmentation.Common.Text;
using Segmentation.Reports;

namespace Segmentation.Notebooks.Display;

/// <summary>
/// The one place where display formatters are registered (with Microsoft.DotNet.Interactive.Formatting).
/// Every registered type gets a <c>text/html</c> view and a short <c>text/plain</c> one. The library's
/// result types (cleaning and quality reports, RFM segments, k-scan, personas, stability, segment
/// differences, holdout) are registered by <see cref="ResultViews"/>.
/// </summary>
public static class Formatters
{
    private static readonly object Gate = new();
    private static readonly HashSet<Type> RegisteredTypes = [];
    private static bool registered;

    /// <summary>Rows shown for a DataFrame or a sequence of records.</summary>
    public const int TableRowLimit = 20;

    /// <summary>Registers the runtime's formatters. Idempotent and thread-safe.</summary>
    public static void RegisterDefaults()
    {
        lock (Gate)
        {
            if (registered)
                return;
            registered = true;
            Register<DataFrame>(
                frame => DataFrameTable.Create(frame, TableRowLimit).ToHtml(),
                frame => DataFrameTable.Create(frame, TableRowLimit).ToText()
            );
            Register<Microsoft.ML.IDataView>(
                view =>
                    view is DataFrame frame
                        ? DataFrameTable.Create(frame, TableRowLimit).ToHtml()
                        : DataViewTable.Create(view, TableRowLimit).ToHtml(),
                view =>
                    view is DataFrame frame
                        ? DataFrameTable.Create(frame, TableRowLimit).ToText()
                        : DataViewTable.Create(view, TableRowLimit).ToText()
            );
            Register<GenericChart>(ChartHtml.Fragment, chart =>
                GenericChart.countTrace(chart) is var n && n == 1
                    ? Language.Current["Plain_ChartOneTrace"]
                    : Language.Current.Format("Plain_Chart", n)
            );
            Register<XPlot.Plotly.PlotlyChart>(ChartHtml.Fragment, _ => "XPlot.Plotly chart");
            ResultViews.Register();
        }
    }

    /// <summary>
    /// Registers a type's HTML and plain-text views. For a type whose HTML embeds a chart, build the
    /// chart part with <see cref="ChartHtml.Fragment(GenericChart)"/>; for tables use
    /// <see cref="HtmlPage.HtmlTable"/>.
    /// </summary>
    public static void Register<T>(Func<T, string> html, Func<T, string> plainText)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(plainText);
        lock (Gate)
        {
            Formatter.Register<T>(value => html(value), Documents.MimeTypes.Html);
            Formatter.Register<T>(value => plainText(value), Documents.MimeTypes.PlainText);
            RegisteredTypes.Add(typeof(T));
        }
    }

    /// <summary>True when the type (or a base type or interface) has formatters registered here.</summary>
    public static bool IsRegistered(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        lock (Gate)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (RegisteredTypes.Contains(t))
                    return true;
            }
            return type.GetInterfaces().Any(RegisteredTypes.Contains);
        }
    }
}
