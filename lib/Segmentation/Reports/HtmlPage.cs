using System.Net;
using System.Text;
using Plotly.NET;
using Segmentation.Common.Text;

namespace Segmentation.Reports;

/// <summary>
/// The one page builder of the workspace: a standalone, offline HTML page built section by section (headings,
/// paragraphs, tables, cards and charts), with a table of contents when it has sections and print rules that start
/// every section on a new page and never cut a chart, card or table. plotly.js is embedded once, only when the page
/// has a chart; nothing references the network. The page declares its language.
/// </summary>
public sealed class HtmlPage
{
    private readonly StringBuilder body = new();
    private readonly List<(string Id, string Heading, int Level)> contents = [];
    private readonly string title;
    private readonly Language language;
    private string? subtitle;
    private bool sectionOpen;
    private int charts;

    /// <summary>Starts a page with a title, in <paramref name="language"/> (default English).</summary>
    public HtmlPage(string title, Language? language = null)
    {
        this.title = title;
        this.language = language ?? Language.English;
    }

    /// <summary>The line under the title (source, date, method).</summary>
    public HtmlPage Subtitle(string text)
    {
        subtitle = text;
        return this;
    }

    /// <summary>
    /// Starts a section with a heading and an entry in the table of contents: level 2 starts a new printed page, level
    /// 3 is a sub-section listed under it.
    /// </summary>
    public HtmlPage Section(string id, string heading, int level = 2)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        if (level <= 2)
        {
            CloseSection();
            body.Append("<section id=\"").Append(Encode(id)).Append("\">\n");
            sectionOpen = true;
        }
        contents.Add((id, heading, level));
        var h = Math.Clamp(level, 2, 4);
        body.Append(FormattableString.Invariant($"<h{h} id=\"{Encode(id)}-h\">{Encode(heading)}</h{h}>\n"));
        return this;
    }

    /// <summary>Adds a heading (level 1–4) that is not listed in the table of contents.</summary>
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

    /// <summary>Adds a note (a smaller, muted paragraph: privacy, caveats).</summary>
    public HtmlPage Note(string text)
    {
        body.Append("<p class=\"note\">").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Adds a trusted HTML fragment produced by the library (e.g. persona cards).</summary>
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

    /// <summary>The ids of the top-level sections, in order.</summary>
    public IReadOnlyList<string> Sections => contents.Where(c => c.Level <= 2).Select(c => c.Id).ToList();

    /// <summary>The complete page.</summary>
    public override string ToString()
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"")
            .Append(language.Code)
            .Append("\">\n<head>\n<meta charset=\"utf-8\">\n");
        page.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        page.Append("<title>").Append(Encode(title)).Append("</title>\n");
        page.Append("<style>").Append(Style).Append("</style>\n");
        if (charts > 0)
            page.Append(PlotlyAssets.ScriptElement()).Append('\n');
        page.Append("</head>\n<body>\n<header>\n<h1>").Append(Encode(title)).Append("</h1>\n");
        if (subtitle is not null)
            page.Append("<p class=\"subtitle\">").Append(Encode(subtitle)).Append("</p>\n");
        page.Append("</header>\n");
        if (contents.Count > 1)
        {
            page.Append("<nav class=\"toc\">\n<h2>").Append(Encode(language["Page_Contents"])).Append("</h2>\n<ol>\n");
            var open = false;
            foreach (var (id, heading, level) in contents)
            {
                if (level <= 2)
                {
                    if (open)
                        page.Append("</ol></li>\n");
                    page.Append("<li><a href=\"#")
                        .Append(Encode(id))
                        .Append("\">")
                        .Append(Encode(heading))
                        .Append("</a><ol>\n");
                    open = true;
                }
                else
                {
                    page.Append("<li><a href=\"#")
                        .Append(Encode(id))
                        .Append("-h\">")
                        .Append(Encode(heading))
                        .Append("</a></li>\n");
                }
            }
            if (open)
                page.Append("</ol></li>\n");
            page.Append("</ol>\n</nav>\n");
        }
        page.Append(body);
        if (sectionOpen)
            page.Append("</section>\n");
        page.Append("</body>\n</html>\n");
        return page.ToString();
    }

    /// <summary>Writes the page as UTF-8 (no BOM).</summary>
    public void Save(string path) => File.WriteAllText(path, ToString(), TextFiles.Utf8);

    /// <summary>An HTML table with encoded cells (for use in other fragments).</summary>
    public static string HtmlTable(
        IReadOnlyList<string> header,
        IEnumerable<IReadOnlyList<string>> rows,
        string? caption = null
    )
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var html = new StringBuilder("<table>\n");
        if (caption is not null)
            html.Append("<caption>").Append(Encode(caption)).Append("</caption>\n");
        html.Append("<thead><tr>");
        foreach (var h in header)
            html.Append("<th>").Append(Encode(h)).Append("</th>");
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row)
                html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
        return html.ToString();
    }

    /// <summary>A small square in a segment's colour, followed by the text (an HTML fragment).</summary>
    public static string Swatch(string colour, string text) =>
        "<span class=\"swatch\" style=\"background:" + Encode(colour) + "\"></span>" + Encode(text);

    /// <summary>HTML-encodes text.</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private void CloseSection()
    {
        if (sectionOpen)
            body.Append("</section>\n");
        sectionOpen = false;
    }

    private const string Style =
        "body{font-family:system-ui,-apple-system,'Segoe UI','Noto Sans CJK SC','Microsoft "
        + "YaHei',sans-serif;max-width:1180px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}"
        + "header .subtitle{color:#555}nav.toc{background:#f6f7fb;border:1px solid "
        + "#dde;border-radius:6px;padding:0.5em 1.5em;margin:1em 0}"
        + "nav.toc ol ol{font-size:0.9em}section{margin-top:2em}"
        + "table{border-collapse:collapse;margin:1em 0;font-size:0.9em}th,td{border:1px solid "
        + "#ccc;padding:4px 8px;text-align:left;vertical-align:top}"
        + "th{background:#f2f4f8}caption{text-align:left;font-weight:600;margin-bottom:4px}"
        + "td.n{text-align:right;font-variant-numeric:tabular-nums}"
        + ".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:1em;margin:1em 0}"
        + ".card{border:1px solid #ccd;border-top:8px solid "
        + "var(--segment,#8c8c8c);border-radius:8px;padding:0.8em 1em;background:#fcfcff}"
        + ".card h3{margin:0.2em 0 0.4em}.card h4{margin:0.8em 0 0.2em;font-size:0.95em;color:#333}.card "
        + "ul{margin:0.2em 0;padding-left:1.2em}"
        + ".tier{display:inline-block;font-size:0.8em;padding:1px "
        + "8px;border-radius:10px;background:#eef;margin-left:0.3em}"
        + ".swatch{display:inline-block;width:0.9em;height:0.9em;border-radius:2px;margin-right:0.4em;"
        + "vertical-align:-0.1em}"
        + ".note{color:#555;font-style:italic}.ok{color:#1a7f37}.bad{color:#b42318}.seg-chart{margin:1em 0}"
        + "@page{size:A4 landscape;margin:12mm}"
        + "@media print{body{max-width:none;margin:0}nav.toc{break-after:page}section{break-before:page}"
        + ".modebar-container{display:none}"
        + ".cards{display:block!important}.card{display:block;margin:0 0 0.8em "
        + "0;font-size:0.8em;break-inside:avoid;page-break-inside:avoid}"
        + ".seg-chart,.card,table,figure{break-inside:avoid}h2,h3{break-after:avoid}a{color:inherit;"
        + "text-decoration:none}}";
}
