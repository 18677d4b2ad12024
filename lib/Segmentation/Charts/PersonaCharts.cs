using Plotly.NET;
using Segmentation.Common.Text;
using Segmentation.Profiling;

namespace Segmentation.Charts;

/// <summary>
/// Charts of a <see cref="PersonaReport"/>: sizes and value, lift heatmap, profile (snake) plot, treemap, CLV by
/// segment. Segments are labelled "S1: name" and drawn in their <see cref="SegmentColours"/> colour.
/// </summary>
public static class PersonaCharts
{
    /// <summary>How many features beyond the clustering ones a snake plot adds: those that most set segments
    /// apart.</summary>
    public const int MostDistinctiveFeatures = 4;

    /// <summary>Share of customers beside share of revenue (and CLV) per persona.</summary>
    public static GenericChart SizesAndRevenue(PersonaReport report, Language? language = null) =>
        SegmentCharts.SizesAndRevenue(
            Names(report),
            report.Personas.Select(p => p.CustomerShare).ToArray(),
            report.Revenue is null ? null : report.Personas.Select(p => p.RevenueShare!.Value).ToArray(),
            report.Personas.All(p => p.ClvShare is not null) && report.Personas.Count > 0
                ? report.Personas.Select(p => p.ClvShare!.Value).ToArray()
                : null,
            language
        );

    /// <summary>Lift (segment mean / overall mean) of every numeric feature, personas × features.</summary>
    public static GenericChart LiftHeatmap(PersonaReport report, Language? language = null) =>
        SegmentCharts.Heatmap(
            Names(report),
            report.NumericFeatures,
            Grid(report, report.NumericFeatures, f => f.Lift ?? double.NaN),
            (language ?? Language.Current)["Chart_LiftHeatmap"],
            language: language
        );

    /// <summary>
    /// Snake plot of standardised differences over <paramref name="clusteringFeatures"/> (those profiled) and the
    /// <see cref="MostDistinctiveFeatures"/> other features with the largest standardised difference in any segment;
    /// without clustering features, the features that most set segments apart.
    /// </summary>
    public static GenericChart Profile(
        PersonaReport report,
        IReadOnlyList<string>? clusteringFeatures = null,
        Language? language = null
    )
    {
        var features = SnakeFeatures(report, clusteringFeatures ?? []);
        var t = language ?? Language.Current;
        return SegmentCharts.Profile(
            Names(report),
            features.Select(f => Personas.FeatureName(f, t)).ToArray(),
            Grid(report, features, f => f.StandardizedDifference),
            language: language
        );
    }

    /// <summary>The features a snake plot shows: the clustering features profiled, then the most distinctive
    /// others.</summary>
    public static IReadOnlyList<string> SnakeFeatures(PersonaReport report, IReadOnlyList<string> clusteringFeatures)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(clusteringFeatures);
        var chosen = clusteringFeatures
            .Where(f => report.NumericFeatures.Contains(f))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var extra = chosen.Count == 0 ? 2 * MostDistinctiveFeatures : MostDistinctiveFeatures;
        var spread = report
            .NumericFeatures.Where(f => !chosen.Contains(f))
            .Select(f =>
                (
                    Feature: f,
                    Spread: report.Personas.Max(p =>
                        Math.Abs(p.Features.First(c => c.Feature == f).StandardizedDifference)
                    )
                )
            )
            .OrderByDescending(x => x.Spread)
            .ThenBy(x => x.Feature, StringComparer.Ordinal)
            .Take(extra)
            .Select(x => x.Feature);
        return [.. chosen, .. spread];
    }

    /// <summary>Treemap of persona sizes.</summary>
    public static GenericChart Treemap(PersonaReport report, Language? language = null) =>
        SegmentCharts.Treemap(
            Names(report),
            report.Personas.Select(p => (double)p.Customers).ToArray(),
            language: language
        );

    /// <summary>Mean expected lifetime value per persona (labelled with its share of all CLV); null when CLV was not
    /// profiled.</summary>
    public static GenericChart? ClvBySegment(PersonaReport report, string clvFeature = "clv", Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.NumericFeatures.Contains(clvFeature) || report.Personas.Any(p => p.ClvShare is null))
            return null;
        return SegmentCharts.ClvBySegment(
            Names(report),
            report.Personas.Select(p => p.Features.First(f => f.Feature == clvFeature).Mean).ToArray(),
            report.Personas.Select(p => p.ClvShare!.Value).ToArray(),
            language
        );
    }

    /// <summary>"S1: name", the label every persona chart uses (its colour follows the segment).</summary>
    public static string Label(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return $"{persona.Segment}: {persona.Name}";
    }

    private static string[] Names(PersonaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Personas.Select(Label).ToArray();
    }

    private static double[,] Grid(
        PersonaReport report,
        IReadOnlyList<string> features,
        Func<FeatureContrast, double> value
    )
    {
        var grid = new double[report.Personas.Count, features.Count];
        for (var i = 0; i < report.Personas.Count; i++)
        {
            var byFeature = report.Personas[i].Features.ToDictionary(f => f.Feature, StringComparer.Ordinal);
            for (var j = 0; j < features.Count; j++)
                grid[i, j] = value(byFeature[features[j]]);
        }
        return grid;
    }
}
