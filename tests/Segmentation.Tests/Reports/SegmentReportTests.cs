using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Segmentation.Charts;
using Segmentation.Common.Text;
using Segmentation.Profiling;
using Segmentation.Reports;
using Segmentation.Segmenting;
using Segmentation.Testing;
using Segmentation.Workflow;

namespace Segmentation.Tests.Reports;

/// <summary>One run of the sample, its report written in both languages (personas described again in
/// Chinese).</summary>
public sealed class BilingualReportFixture : IDisposable
{
    public BilingualReportFixture()
    {
        Result = SegmentWorkflow.Run(
            new SegmentWorkflowOptions
            {
                Input = TestPaths.Sample("transactions.csv"),
                Customers = TestPaths.Sample("customers.csv"),
                Truth = TestPaths.Sample("truth.csv"),
                StabilityReplicates = 5,
            }
        );
        Directory = System.IO.Directory.CreateTempSubdirectory("seg-report-").FullName;
        var english = SegmentOutputs.ReportInput(Result);
        var chinese = english with
        {
            Personas = Personas.Describe(
                Result.ProfileTable,
                ClusterNames.Of(Result.Labels),
                new PersonaOptions
                {
                    Disclosure = new() { MinimumGroupSize = Result.Options.MinimumGroupSize },
                    Language = Language.Chinese,
                }
            ),
        };
        foreach (var (language, input) in new[] { (Language.English, english), (Language.Chinese, chinese) })
        {
            var folder = Folder(language);
            System.IO.Directory.CreateDirectory(folder);
            var page = SegmentReport.Build(input, language);
            Sections[language.Code] = page.Sections;
            page.Save(Path.Combine(folder, SegmentOutputs.Report));
            PersonaDocuments.Write(input.Personas, folder, language);
            QualityPage
                .Build(Result.Cleaning!.Reports(Result.CustomerTable), language)
                .Save(Path.Combine(folder, "quality.html"));
        }
    }

    public SegmentWorkflowResult Result { get; }
    public string Directory { get; }
    public Dictionary<string, IReadOnlyList<string>> Sections { get; } = [];

    public string Folder(Language language) => Path.Combine(Directory, language.Code);

    public string Read(Language language, string file) => File.ReadAllText(Path.Combine(Folder(language), file));

