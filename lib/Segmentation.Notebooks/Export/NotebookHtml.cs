using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Documents;
using Segmentation.Reports;

namespace Segmentation.Notebooks.Export;

/// <summary>
/// A notebook as one standalone, offline HTML page: markdown rendered, code and outputs in order,
/// plotly.js embedded once in the head when any output has a chart, nothing fetched from the network.
/// </summary>
public static partial class NotebookHtml
{
    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em "
        + "auto;padding:0 1em;color:#222;line-height:1.45}"
        + ".cell{margin:1em 0}.input{display:flex;gap:.5em}.prompt{color:#307fc1;font-family:monospace;"
        + "min-width:5em;text-align:right;padding-top:.5em}"
        + ".input pre{flex:1;background:#f7f7f9;border:1px solid "
        + "#e1e1e8;border-radius:4px;padding:.5em;margin:0;overflow-x:auto}"
        + ".output{margin:.4em 0 .4em 5.5em;overflow-x:auto}.output pre{margin:0;white-space:pre-wrap}"
        + ".stderr{background:#fff5f5}.error{background:#fdd;color:#900;padding:.5em;border-radius:4px}"
        + "table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid "
        + "#ccc;padding:3px 8px;text-align:left}"
        + "th{background:#f2f4f8}caption{text-align:left;color:#555;font-size:.9em;margin-bottom:3px;"
        + "white-space:nowrap}";

    /// <summary>The page for a notebook.</summary>
    public static string Export(Notebook notebook, string title)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var body = new StringBuilder();
        var needsPlotly = false;
        foreach (var cell in notebook.Cells)
        {
            switch (cell.CellType)
            {
                case CellTypes.Markdown:
                    body.Append("<section class=\"cell markdown\">\n")
                        .Append(MarkdownHtml.Render(cell.Source))
                        .Append("</section>\n");
                    break;
                case CellTypes.Code:
                    body.Append("<section class=\"cell code\">\n");
                    if (!cell.Source.TrimStart().StartsWith("#!markdown", StringComparison.Ordinal))
                        AppendInput(body, cell);
                    foreach (var output in cell.Outputs.Where(o => !DocumentAssets.IsPlotlyLoader(o)))
                    {
                        var html = OutputHtml(output);
                        needsPlotly |= ChartHtml.NeedsPlotly(html);
                        body.Append("<div class=\"output\">").Append(html).Append("</div>\n");
                    }
                    body.Append("</section>\n");
                    break;
                default:
                    body.Append("<section class=\"cell raw\"><pre>")
                        .Append(Encode(cell.Source))
                        .Append("</pre></section>\n");
                    break;
            }
        }
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<title>").Append(Encode(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n");
        if (needsPlotly)
            page.Append(PlotlyAssets.ScriptElement()).Append('\n');
        page.Append("</head>\n<body>\n<main>\n").Append(body).Append("</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static void AppendInput(StringBuilder body, NotebookCell cell)
    {
        var prompt = cell.ExecutionCount is { } n ? n.ToString(CultureInfo.InvariantCulture) : " ";
        body.Append("<div class=\"input\"><div class=\"prompt\">In [")
            .Append(prompt)
            .Append("]:</div><pre><code>")
            .Append(Encode(cell.Source))
            .Append("</code></pre></div>\n");
    }

    private static string OutputHtml(CellOutput output) =>
        output switch
        {
            MimeOutput mime when mime.Html is { } html => html,
            MimeOutput mime when mime.Data.TryGetValue(MimeTypes.Markdown, out var markdown) => MarkdownHtml.Render(
                markdown
            ),
            MimeOutput mime when mime.Data.TryGetValue("image/svg+xml", out var svg) => svg,
            MimeOutput mime when mime.Data.TryGetValue("image/png", out var png) =>
                $"<img alt=\"\" src=\"data:image/png;base64,{png.Trim()}\">",
            MimeOutput mime when mime.Data.TryGetValue("image/jpeg", out var jpeg) =>
                $"<img alt=\"\" src=\"data:image/jpeg;base64,{jpeg.Trim()}\">",
            MimeOutput mime => "<pre>" + Encode(mime.PlainText ?? "") + "</pre>",
            StreamOutput stream =>
                $"<pre class=\"{(stream.Name == StreamOutput.StandardError ? "stderr" : "stdout")}\">"
                    + $"{Encode(stream.Text)}</pre>",
            ErrorOutput error => "<pre class=\"error\">"
                + Encode(Ansi().Replace($"{error.Name}: {error.Value}\n{string.Join('\n', error.Traceback)}", ""))
                + "</pre>",
            _ => "",
        };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex("\u001b\\[[0-9;]*[A-Za-z]")]
    private static partial Regex Ansi();
}
