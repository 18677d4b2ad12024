using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Segmentation.Profiling;

namespace Segmentation.Reports;

/// <summary>Writes a <see cref="PersonaReport"/> as JSON, Markdown and HTML persona cards.</summary>
public static class PersonaDocuments
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The report as JSON (snake_case names, tiers as "high-value" etc.).</summary>
    public static string ToJson(PersonaReport report) => JsonSerializer.Serialize(report, Json) + "\n";

    /// <summary>The report as Markdown: a summary table, then one section per persona.</summary>
    public static string ToMarkdown(PersonaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.Append("# Personas\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{report.Customers:N0} customers, {report.Personas.Count} segments shown. Value tiers: {report.TierRule}\n\n");
        if (report.PrivacyNote.Length > 0) md.Append("> Privacy: ").Append(report.PrivacyNote).Append("\n\n");
        var withClv = report.Personas.Any(p => p.ClvShare is not null);
        var withValue = report.Revenue is not null;
        md.Append(withClv
            ? "| segment | name | customers | share | revenue share | CLV share | tier |\n|---|---|---:|---:|---:|---:|---|\n"
            : withValue ? "| segment | name | customers | share | revenue share | tier |\n|---|---|---:|---:|---:|---|\n"
            : "| segment | name | customers | share |\n|---|---|---:|---:|\n");
        foreach (var p in report.Personas)
        {
            var clv = withClv ? string.Create(CultureInfo.InvariantCulture, $" {p.ClvShare:P1} |") : "";
            md.Append(withValue
                ? string.Create(CultureInfo.InvariantCulture, $"| {Cell(p.Segment)} | {Cell(p.Name)} | {p.Customers:N0} | {p.CustomerShare:P1} | {p.RevenueShare:P1} |{clv} {StrategyPlaybook.TierName(p.Tier)} |\n")
                : string.Create(CultureInfo.InvariantCulture, $"| {Cell(p.Segment)} | {Cell(p.Name)} | {p.Customers:N0} | {p.CustomerShare:P1} |\n"));
        }
        foreach (var p in report.Personas)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {p.Name} (segment {p.Segment})\n\n{p.Description}\n\n");
            md.Append("| feature | segment mean | median | all mean | std. diff | lift |\n|---|---:|---:|---:|---:|---:|\n");
            foreach (var f in p.Features)
                md.Append(CultureInfo.InvariantCulture, $"| {Cell(f.Feature)} | {f.Mean:0.##} | {f.Median:0.##} | {f.OverallMean:0.##} | {f.StandardizedDifference:+0.00;-0.00;0.00} | {(f.Lift is { } l ? l.ToString("0.00", CultureInfo.InvariantCulture) : "–")} |\n");
            if (p.OverRepresented.Count > 0)
                md.Append("\nOver-represented: ").Append(string.Join(", ", p.OverRepresented.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Feature}={c.Category} {c.Lift:0.0}× ({c.Share:P0} vs {c.OverallShare:P0})")))).Append('\n');
            md.Append("\nRecommended actions:\n\n");
            foreach (var s in p.Strategies) md.Append("- ").Append(s).Append('\n');
        }
        return md.ToString();
    }

    /// <summary>One HTML card per persona (a fragment for <see cref="HtmlPage.Raw"/>).</summary>
    public static string ToHtmlCards(PersonaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        if (report.PrivacyNote.Length > 0) html.Append("<p class=\"note\">Privacy: ").Append(HtmlPage.Encode(report.PrivacyNote)).Append("</p>\n");
        foreach (var p in report.Personas)
        {
            html.Append("<div class=\"card\">\n");
            var tier = p.Tier == SegmentValueTier.NotAssessed ? "" : ", " + StrategyPlaybook.TierName(p.Tier);
            html.Append(CultureInfo.InvariantCulture, $"<h3>{HtmlPage.Encode(p.Name)} <small>(segment {HtmlPage.Encode(p.Segment)}{tier})</small></h3>\n");
            html.Append("<p>").Append(HtmlPage.Encode(p.Description)).Append("</p>\n");
            html.Append(HtmlPage.HtmlTable(
                ["feature", "segment mean", "all mean", "std. diff", "lift"],
                p.Features.Take(6).Select(f => (IReadOnlyList<string>)
                [
                    f.Feature, Number(f.Mean), Number(f.OverallMean),
                    f.StandardizedDifference.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture),
                    f.Lift is { } l ? l.ToString("0.00", CultureInfo.InvariantCulture) : "–",
                ])));
            html.Append("<p><strong>Recommended actions</strong></p>\n<ul>\n");
            foreach (var s in p.Strategies) html.Append("<li>").Append(HtmlPage.Encode(s)).Append("</li>\n");
            html.Append("</ul>\n</div>\n");
        }
        return html.ToString();
    }

    /// <summary>Writes personas.json and personas.md into <paramref name="directory"/>.</summary>
    public static void Write(PersonaReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);
        File.WriteAllText(Path.Combine(directory, "personas.json"), ToJson(report), utf8);
        File.WriteAllText(Path.Combine(directory, "personas.md"), ToMarkdown(report), utf8);
    }

    private static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