    public void Dispose()
    {
        Result.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

public sealed class SegmentReportTests(BilingualReportFixture run) : IClassFixture<BilingualReportFixture>
{
    public static TheoryData<string> Languages => ["en", "zh-CN"];

    [Fact]
    public void Every_resource_key_has_text_in_every_language_with_the_same_placeholders()
    {
        var english = Language.English.Keys;
        foreach (var language in Language.All)
        {
            Assert.Empty(english.Except(language.Keys).Order(StringComparer.Ordinal));
            Assert.Empty(language.Keys.Except(english).Order(StringComparer.Ordinal));
            foreach (var key in language.Keys)
            {
                if (key != "Name_WordSeparator")
                    Assert.False(string.IsNullOrEmpty(language[key]), $"{language.Code}: {key} is empty");
                // A translation may leave out a figure (the cleaning rules' English detail) but never ask for one
                // English does not give.
                Assert.True(
                    Placeholders(language[key]).IsSubsetOf(Placeholders(Language.English[key])),
                    $"{language.Code}: {key} has placeholders English does not fill"
                );
            }
        }
    }

    [Fact]
    public void Every_resource_key_the_code_names_exists()
    {
        // Keys written as literals (t["Report_Title"], t.Format("Persona_Size", …), language.Find("…")) must be in the
        // resources; keys built at run time (Tier_ + tier) are covered by rendering both languages above.
        var named = Directory
            .GetFiles(TestPaths.InRepo("lib"), "*.cs", SearchOption.AllDirectories)
            .Where(f =>
                !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            )
            .SelectMany(f =>
                Regex
                    .Matches(
                        File.ReadAllText(f),
                        "(?:\\b(?:t|language|Language|options\\.Language)\\[|\\.Format\\(|\\.Find\\()\"([A-"
                            + "Z][A-Za-z]*_[A-Za-z_]+)\""
                    )
                    .Select(m => m.Groups[1].Value)
            )
            .Where(key => !key.EndsWith('_'))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(named.Count > 150, $"{named.Count} keys found in the code");
        Assert.Empty(named.Where(key => !Language.English.Keys.Contains(key)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_features_section_says_where_the_candidates_came_from_in_the_pages_language()
    {
        Assert.Equal(["Basis_LogAndCustomers"], run.Result.FeatureSelection.BasisKeys);
        Assert.Equal(Language.English["Basis_LogAndCustomers"], run.Result.FeatureSelection.Basis);
        Assert.Contains(
            Language.English["Basis_LogAndCustomers"],
            run.Read(Language.English, SegmentOutputs.Report),
            StringComparison.Ordinal
        );
        Assert.Contains(
            Language.Chinese["Basis_LogAndCustomers"],
            run.Read(Language.Chinese, SegmentOutputs.Report),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Chinese_pages_leave_no_english_sentence_and_english_pages_no_chinese()
    {
        foreach (var file in new[] { SegmentOutputs.Report, "quality.html", "personas.md" })
        {
            var chinese = VisibleText(run.Read(Language.Chinese, file));
            var sentences = Regex
                .Matches(chinese, "[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]{2,}){2,}")
                .Select(m => m.Value)
                .Distinct()
                .ToList();
            Assert.True(sentences.Count == 0, $"zh-CN {file}: {string.Join(" | ", sentences.Take(10))}");
            var english = VisibleText(run.Read(Language.English, file));
            Assert.DoesNotMatch("[\u3400-\u9fff]", english);
        }
        Assert.Contains("lang=\"zh-CN\"", run.Read(Language.Chinese, SegmentOutputs.Report), StringComparison.Ordinal);
    }

    [Fact]
    public void Chinese_persona_names_use_the_domain_words_and_no_name_repeats_a_stem_or_runs_past_five_words()
    {
        var chinese = PersonasOf(Language.Chinese);
        Assert.All(chinese, p =>
            Assert.Matches("(高价值客户|潜力客户|低价值客户)$", p.GetProperty("name").GetString()!)
        );
        var english = PersonasOf(Language.English);
        foreach (var name in english.Select(p => p.GetProperty("name").GetString()!))
        {
            var words = name.Split(' ');
            Assert.True(words.Length <= 5, name);
            for (var i = 0; i < words.Length; i++)
            {
                for (var j = i + 1; j < words.Length; j++)
                    Assert.False(
                        Personas.SharesStem(words[i], words[j]) && !(words[j] == "customers"),
                        $"{name}: '{words[i]}' and '{words[j]}'"
                    );
            }
        }
        Assert.Equal(
            english.Select(p => p.GetProperty("segment").GetString()),
            chinese.Select(p => p.GetProperty("segment").GetString())
        );
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_summary_comes_first_then_the_cards_the_charts_and_the_analysts_record(string code)
    {
        Assert.Equal(["summary", "segments", "charts", "rfm", "record"], run.Sections[code]);
        var html = run.Read(Language.Parse(code), SegmentOutputs.Report);
        Assert.True(
            html.IndexOf("<nav class=\"toc\">", StringComparison.Ordinal)
                < html.IndexOf("<section id=\"summary\">", StringComparison.Ordinal)
        );
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "window.define=undefined"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Executive_summary_matches_personas_json(string code)
    {
        var language = Language.Parse(code);
        var html = run.Read(language, SegmentOutputs.Report);
        var summary = Regex.Match(html, "<table class=\"summary\">.*?</table>", RegexOptions.Singleline).Value;
        var rows = Regex
            .Matches(
                summary,
                "<tr data-segment=\"([^\"]+)\" data-customers=\"(\\d+)\" data-customer-share=\"([^\"]+)\" "
                    + "data-revenue-share=\"([^\"]+)\" data-clv-share=\"([^\"]+)\" data-tier=\"([^\"]+)\""
            )
            .Select(m =>
                (
                    Segment: m.Groups[1].Value,
                    Customers: int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture),
                    Share: double.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture),
                    Revenue: double.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture),
                    Clv: double.Parse(m.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture),
                    Tier: m.Groups[6].Value
                )
            )
            .ToList();
        var personas = PersonasOf(language);
        Assert.Equal(personas.Count, rows.Count);
        foreach (var (row, persona) in rows.Zip(personas))
        {
            Assert.Equal(persona.GetProperty("segment").GetString(), row.Segment);
            Assert.Equal(persona.GetProperty("customers").GetInt32(), row.Customers);
            Assert.Equal(persona.GetProperty("customer_share").GetDouble(), row.Share);
            Assert.Equal(persona.GetProperty("revenue_share").GetDouble(), row.Revenue);
            Assert.Equal(persona.GetProperty("clv_share").GetDouble(), row.Clv);
            Assert.Equal(persona.GetProperty("tier").GetString(), row.Tier);
            Assert.True(row.Customers >= run.Result.Options.MinimumGroupSize);
            Assert.Contains(HtmlEncodedName(persona), summary, StringComparison.Ordinal);
            Assert.Contains(
                WebUtility.HtmlEncode(persona.GetProperty("strategies")[0].GetString()!),
                summary,
                StringComparison.Ordinal
            );
        }
    }

    [Fact]
    public void Every_segment_has_one_colour_in_every_chart_the_summary_and_the_cards()
    {
        var html = run.Read(Language.English, SegmentOutputs.Report);
        var seen = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void See(string label, string colour)
        {
            var segment = Regex.Match(label, "^S\\d+").Value;
            if (segment.Length == 0)
                return;
            if (!seen.TryGetValue(segment, out var colours))
                seen[segment] = colours = [];
            colours.Add(colour);
        }
        foreach (Match m in Regex.Matches(html, "<tr data-segment=\"(S\\d+)\"[^>]*data-colour=\"([^\"]+)\""))
            See(m.Groups[1].Value, m.Groups[2].Value);
        foreach (
            Match m in Regex.Matches(html, "<div class=\"card\" data-segment=\"(S\\d+)\" style=\"--segment:([^;\"]+)")
        )
            See(m.Groups[1].Value, m.Groups[2].Value);
        var figures = Regex.Matches(html, "\\(function\\(\\)\\{var f=(.*?);Plotly.newPlot", RegexOptions.Singleline);
        Assert.True(figures.Count >= 8);
        foreach (Match figure in figures)
        {
            using var json = JsonDocument.Parse(figure.Groups[1].Value.Replace("<\\/", "</", StringComparison.Ordinal));
            foreach (var trace in json.RootElement.GetProperty("data").EnumerateArray())
            {
                var type = trace.GetProperty("type").GetString();
                if (type == "sankey")
                {
                    var labels = trace
                        .GetProperty("node")
                        .GetProperty("label")
                        .EnumerateArray()
                        .Select(l => l.GetString()!)
                        .ToList();
                    var colours = trace
                        .GetProperty("node")
                        .GetProperty("color")
                        .EnumerateArray()
                        .Select(c => c.GetString()!)
                        .ToList();
                    for (var i = 0; i < labels.Count; i++)
                        See(labels[i], colours[i]);
                }
                else if (type == "treemap")
                {
                    var labels = trace.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList();
                    var colours = trace
                        .GetProperty("marker")
                        .GetProperty("colors")
                        .EnumerateArray()
                        .Select(c => c.GetString()!)
                        .ToList();
                    for (var i = 0; i < labels.Count; i++)
                        See(labels[i], colours[i]);
                }
                else if (
                    trace.TryGetProperty("marker", out var marker) && marker.TryGetProperty("color", out var colour)
                )
                {
                    if (colour.ValueKind == JsonValueKind.Array && trace.TryGetProperty("x", out var x))
                    {
                        var keys = x.EnumerateArray().Select(k => k.ToString()).ToList();
                        var colours = colour.EnumerateArray().Select(c => c.GetString()!).ToList();
                        for (var i = 0; i < keys.Count; i++)
                            See(keys[i], colours[i]);
                    }
                    else if (colour.ValueKind == JsonValueKind.String && trace.TryGetProperty("name", out var name))
                    {
                        See(name.GetString()!, colour.GetString()!);
                    }
                }
            }
        }
        Assert.Equal(run.Result.Clusters, seen.Count);
        foreach (var (segment, colours) in seen)
            Assert.Equal([SegmentColours.For(segment)], colours);
        Assert.Equal(seen.Count, seen.Values.Select(c => c.Single()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Chromium_draws_every_chart_of_the_report_without_a_script_error(string code)
    {
        var path = Path.Combine(run.Folder(Language.Parse(code)), SegmentOutputs.Report);
        var ours = File.ReadAllText(path).Replace(PlotlyAssets.ScriptElement(), "", StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=\\s*[\"']?(https?:)?//", RegexOptions.IgnoreCase), ours);
        var expected = Regex.Matches(ours, "Plotly.newPlot\\(").Count;
        var result = Segmentation.Testing.HeadlessBrowser.Render(path);
        Assert.Empty(result.ScriptErrors);
        Assert.Equal(expected, result.DrawnCharts);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_pdf_has_a_page_or_more_per_section_and_its_first_page_renders(string code)
    {
        var folder = run.Folder(Language.Parse(code));
        var pdf = Path.Combine(folder, "report.pdf");
        ReportPdf.Print(Path.Combine(folder, SegmentOutputs.Report), pdf);
        var info = Tool("pdfinfo", pdf);
        var pages = int.Parse(
            Regex.Match(info, "Pages:\\s+(\\d+)").Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture
        );
        Assert.True(
            pages >= run.Sections[code].Count + 1,
            $"{pages} pages for {run.Sections[code].Count} sections and the contents"
        );
        Tool("pdftoppm", "-f", "1", "-l", "1", "-r", "40", "-png", pdf, Path.Combine(folder, "first"));
        var png = Directory.GetFiles(folder, "first*.png").Single();
        Assert.True(new FileInfo(png).Length > 1000);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], File.ReadAllBytes(png).Take(4));
    }

    [Fact]
    public void Same_run_gives_the_same_report_bytes_in_each_language()
    {
        foreach (var language in Language.All)
        {
            var input = SegmentOutputs.ReportInput(run.Result) with
            {
                Personas =
                    language == Language.English
                        ? run.Result.Personas
                        : Personas.Describe(
                            run.Result.ProfileTable,
                            ClusterNames.Of(run.Result.Labels),
                            new PersonaOptions { Language = language }
                        ),
            };
            Assert.Equal(run.Read(language, SegmentOutputs.Report), SegmentReport.Build(input, language).ToString());
        }
    }

    private List<JsonElement> PersonasOf(Language language)
    {
        using var json = JsonDocument.Parse(run.Read(language, "personas.json"));
        return json.RootElement.GetProperty("personas").EnumerateArray().Select(p => p.Clone()).ToList();
    }

    private static string HtmlEncodedName(JsonElement persona) =>
        WebUtility.HtmlEncode(persona.GetProperty("name").GetString()!);

    private static HashSet<string> Placeholders(string text) =>
        Regex.Matches(text, "\\{(\\d+)").Select(m => m.Groups[1].Value).ToHashSet();

    /// <summary>The text a reader sees, one line per element (a table cell is no part of its neighbour's sentence): no
    /// scripts, styles or tags; entities decoded.</summary>
    private static string VisibleText(string page)
    {
        var text = Regex.Replace(
            page,
            "<(script|style)[^>]*>.*?</\\1>",
            "\n",
            RegexOptions.Singleline | RegexOptions.IgnoreCase
        );
        text = Regex.Replace(text, "<[^>]+>", "\n");
        text = text.Replace(" | ", "\n", StringComparison.Ordinal);
        return WebUtility.HtmlDecode(text);
    }

    private static string Tool(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{name}: {error.Result}");
        return output;
    }
}
