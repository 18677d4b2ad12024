using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Segmentation.Common.Text;
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

    /// <summary>The report as Markdown in <paramref name="language"/> (default <see cref="Language.Current"/>): a
    /// summary table, then one section per persona.</summary>
    public static string ToMarkdown(PersonaReport report, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var t = language ?? Language.Current;
        var md = new StringBuilder();
        md.Append("# ").Append(t["Personas_Title"]).Append("\n\n");
        md.Append(t.Format("Personas_Intro", t.Count(report.Customers), report.Personas.Count))
            .Append(' ')
            .Append(t["Report_TierRule"])
            .Append(' ')
            .Append(report.TierRule)
            .Append("\n\n");
        if (report.PrivacyNote.Length > 0)
            md.Append("> ").Append(report.PrivacyNote).Append("\n\n");
        var withClv = report.Personas.Any(p => p.ClvShare is not null);
        var withValue = report.Revenue is not null;
        var header = new List<(string Text, bool Right)>
        {
            (t["Col_Segment"], false),
            (t["Col_Name"], false),
            (t["Col_Customers"], true),
            (t["Col_CustomerShare"], true),
        };
        if (withValue)
            header.Add((t["Col_RevenueShare"], true));
        if (withClv)
            header.Add((t["Col_ClvShare"], true));
        if (withValue)
            header.Add((t["Col_ValueTier"], false));
        md.Append("| ")
            .Append(string.Join(" | ", header.Select(h => h.Text)))
            .Append(" |\n|")
            .Append(string.Concat(header.Select(h => h.Right ? "---:|" : "---|")))
            .Append('\n');
        foreach (var p in report.Personas)
        {
            var cells = new List<string>
            {
                Cell(p.Segment),
                Cell(p.Name),
                t.Count(p.Customers),
                t.Percent(p.CustomerShare),
            };
            if (withValue)
                cells.Add(t.Percent(p.RevenueShare ?? 0));
            if (withClv)
                cells.Add(t.Percent(p.ClvShare ?? 0));
            if (withValue)
                cells.Add(StrategyPlaybook.TierLabel(p.Tier, t));
            md.Append("| ").Append(string.Join(" | ", cells)).Append(" |\n");
        }
        foreach (var p in report.Personas)
        {
            md.Append("\n## ")
                .Append(t.Format("Personas_Heading", p.Name, p.Segment))
                .Append("\n\n")
                .Append(p.Description)
                .Append("\n\n");
            md.Append("| ")
                .Append(
                    string.Join(
                        " | ",
                        new[]
                        {
                            t["Col_Feature"],
                            t["Col_SegmentMean"],
                            t["Col_Median"],
                            t["Col_AllMean"],
                            t["Col_StdDiff"],
                            t["Col_Lift"],
                        }
                    )
                )
                .Append(" |\n|---|---:|---:|---:|---:|---:|\n");
            foreach (var f in p.Features)
            {
                md.Append("| ")
                    .Append(Cell(f.Feature))
                    .Append(" | ")
                    .Append(Number(f.Mean, t))
                    .Append(" | ")
                    .Append(Number(f.Median, t))
                    .Append(" | ")
                    .Append(Number(f.OverallMean, t))
                    .Append(" | ")
                    .Append(f.StandardizedDifference.ToString("+0.00;-0.00;0.00", t.Formats))
                    .Append(" | ")
                    .Append(f.Lift is { } l ? l.ToString("0.00", t.Formats) : "–")
                    .Append(" |\n");
            }
            if (p.OverRepresented.Count > 0)
                md.Append('\n')
                    .Append(
                        t.Format(
                            "Personas_OverRepresented",
                            t.List(
                                p.OverRepresented.Select(c =>
                                    $"{c.Feature}={c.Category} {c.Lift.ToString("0.0", t.Formats)}× "
                                    + $"({t.Percent(c.Share, 0)} / {t.Percent(c.OverallShare, 0)})"
                                )
                            )
                        )
                    )
                    .Append('\n');
            md.Append('\n').Append(t["Card_Do"]).Append("\n\n");
            foreach (var s in p.Strategies)
                md.Append("- ").Append(s).Append('\n');
        }
        return md.ToString();
    }

    /// <summary>The persona cards side by side (a fragment for <see cref="HtmlPage.Raw"/>), as the report shows
    /// them, in <paramref name="language"/> (default <see cref="Language.Current"/>).</summary>
    public static string ToHtmlCards(PersonaReport report, Language? language = null) =>
        SegmentReport.PersonaCards(report, language ?? Language.Current);

    /// <summary>Writes personas.json and personas.md (in <paramref name="language"/>, default
    /// <see cref="Language.Current"/>) into <paramref name="directory"/>.</summary>
    public static void Write(PersonaReport report, string directory, Language? language = null)
    {
        Directory.CreateDirectory(directory);
        TextFiles.Write(directory, "personas.json", ToJson(report));
        TextFiles.Write(directory, "personas.md", ToMarkdown(report, language));
    }

    private static string Number(double v, Language t) => v.ToString("0.##", t.Formats);

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
