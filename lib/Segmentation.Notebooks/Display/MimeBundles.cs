using System.Collections;
using System.Net;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Display;

/// <summary>Turns a value into a mime bundle: always <c>text/plain</c> and <c>text/html</c>, plus the plotly JSON of a
/// chart.</summary>
public static class MimeBundles
{
    /// <summary>The bundle for a value (formatters registered by <see cref="Formatters.RegisterDefaults"/>).</summary>
    public static IReadOnlyDictionary<string, string> Create(object? value)
    {
        Formatters.RegisterDefaults();
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (value)
        {
            case null:
                data[MimeTypes.PlainText] = "null";
                data[MimeTypes.Html] = "<pre>null</pre>";
                break;
            case string text:
                data[MimeTypes.PlainText] = DisplayText.Shorten(text);
                data[MimeTypes.Html] = "<pre>" + WebUtility.HtmlEncode(text) + "</pre>";
                break;
            default:
                if (!Formatters.IsRegistered(value.GetType()) && RecordTable.RecordElementType(value) is { } element)
                {
                    var table = RecordTable.Create((IEnumerable)value, element, Formatters.TableRowLimit);
                    data[MimeTypes.PlainText] = table.ToText();
                    data[MimeTypes.Html] = table.ToHtml();
                    break;
                }
                data[MimeTypes.PlainText] = DisplayText.Shorten(Formatter.ToDisplayString(value, MimeTypes.PlainText));
                data[MimeTypes.Html] = Formatter.ToDisplayString(value, MimeTypes.Html);
                if (value is GenericChart chart)
                    data[MimeTypes.PlotlyJson] = GenericChart.toFigureJson(chart);
                break;
        }
        return data;
    }

    /// <summary>A markdown bundle: the source as text/markdown and text/plain, rendered as text/html.</summary>
    public static IReadOnlyDictionary<string, string> Markdown(string markdown) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MimeTypes.Markdown] = markdown,
            [MimeTypes.PlainText] = markdown,
            [MimeTypes.Html] = MarkdownHtml.Render(markdown),
        };
}
