using System.Text.Json;
using System.Text.RegularExpressions;
using Plotly.NET;
using Segmentation.Charts;
using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Profiling;
using Segmentation.Reports.Views;
using Segmentation.Segmenting;
using Segmentation.Segmenting.Rules;
using Segmentation.Tests.Features;
using Segmentation.Validation;
using Segmentation.Value;

namespace Segmentation.Tests.Reports.Views;

/// <summary>
/// The chart helpers the notebooks call, drawn with <see cref="Language.Current"/> Chinese (as a zh-CN notebook session
/// sets it): no English word is left in a title, an axis title, a subplot title or a legend entry. Data values (segment
/// labels, channels) are passed in and shown as they are; method names and units (RFM, CLV, CAC, PCA, BG/NBD) are not
/// words to translate.
/// </summary>
public sealed partial class ChineseViewsTests
{
    private static readonly HashSet<string> NotWords = new(StringComparer.Ordinal)
    {
        "RFM",
        "CLV",
        "CAC",
        "PCA",
        "NBD",
    };

    private static readonly string[] Segments = ["S1", "S2", "S3"];

    public static TheoryData<string> EveryView =>
        new()
        {
            "ClusteringViews.IndexCurves",
            "ClusteringViews.ClusterMap",
            "ClusteringViews.CentroidProfile",
            "AgreementViews.CrossTab",
            "RuleViews.RfmGrid",
            "ValueViews.HoldoutFit",
            "ValueViews.ChannelValue",
            "SegmentCharts.SizesAndRevenue",
            "SegmentCharts.Treemap",
            "SegmentCharts.Migration",
            "SegmentCharts.RfmGrid",
            "SegmentCharts.ClvBySegment",
            "PersonaCharts.SizesAndRevenue",
            "PersonaCharts.Profile",
            "PersonaCharts.LiftHeatmap",
            "PersonaCharts.Treemap",
            "AgreementViews.ClusterMethods",
            "AgreementViews.PlantedGroups",
            "RuleViews.RfmSegments",
            "RuleViews.ValueTiers",
            "ValueViews.ClvTiers",
            "ValueViews.MeanClvByRfmSegment",
            "DataViews.RevenuePerMonth",
            "DataViews.SatisfactionAnswers",
            "ValidationViews.HoldoutLift",
            "ValidationViews.RfmMigration",
        };

