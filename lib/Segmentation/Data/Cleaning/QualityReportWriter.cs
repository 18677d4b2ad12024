using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Segmentation.Data.Cleaning;

/// <summary>Renders quality reports as JSON and as one self-contained HTML page (inline CSS, no scripts, no external resources).</summary>
public static class QualityReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The reports as a JSON document: <c>{"reports": [...]}</c>, snake_case names, invariant numbers.</summary>
    public static string ToJson(IReadOnlyList<QualityReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var document = new
        {
            Reports = reports.Select(r => new
            {
                r.File, r.Kind, r.Mapping, r.Encoding, r.InvalidEncodingLines, r.EncodingMessage, r.PhysicalLines, r.BlankLines, r.RowsIn, r.Kept, r.Returns, r.Quarantined, r.Balanced,
                r.Rules, r.Columns,
            }),
        };
        return JsonSerializer.Serialize(document, Json) + "\n";
    }

    /// <summary>The reports as a standalone HTML page.</summary>
    public static string ToHtml(IReadOnlyList<QualityReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Data quality report</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:0.5em 0 1.5em}
            th,td{border:1px solid #ccc;padding:0.3em 0.6em;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            th{background:#f2f2f2}
            .ok{color:#1a7f37}.bad{color:#b42318}
            </style></head><body>
            <h1>Data quality report</h1>

            """);
        foreach (var report in reports) AppendReport(html, report);
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static void AppendReport(StringBuilder html, QualityReport r)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(r.Kind)}: {E(r.File)}</h2>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Column mapping: <b>{E(r.Mapping)}</b>.</p>\n");
        var balance = r.Balanced ? "<span class=\"ok\">holds</span>" : "<span class=\"bad\">fails</span>";
        html.Append("<table><tr><th>physical lines</th><th>blank lines</th><th>rows in</th><th>kept</th><th>returns</th><th>quarantined</th><th>rows in = kept + returns + quarantined</th></tr>\n");
        html.Append(CultureInfo.InvariantCulture,
            $"<tr><td class=\"n\">{N(r.PhysicalLines)}</td><td class=\"n\">{N(r.BlankLines)}</td><td class=\"n\">{N(r.RowsIn)}</td><td class=\"n\">{N(r.Kept)}</td><td class=\"n\">{N(r.Returns)}</td><td class=\"n\">{N(r.Quarantined)}</td><td>{balance}</td></tr></table>\n");

        html.Append("<h3>Rules, in the order they ran</h3>\n<table><tr><th>#</th><th>rule</th><th>destination</th><th>rows</th><th>share of rows in</th><th>what it tests</th></tr>\n");
        for (var i = 0; i < r.Rules.Count; i++)
        {
            var rule = r.Rules[i];
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td class=\"n\">{i + 1}</td><td>{E(rule.Rule)}</td><td>{E(rule.Destination)}</td><td class=\"n\">{N(rule.Rows)}</td><td class=\"n\">{Share(rule.Rows, r.RowsIn)}</td><td>{E(rule.Description)}</td></tr>\n");
        }
        html.Append("</table>\n");

        if (r.Columns.Count == 0) return;
        html.Append("<h3>Columns</h3>\n<table><tr><th>column</th><th>source column</th><th>type</th><th>missing</th><th>unreadable</th><th>distinct</th><th>min</th><th>max</th></tr>\n");
        foreach (var c in r.Columns)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(c.Column)}</td><td>{E(c.SourceColumn ?? "(absent)")}</td><td>{E(c.Type)}</td><td class=\"n\">{c.MissingShare.ToString("P1", CultureInfo.InvariantCulture)}</td><td class=\"n\">{N(c.Invalid)}</td><td class=\"n\">{N(c.Distinct)}</td><td>{E(c.Min ?? "")}</td><td>{E(c.Max ?? "")}</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Share(long part, long whole) =>
        whole == 0 ? "" : ((double)part / whole).ToString("P2", CultureInfo.InvariantCulture);
}
