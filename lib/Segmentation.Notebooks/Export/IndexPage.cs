using System.Net;
using System.Text;
using Segmentation.Notebooks.Running;

namespace Segmentation.Notebooks.Export;

/// <summary>The <c>index.html</c> that links every executed notebook and says which one failed where.</summary>
public static class IndexPage
{
    /// <summary>One entry: the run and the file names its page and notebook were written under.</summary>
    public sealed record Entry(NotebookRunResult Run, string HtmlFile, string NotebookFile);

    /// <summary>The page, its words in <paramref name="language"/> (default English), with <paramref name="links"/>
    /// (text, address) above the table.</summary>
    public static string Create(
        string title,
        IReadOnlyList<Entry> entries,
        Segmentation.Common.Text.Language? language = null,
        IReadOnlyList<(string Text, string Href)>? links = null
    )
    {
        ArgumentNullException.ThrowIfNull(entries);
        var t = language ?? Segmentation.Common.Text.Language.English;
        var nav = links is { Count: > 0 }
            ? "<p>"
                + string.Join(" · ", links.Select(l => "<a href=\"" + Encode(l.Href) + "\">" + Encode(l.Text) + "</a>"))
                + "</p>\n"
            : "";
        var rows = new StringBuilder();
        foreach (var entry in entries)
        {
            var status = entry.Run.Failure is null ? t["Index_Ok"] : entry.Run.Failure.ToString();
            rows.Append("<tr><td><a href=\"")
                .Append(Uri.EscapeDataString(entry.HtmlFile))
                .Append("\">")
                .Append(Encode(Path.GetFileNameWithoutExtension(entry.HtmlFile)))
                .Append("</a></td><td class=\"")
                .Append(entry.Run.Succeeded ? "ok" : "failed")
                .Append("\">")
                .Append(Encode(status))
                .Append("</td><td><a href=\"")
                .Append(Uri.EscapeDataString(entry.NotebookFile))
                .Append("\">")
                .Append(Encode(entry.NotebookFile))
                .Append("</a></td></tr>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\""
            + t.Code
            + "\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
            + Encode(title)
            + "</title>\n"
            + "<style>body{font-family:system-ui,-apple-system,'Segoe "
            + "UI',sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
            + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px "
            + "10px;text-align:left}th{background:#f2f4f8}.failed{color:#a00}.ok{color:#070}</style>\n"
            + "</head>\n<body>\n<h1>"
            + Encode(title)
            + "</h1>\n"
            + nav
            + "<table>\n<thead><tr><th>"
            + Encode(t["Index_Notebook"])
            + "</th><th>"
            + Encode(t["Index_Result"])
            + "</th><th>"
            + Encode(t["Index_Executed"])
            + "</th></tr></thead>\n<tbody>\n"
            + rows
            + "</tbody>\n</table>\n</body>\n</html>\n";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