    /// <summary>The chart, and the data values it shows as legend entries (left as they are).</summary>
    private static (GenericChart Chart, IReadOnlyCollection<string> Data) Build(string view)
    {
        var features = FeatureMatrix.FromRows(
            ["recency", "frequency", "monetary"],
            [
                [0, 0, 1],
                [2, 1, 0],
                [4, 2, 1],
                [6, 3, 0],
                [1, 5, 1],
            ]
        );
        switch (view)
        {
            case "ClusteringViews.IndexCurves":
                return (ClusteringViews.IndexCurves(Scan()), []);
            case "ClusteringViews.ClusterMap":
                return (
                    ClusteringViews.ClusterMap(
                        Pca.Fit(features, components: 2),
                        features,
                        ["S1", "S2", "S1", "S2", "S1"]
                    ),
                    Segments
                );
            case "ClusteringViews.CentroidProfile":
                return (ClusteringViews.CentroidProfile(features), ClusterNames.All(features.Rows));
            case "AgreementViews.CrossTab":
                var t = Language.Current;
                return (
                    AgreementViews.CrossTab(
                        ["S1", "S2", "S1"],
                        ["S2", "S2", "S1"],
                        t["Label_KMeansCluster"],
                        t["Label_KPrototypesCluster"]
                    ),
                    []
                );
            case "AgreementViews.ClusterMethods":
                return (AgreementViews.ClusterMethods(["S1", "S2", "S1"], ["S2", "S2", "S1"]), []);
            case "AgreementViews.PlantedGroups":
                return (
                    AgreementViews.PlantedGroups(["loyal", "bargain", "loyal"], ["S2", "S2", "S1"]),
                    ["loyal", "bargain"]
                );
            case "RuleViews.RfmGrid":
                return (RuleViews.RfmGrid(RfmScores.Score(RfmRows())), []);
            case "RuleViews.RfmSegments":
                return (RuleViews.RfmSegments(RfmSegmentation.FromRfm(RfmRows())), []);
            case "RuleViews.ValueTiers":
                var customers = CustomerFeatureSet.Compute(
                    FeatureFixture.Store(),
                    new FeatureOptions { AsOf = FeatureFixture.AsOf }
                );
                return (RuleViews.ValueTiers(CustomerValueTiers.Assign(customers), customers), []);
            case "ValueViews.ClvTiers":
                return (
                    ValueViews.ClvTiers(
                        ClvTiers.Assign(Clv().Select(c => KeyValuePair.Create(c.CustomerId, c.Clv)).ToList())
                    ),
                    []
                );
            case "ValueViews.MeanClvByRfmSegment":
                return (ValueViews.MeanClvByRfmSegment(Clv(), RfmSegmentation.FromRfm(RfmRows())), []);
            case "DataViews.RevenuePerMonth":
                return (DataViews.RevenuePerMonth(["2025-11", "2025-12"], [1200, 1500]), []);
            case "DataViews.SatisfactionAnswers":
                return (DataViews.SatisfactionAnswers(["1", "2", "3"], [4, 9, 7]), []);
            case "ValidationViews.HoldoutLift":
                return (
                    ValidationViews.HoldoutLift(Holdout.Evaluate(["S1", "S2", "S1", "S2"], [10, 2, 12, 1])),
                    Segments
                );
            case "ValidationViews.RfmMigration":
                var june = RfmSegmentation.FromRfm(RfmRows());
                var later = june.Scores.Rows.Select(
                    (r, i) => (r.CustomerId, june.Segments[(i + 3) % june.Segments.Count])
                );
                var moves = Migration.Between(
                    june.Scores.Rows.Select((r, i) => (r.CustomerId, june.Segments[i])),
                    later
                );
                return (ValidationViews.RfmMigration(moves, new DateOnly(2025, 6, 30), new DateOnly(2025, 12, 31)), []);
            case "ValueViews.HoldoutFit":
                return (
                    ValueViews.HoldoutFit([
                        new(0, false, 10, 0.1, 0.3),
                        new(1, false, 8, 0.5, 0.6),
                        new(2, true, 5, 2.0, 2.5),
                    ]),
                    []
                );
            case "ValueViews.ChannelValue":
                return (
                    ValueViews.ChannelValue([new("referral", 10, 0, 15, 900, 60), new("search", 20, 1, 45, 600, 13.3)]),
                    ["referral", "search"]
                );
            case "SegmentCharts.SizesAndRevenue":
                return (SegmentCharts.SizesAndRevenue(Segments, [0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [0.5, 0.4, 0.1]), []);
            case "SegmentCharts.Treemap":
                return (SegmentCharts.Treemap(Segments, [20, 30, 50]), []);
            case "SegmentCharts.Migration":
                return (
                    SegmentCharts.Migration(["S1", "S1", "S2", "new"], ["S1", "S2", "lapsed", "S2"], [5, 2, 7, 3]),
                    []
                );
            case "SegmentCharts.RfmGrid":
                return (
                    SegmentCharts.RfmGrid(
                        new[,]
                        {
                            { 12, 3 },
                            { 40, 25 },
                        },
                        10
                    ),
                    []
                );
            case "SegmentCharts.ClvBySegment":
                return (SegmentCharts.ClvBySegment(Segments, [100, 50, 10], [0.6, 0.3, 0.1]), []);
        }
        var report = Personas.Describe(
            PersonaTable(out var segments),
            segments,
            new PersonaOptions { Language = Language.Current }
        );
        var labels = report.Personas.Select(PersonaCharts.Label).ToArray();
        return view switch
        {
            "PersonaCharts.SizesAndRevenue" => (PersonaCharts.SizesAndRevenue(report), labels),
            "PersonaCharts.Profile" => (PersonaCharts.Profile(report, ["monetary", "frequency"]), labels),
            "PersonaCharts.LiftHeatmap" => (PersonaCharts.LiftHeatmap(report), labels),
            "PersonaCharts.Treemap" => (PersonaCharts.Treemap(report), labels),
            _ => throw new ArgumentOutOfRangeException(nameof(view), view, "no such view"),
        };
    }

    [Theory]
    [MemberData(nameof(EveryView))]
    public void A_view_drawn_while_the_current_language_is_chinese_has_no_english_word_in_its_titles_axes_or_legend(
        string view
    )
    {
        using (Language.Use(Language.Chinese))
        {
            var (chart, data) = Build(view);
            var texts = Texts(chart, data);

            Assert.NotEmpty(texts);
            Assert.Contains(texts, t => Cjk().IsMatch(t));
            var english = texts
                .SelectMany(t => EnglishWord().Matches(t).Select(m => m.Value))
                .Where(w => !NotWords.Contains(w))
                .Distinct()
                .ToList();
            Assert.True(
                english.Count == 0,
                $"{view}: English left in {string.Join(" | ", texts)}: {string.Join(", ", english)}"
            );
        }
    }

    [Theory]
    [MemberData(nameof(EveryView))]
    public void A_view_drawn_outside_any_language_scope_is_english(string view)
    {
        Assert.Same(Language.English, Language.Current);
        var (chart, data) = Build(view);
        var texts = Texts(chart, data);
        Assert.DoesNotContain(texts, t => Cjk().IsMatch(t));
        Assert.Contains(texts, t => EnglishWord().Matches(t).Any(m => !NotWords.Contains(m.Value)));
    }

    [Fact]
    public async Task The_current_language_is_restored_when_its_scope_ends_and_follows_the_flow_into_tasks()
    {
        using (Language.Use(Language.Chinese))
        {
            Assert.Same(Language.Chinese, Language.Current);
            Assert.Same(Language.Chinese, await Task.Run(() => Language.Current));
        }
        Assert.Same(Language.English, Language.Current);
    }

    /// <summary>Title, axis titles, subplot titles and legend entries, data values left out.</summary>
    private static List<string> Texts(GenericChart chart, IReadOnlyCollection<string> data)
    {
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(chart));
        var layout = figure.RootElement.GetProperty("layout");
        var texts = new List<string>();
        foreach (var property in layout.EnumerateObject())
        {
            if (
                property.Name == "title"
                || property.Name.StartsWith("xaxis", StringComparison.Ordinal)
                || property.Name.StartsWith("yaxis", StringComparison.Ordinal)
            )
            {
                var title =
                    property.Name == "title" ? property.Value
                    : property.Value.TryGetProperty("title", out var t) ? t
                    : default;
                if (title.ValueKind == JsonValueKind.Object && title.TryGetProperty("text", out var text))
                    texts.Add(text.GetString() ?? "");
            }
        }
        if (layout.TryGetProperty("annotations", out var annotations))
            texts.AddRange(
                annotations
                    .EnumerateArray()
                    .Where(a => a.TryGetProperty("text", out _))
                    .Select(a => a.GetProperty("text").GetString() ?? "")
            );
        foreach (var trace in figure.RootElement.GetProperty("data").EnumerateArray())
        {
            if (trace.TryGetProperty("name", out var name) && name.GetString() is { } n && !data.Contains(n))
                texts.Add(n);
            if (trace.GetProperty("type").GetString() == "bar" && trace.TryGetProperty("x", out var categories))
                texts.AddRange(
                    categories
                        .EnumerateArray()
                        .Where(c => c.ValueKind == JsonValueKind.String)
                        .Select(c => c.GetString() ?? "")
                        .Where(c => !data.Contains(c) && !Segments.Contains(c))
                );
            if (trace.GetProperty("type").GetString() == "treemap")
                texts.AddRange(
                    trace
                        .GetProperty("labels")
                        .EnumerateArray()
                        .Select(l => l.GetString() ?? "")
                        .Where(l => !data.Contains(l) && !Segments.Contains(l))
                );
            if (trace.GetProperty("type").GetString() == "sankey")
                texts.AddRange(
                    trace
                        .GetProperty("node")
                        .GetProperty("label")
                        .EnumerateArray()
                        .Select(l => Regex.Replace(l.GetString() ?? "", "S\\d+", ""))
                );
        }
        return texts.Where(t => t.Length > 0).ToList();
    }

