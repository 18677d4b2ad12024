using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace Segmentation.Charts;

/// <summary>
/// Chart builders for segmentation results. Each takes results and a few purpose-named options and
/// returns a <see cref="GenericChart"/>; none shows or saves anything (that is the notebook's or the
/// report's job) and none computes segments.
/// </summary>
public static class SegmentCharts
{
    private const int DefaultWidth = 900;
    private const int DefaultHeight = 500;

    /// <summary>Share of customers beside share of revenue (and of CLV when given), one group of bars per segment.</summary>
    public static GenericChart SizesAndRevenue(IReadOnlyList<string> segments, IReadOnlyList<double> customerShare, IReadOnlyList<double>? revenueShare,
        IReadOnlyList<double>? clvShare = null)
    {
        SameLength(segments.Count, customerShare.Count, nameof(customerShare));
        var columns = new List<GenericChart>
        {
            Chart.Column<double, string, string>(values: customerShare, Keys: segments.ToArray(), Name: "share of customers"),
        };
        if (revenueShare is null)
            return Finish(Chart.Combine(columns), "Segment sizes", "segment", "share");
        SameLength(segments.Count, revenueShare.Count, nameof(revenueShare));
        columns.Add(Chart.Column<double, string, string>(values: revenueShare, Keys: segments.ToArray(), Name: "share of revenue"));
        if (clvShare is not null)
        {
            SameLength(segments.Count, clvShare.Count, nameof(clvShare));
            columns.Add(Chart.Column<double, string, string>(values: clvShare, Keys: segments.ToArray(), Name: "share of lifetime value (CLV)"));
        }
        return Finish(Chart.Combine(columns), clvShare is null ? "Segment sizes and revenue shares" : "Segment sizes, revenue and CLV shares", "segment", "share");
    }

    /// <summary>
    /// A heatmap of segments (rows) × features (columns), e.g. lift or standardised differences; the axis titles say
    /// what rows and columns are (default "segment" and "feature").
    /// </summary>
    public static GenericChart Heatmap(IReadOnlyList<string> segments, IReadOnlyList<string> features, double[,] values, string title,
        string rowTitle = "segment", string columnTitle = "feature")
    {
        ArgumentNullException.ThrowIfNull(values);
        SameLength(segments.Count, values.GetLength(0), "rows of values");
        SameLength(features.Count, values.GetLength(1), "columns of values");
        var rows = Enumerable.Range(0, segments.Count)
            .Select(i => Enumerable.Range(0, features.Count).Select(j => values[i, j]).ToArray())
            .ToArray();
        var chart = Chart.Heatmap<double, string, string, string>(zData: rows, X: features.ToArray(), Y: segments.ToArray());
        return Finish(chart, title, columnTitle, rowTitle);
    }

    /// <summary>A snake plot: one line per segment across features (typically standardised means).</summary>
    public static GenericChart Profile(IReadOnlyList<string> segments, IReadOnlyList<string> features, double[,] values, string title = "Segment profiles (standardised means)")
    {
        ArgumentNullException.ThrowIfNull(values);
        SameLength(segments.Count, values.GetLength(0), "rows of values");
        SameLength(features.Count, values.GetLength(1), "columns of values");
        var lines = Enumerable.Range(0, segments.Count).Select(i =>
            Chart.Line<string, double, string>(
                x: features.ToArray(),
                y: Enumerable.Range(0, features.Count).Select(j => values[i, j]).ToArray(),
                ShowMarkers: true,
                Name: segments[i]));
        return Finish(Chart.Combine(lines), title, "feature", "standardised mean");
    }

    /// <summary>A treemap of segment sizes (one tile per segment, under one root).</summary>
    public static GenericChart Treemap(IReadOnlyList<string> segments, IReadOnlyList<double> sizes, string root = "all customers")
    {
        SameLength(segments.Count, sizes.Count, nameof(sizes));
        var labels = segments.Prepend(root).ToArray();
        var parents = segments.Select(_ => root).Prepend("").ToArray();
        var values = sizes.Prepend(0.0).ToArray();
        var chart = Chart.Treemap<string, string, double, string, string>(labels: labels, parents: parents, Values: values);
        return Finish(chart, "Segments by size", null, null);
    }

