using Plotly.NET;
using Segmentation.Profiling;

namespace Segmentation.Charts;

/// <summary>Charts of a <see cref="PersonaReport"/>: sizes and revenue, lift heatmap, profile (snake) plot, treemap.</summary>
public static class PersonaCharts
{
    /// <summary>Share of customers beside share of revenue per persona.</summary>
    public static GenericChart SizesAndRevenue(PersonaReport report) =>
        SegmentCharts.SizesAndRevenue(Names(report), report.Personas.Select(p => p.CustomerShare).ToArray(), report.Revenue is null ? null : report.Personas.Select(p => p.RevenueShare!.Value).ToArray(),
            report.Personas.All(p => p.ClvShare is not null) && report.Personas.Count > 0 ? report.Personas.Select(p => p.ClvShare!.Value).ToArray() : null);

    /// <summary>Lift (segment mean / overall mean) of every numeric feature, personas × features.</summary>
    public static GenericChart LiftHeatmap(PersonaReport report) =>
        SegmentCharts.Heatmap(Names(report), report.NumericFeatures, Grid(report, f => f.Lift ?? double.NaN), "Lift by segment and feature");

    /// <summary>Snake plot of standardised differences.</summary>
    public static GenericChart Profile(PersonaReport report) =>
        SegmentCharts.Profile(Names(report), report.NumericFeatures, Grid(report, f => f.StandardizedDifference));

    /// <summary>Treemap of persona sizes.</summary>
    public static GenericChart Treemap(PersonaReport report) =>
        SegmentCharts.Treemap(Names(report), report.Personas.Select(p => (double)p.Customers).ToArray());

    private static string[] Names(PersonaReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Personas.Select(p => $"{p.Segment}: {p.Name}").ToArray();
    }

    private static double[,] Grid(PersonaReport report, Func<FeatureContrast, double> value)
    {
        var grid = new double[report.Personas.Count, report.NumericFeatures.Count];
        for (var i = 0; i < report.Personas.Count; i++)
        {
            var byFeature = report.Personas[i].Features.ToDictionary(f => f.Feature, StringComparer.Ordinal);
            for (var j = 0; j < report.NumericFeatures.Count; j++) grid[i, j] = value(byFeature[report.NumericFeatures[j]]);
        }
        return grid;
    }
}