    private static RfmTable RfmRows() =>
        new(
            new DateOnly(2026, 1, 1),
            Enumerable
                .Range(1, 10)
                .Select(i => new CustomerRfm($"c{i:00}", RecencyDays: i, Frequency: i, Monetary: i))
                .ToArray()
        );

    private static List<CustomerValue> Clv() =>
        Enumerable
            .Range(1, 10)
            .Select(i => new CustomerValue($"c{i:00}", i, i, 20, 10 * i, 0.9, i / 2.0, 10 * i, 25.0 * i))
            .ToList();

    private static KScanResult Scan() =>
        new(
            RowCount: 100,
            ColumnCount: 2,
            KMin: 2,
            KMax: 3,
            Seed: 42,
            GapReferences: 3,
            GapReferenceBox: GapReferenceBox.PrincipalComponents,
            SilhouetteSampleSize: null,
            PerK:
            [
                new KScanRow(2, 2, 90, 0.41, 120, 0.9, 4.5, 5.0, 0.5, 0.05),
                new KScanRow(3, 3, 40, 0.62, 310, 0.6, 3.7, 4.6, 0.9, 0.05),
            ],
            ElbowK: 3,
            ElbowDistance: 0.6,
            Recommendation: new KScanRecommendation(3, 3, [new KScanVote("silhouette", 3, "largest mean silhouette")])
        );

    private static FeatureTable PersonaTable(out string[] segments)
    {
        var ids = new List<string>();
        var monetary = new List<double>();
        var frequency = new List<double>();
        var labels = new List<string>();
        foreach (var (segment, m, f) in new[] { ("S1", 100.0, 10.0), ("S2", 10.0, 2.0), ("S3", 50.0, 5.0) })
        {
            for (var i = 0; i < 20; i++)
            {
                ids.Add($"{segment}-{i:00}");
                monetary.Add(m + i);
                frequency.Add(f + (i % 3));
                labels.Add(segment);
            }
        }
        segments = labels.ToArray();
        return new FeatureTable(ids).WithNumeric("monetary", monetary).WithNumeric("frequency", frequency);
    }

    [GeneratedRegex("[\u4e00-\u9fff]")]
    private static partial Regex Cjk();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex EnglishWord();
}
