using System.Net;
using System.Text;
using Plotly.NET;

namespace Segmentation.Reports;

/// <summary>
/// A standalone, offline HTML page built section by section: headings, paragraphs, tables and
/// charts. plotly.js is embedded once, only when the page has a chart; nothing references the network.
/// </summary>
public sealed class HtmlPage
{
    private readonly StringBuilder body = new();
    private readonly string title;
    private int charts;

    /// <summary>Starts a page with a title.</summary>
    public HtmlPage(string title) => this.title = title;

    /// <summary>Adds a heading (level 1–4).</summary>
    public HtmlPage Heading(string text, int level = 2)
    {
        level = Math.Clamp(level, 1, 4);
        body.Append(FormattableString.Invariant($"<h{level}>{Encode(text)}</h{level}>\n"));
        return this;
    }

    /// <summary>Adds a paragraph of plain text.</summary>
    public HtmlPage Paragraph(string text)
    {
        body.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Adds a trusted HTML fragment produced by the library (e.g. a persona card).</summary>
    public HtmlPage Raw(string html)
    {
        body.Append(html).Append('\n');
        return this;
    }

    /// <summary>Adds a table; cells are encoded.</summary>
    public HtmlPage Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        body.Append(HtmlTable(header, rows, caption));
        return this;
    }

    /// <summary>Adds a chart (drawn offline).</summary>
    public HtmlPage Chart(GenericChart chart)
    {
        charts++;
        body.Append(PlotlyAssets.ChartFragment(chart, FormattableString.Invariant($"chart-{charts}")));
        return this;
    }

    /// <summary>The number of charts added so far.</summary>
    public int ChartCount => charts;

    /// <summary>The complete page.</summary>
    public override string ToString()
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<title>").Append(Encode(title)).Append("</title>\n");
        page.Append("<style>").Append(Style).Append("</style>\n");
        if (charts > 0) page.Append(PlotlyAssets.ScriptElement()).Append('\n');
        page.Append("</head>\n<body>\n<h1>").Append(Encode(title)).Append("</h1>\n");
        page.Append(body);
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Writes the page as UTF-8 (no BOM).</summary>
    public void Save(string path) => File.WriteAllText(path, ToString(), new UTF8Encoding(false));

    /// <summary>An HTML table with encoded cells (for use in other fragments).</summary>
    public static string HtmlTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var html = new StringBuilder("<table>\n");
        if (caption is not null) html.Append("<caption>").Append(Encode(caption)).Append("</caption>\n");
        html.Append("<thead><tr>");
        foreach (var h in header) html.Append("<th>").Append(Encode(h)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        return html.ToString();
    }

    /// <summary>HTML-encodes text.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}" +
        "table{border-collapse:collapse;margin:1em 0;font-size:0.9em}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left}" +
        "th{background:#f2f4f8}caption{text-align:left;font-weight:600;margin-bottom:4px}" +
        ".card{border:1px solid #ccd;border-radius:8px;padding:1em;margin:1em 0;background:#fafbff}.note{color:#555;font-style:italic}";
}