    /// <summary>Segments in two dimensions (e.g. the first two principal components), one trace per segment.</summary>
    public static GenericChart ClusterMap(IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<string> segments, string xTitle = "PC1", string yTitle = "PC2")
    {
        SameLength(x.Count, y.Count, nameof(y));
        SameLength(x.Count, segments.Count, nameof(segments));
        var traces = segments.Distinct().OrderBy(s => s, StringComparer.Ordinal).Select(segment =>
        {
            var index = Enumerable.Range(0, x.Count).Where(i => segments[i] == segment).ToArray();
            return Chart.Point<double, double, string>(x: index.Select(i => x[i]).ToArray(), y: index.Select(i => y[i]).ToArray(), Name: segment);
        });
        return Finish(Chart.Combine(traces), "Cluster map", xTitle, yTitle);
    }

    /// <summary>One line per index over the number of clusters (a k-scan: inertia, silhouette, …), each on its own panel.</summary>
    public static GenericChart IndexCurves(IReadOnlyList<int> k, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var panels = indices.Select(index =>
        {
            SameLength(k.Count, index.Values.Count, index.Name);
            return Chart.Line<int, double, string>(x: k.ToArray(), y: index.Values.ToArray(), ShowMarkers: true, Name: index.Name)
                .WithXAxisStyle<double, double, string>(TitleText: "k")
                .WithYAxisStyle<double, double, string>(TitleText: index.Name);
        }).ToArray();
        var columns = Math.Min(3, Math.Max(1, panels.Length));
        var rows = (panels.Length + columns - 1) / columns;
        var grid = Chart.Grid(panels, rows, columns, SubPlotTitles: indices.Select(i => i.Name).ToArray());
        return Titled(grid, "Choosing k").WithSize(DefaultWidth, 320 * rows);
    }

    /// <summary>A Sankey diagram of customers moving between segments from one period to the next.</summary>
    public static GenericChart Migration(IReadOnlyList<string> from, IReadOnlyList<string> to, IReadOnlyList<double> counts, string title = "Migration between segments")
    {
        SameLength(from.Count, to.Count, nameof(to));
        SameLength(from.Count, counts.Count, nameof(counts));
        // Nodes: the earlier period's segments, then the later period's, each in first-seen order.
        var left = from.Distinct().ToList();
        var right = to.Distinct().ToList();
        var labels = left.Select(s => s + " (before)").Concat(right.Select(s => s + " (after)")).ToArray();
        var links = Enumerable.Range(0, from.Count).Select(i => (left.IndexOf(from[i]), left.Count + right.IndexOf(to[i]))).ToArray();
        var chart = Chart.Sankey<double, string>(nodeLabels: labels, linkedNodeIds: links, linkValues: counts.ToArray());
        return Titled(chart, title).WithSize(DefaultWidth, DefaultHeight);
    }

    /// <summary>Columns of one value per category (e.g. rows removed per cleaning rule).</summary>
    public static GenericChart Columns(IReadOnlyList<string> categories, IReadOnlyList<double> values, string title, string valueTitle)
    {
        SameLength(categories.Count, values.Count, nameof(values));
        var chart = Chart.Column<double, string, string>(values: values, Keys: categories.ToArray(), Name: valueTitle);
        return Finish(chart, title, null, valueTitle);
    }

    private static GenericChart Finish(GenericChart chart, string title, string? xTitle, string? yTitle)
    {
        var result = Titled(chart, title).WithSize(DefaultWidth, DefaultHeight);
        if (xTitle is not null) result = result.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        if (yTitle is not null) result = result.WithYAxisStyle<double, double, string>(TitleText: yTitle);
        return result;
    }

    private static GenericChart Titled(GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(title, Microsoft.FSharp.Core.FSharpOption<Font>.None).Invoke(chart);

    private static void SameLength(int expected, int actual, string name)
    {
        if (expected != actual)
            throw new OptionsException(FormattableString.Invariant($"{name} has {actual} values; expected {expected}"));
    }
}
