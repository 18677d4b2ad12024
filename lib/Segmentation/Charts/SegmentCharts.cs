using Plotly.NET;
using Plotly.NET.CSharp;
using Segmentation.Common.Text;
using Chart = Plotly.NET.CSharp.Chart;

namespace Segmentation.Charts;

/// <summary>
/// Chart builders for segmentation results. Each takes results and a few purpose-named options and
/// returns a <see cref="GenericChart"/>; none shows or saves anything (that is the notebook's or the
/// report's job) and none computes segments. Titles and axis labels come from the language's resources
/// (<see cref="Language.Current"/> unless a <see cref="Language"/> is given); a numbered segment ("S1" …) is always
/// drawn in its <see cref="SegmentColours"/> colour. Every chart is sized to read at 1280 px wide.
/// </summary>
public static class SegmentCharts
{
    private const int DefaultWidth = 1000;
    private const int DefaultHeight = 500;

    /// <summary>
    /// Share of customers beside share of revenue (and of CLV when given) for every segment: bars in the segment's
    /// colour, the measures told apart by shade (customers solid, revenue lighter, CLV lightest).
    /// </summary>
    public static GenericChart SizesAndRevenue(
        IReadOnlyList<string> segments,
        IReadOnlyList<double> customerShare,
        IReadOnlyList<double>? revenueShare,
        IReadOnlyList<double>? clvShare = null,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        SameLength(segments.Count, customerShare.Count, nameof(customerShare));
        var colours = Colours(segments);
        var columns = new List<GenericChart>
        {
            Bars(segments, customerShare, t["Chart_ShareOfCustomers"], colours, 1.0),
        };
        if (revenueShare is null)
            return Finish(Chart.Combine(columns), t["Chart_SegmentSizes"], t["Chart_Segment"], t["Chart_Share"]);
        SameLength(segments.Count, revenueShare.Count, nameof(revenueShare));
        columns.Add(Bars(segments, revenueShare, t["Chart_ShareOfRevenue"], colours, 0.6));
        if (clvShare is not null)
        {
            SameLength(segments.Count, clvShare.Count, nameof(clvShare));
            columns.Add(Bars(segments, clvShare, t["Chart_ShareOfClv"], colours, 0.3));
        }
        var chart = Finish(
            Chart.Combine(columns),
            clvShare is null ? t["Chart_SizesAndRevenue"] : t["Chart_SizesRevenueClv"],
            t["Chart_Segment"],
            t["Chart_Share"]
        );
        return chart;
    }

    /// <summary>
    /// A heatmap of segments (rows) × features (columns), e.g. lift or standardised differences; the axis titles say
    /// what rows and columns are (default "segment" and "feature").
    /// </summary>
    public static GenericChart Heatmap(
        IReadOnlyList<string> segments,
        IReadOnlyList<string> features,
        double[,] values,
        string title,
        string? rowTitle = null,
        string? columnTitle = null,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        var chart = Chart.Heatmap<double, string, string, string>(
            zData: SegmentRows(segments, features, values),
            X: features.ToArray(),
            Y: segments.ToArray()
        );
        return Finish(chart, title, columnTitle ?? t["Chart_Feature"], rowTitle ?? t["Chart_Segment"]);
    }

    /// <summary>
    /// A snake plot: one line per segment, in its colour, across features (typically standardised means). Give it the
    /// clustering features and the few that most set the segments apart, not every column: more than a dozen labels
    /// no longer read.
    /// </summary>
    public static GenericChart Profile(
        IReadOnlyList<string> segments,
        IReadOnlyList<string> features,
        double[,] values,
        string? title = null,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        var lines = SegmentRows(segments, features, values)
            .Select(
                (row, i) =>
                    Chart.Line<string, double, string>(
                        x: features.ToArray(),
                        y: row,
                        ShowMarkers: true,
                        Name: segments[i],
                        LineColor: Color.fromString(SegmentColours.For(segments[i])),
                        MarkerColor: Color.fromString(SegmentColours.For(segments[i]))
                    )
            );
        return Finish(
            Chart.Combine(lines),
            title ?? t["Chart_SnakePlot"],
            t["Chart_Feature"],
            t["Chart_StandardisedMean"]
        );
    }

    /// <summary>A treemap of segment sizes (one tile per segment, in its colour, under one root).</summary>
    public static GenericChart Treemap(
        IReadOnlyList<string> segments,
        IReadOnlyList<double> sizes,
        string? root = null,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        SameLength(segments.Count, sizes.Count, nameof(sizes));
        root ??= t["Chart_AllCustomers"];
        var labels = segments.Prepend(root).ToArray();
        var parents = segments.Select(_ => root).Prepend("").ToArray();
        var values = sizes.Prepend(0.0).ToArray();
        var colours = segments
            .Select(s => Color.fromString(SegmentColours.For(s)))
            .Prepend(Color.fromString("#ffffff"));
        var chart = Chart.Treemap<string, string, double, string, string>(
            labels: labels,
            parents: parents,
            Values: values,
            SectionColors: new Optional<IEnumerable<Color>>(colours.ToArray(), true)
        );
        return Finish(chart, t["Chart_SegmentsBySize"], null, null);
    }

    /// <summary>Segments in two dimensions (e.g. the first two principal components), one trace per segment in its
    /// colour.</summary>
    public static GenericChart ClusterMap(
        IReadOnlyList<double> x,
        IReadOnlyList<double> y,
        IReadOnlyList<string> segments,
        string xTitle = "PC1",
        string yTitle = "PC2",
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        SameLength(x.Count, y.Count, nameof(y));
        SameLength(x.Count, segments.Count, nameof(segments));
        var traces = segments
            .Distinct()
            .OrderBy(s => s, StringComparer.Ordinal)
            .Select(segment =>
            {
                var index = Enumerable.Range(0, x.Count).Where(i => segments[i] == segment).ToArray();
                return Chart.Point<double, double, string>(
                    x: index.Select(i => x[i]).ToArray(),
                    y: index.Select(i => y[i]).ToArray(),
                    Name: segment,
                    MarkerColor: Color.fromString(SegmentColours.For(segment))
                );
            });
        return Finish(Chart.Combine(traces), t["Chart_ClusterMap"], xTitle, yTitle);
    }

    /// <summary>
    /// One line per index over the number of clusters (a k-scan: inertia, silhouette, …), each on its own panel. The
    /// panel titles name the index; the panels are spaced so that no title or tick label overlaps another panel.
    /// </summary>
    public static GenericChart IndexCurves(
        IReadOnlyList<int> k,
        IReadOnlyList<(string Name, IReadOnlyList<double> Values)> indices,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        ArgumentNullException.ThrowIfNull(indices);
        var panels = indices
            .Select(index =>
            {
                SameLength(k.Count, index.Values.Count, index.Name);
                return Chart.Line<int, double, string>(
                    x: k.ToArray(),
                    y: index.Values.ToArray(),
                    ShowMarkers: true,
                    Name: index.Name,
                    ShowLegend: false,
                    LineColor: Color.fromString(SegmentColours.Other),
                    MarkerColor: Color.fromString(SegmentColours.Other)
                );
            })
            .ToArray();
        var columns = Math.Min(3, Math.Max(1, panels.Length));
        var rows = (panels.Length + columns - 1) / columns;
        var grid = Chart.Grid(
            panels,
            rows,
            columns,
            SubPlotTitles: indices.Select(i => i.Name).ToArray(),
            XGap: 0.25,
            YGap: 0.45
        );
        return Titled(grid, t["Chart_ChoosingK"]).WithSize(DefaultWidth, 300 * rows + 80);
    }

    /// <summary>
    /// A Sankey diagram of customers moving between segments from one period to the next; every node and the flows
    /// leaving it are in the segment's colour.
    /// </summary>
    public static GenericChart Migration(
        IReadOnlyList<string> from,
        IReadOnlyList<string> to,
        IReadOnlyList<double> counts,
        string? title = null,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        SameLength(from.Count, to.Count, nameof(to));
        SameLength(from.Count, counts.Count, nameof(counts));
        // Nodes: the earlier period's segments, then the later period's, each in first-seen order.
        var left = from.Distinct().ToList();
        var right = to.Distinct().ToList();
        // "new" and "lapsed" (customers entering or leaving) are words of the language; segments are shown as they are.
        string Group(string s) => t.Find("Migration_" + s) ?? s;
        var labels = left.Select(s => t.Format("Chart_Before", Group(s)))
            .Concat(right.Select(s => t.Format("Chart_After", Group(s))))
            .ToArray();
        var nodeColours = left.Concat(right).Select(s => Color.fromString(SegmentColours.For(s)));
        var linkColours = from.Select(s => Color.fromString(Transparent(SegmentColours.For(s))));
        var links = Enumerable
            .Range(0, from.Count)
            .Select(i => (left.IndexOf(from[i]), left.Count + right.IndexOf(to[i])))
            .ToArray();
        var chart = Chart.Sankey<double, string>(
            nodeLabels: labels,
            linkedNodeIds: links,
            linkValues: counts.ToArray(),
            NodeColor: Color.fromColors(nodeColours),
            LinkColor: Color.fromColors(linkColours)
        );
        return Titled(chart, title ?? t["Chart_Migration"]).WithSize(DefaultWidth, 560);
    }

    /// <summary>
    /// Columns of one value per category (e.g. rows removed per cleaning rule); segments keep their colours. The
    /// titles are shown as written (the named views in <c>Reports.Views</c> take them from the resources).
    /// </summary>
    public static GenericChart Columns(
        IReadOnlyList<string> categories,
        IReadOnlyList<double> values,
        string title,
        string valueTitle
    )
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(valueTitle);
        SameLength(categories.Count, values.Count, nameof(values));
        var chart = Chart.Column<double, string, string>(
            values: values,
            Keys: categories.ToArray(),
            Name: valueTitle,
            MarkerColor: Color.fromColors(Colours(categories).Select(Color.fromString))
        );
        return Finish(chart, title, null, valueTitle);
    }

    /// <summary>Expected customer lifetime value per segment, one bar per segment in its colour.</summary>
    public static GenericChart ClvBySegment(
        IReadOnlyList<string> segments,
        IReadOnlyList<double> meanClv,
        IReadOnlyList<double> totalShare,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        SameLength(segments.Count, meanClv.Count, nameof(meanClv));
        SameLength(segments.Count, totalShare.Count, nameof(totalShare));
        var chart = Chart.Column<double, string, string>(
            values: meanClv,
            Keys: segments.Select(Wrap).ToArray(),
            Name: t["Chart_MeanClv"],
            MultiText: totalShare.Select(s => t.Format("Chart_ClvShareLabel", s)).ToArray(),
            MarkerColor: Color.fromColors(Colours(segments).Select(Color.fromString))
        );
        return Finish(chart, t["Chart_ClvBySegment"], t["Chart_Segment"], t["Chart_MeanClv"]);
    }

    /// <summary>
    /// The RFM grid: customers by recency score (rows, 5 = most recent) and frequency score (columns), as a heat map
    /// with the count in every cell; a cell under <paramref name="minimumGroupSize"/> customers is left blank.
    /// </summary>
    public static GenericChart RfmGrid(int[,] customers, int minimumGroupSize, Language? language = null)
    {
        var t = language ?? Language.Current;
        ArgumentNullException.ThrowIfNull(customers);
        var recency = Enumerable
            .Range(1, customers.GetLength(0))
            .Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        var frequency = Enumerable
            .Range(1, customers.GetLength(1))
            .Select(f => f.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        var z = Enumerable
            .Range(0, recency.Length)
            .Select(r =>
                Enumerable
                    .Range(0, frequency.Length)
                    .Select(f => customers[r, f] >= minimumGroupSize ? (double)customers[r, f] : double.NaN)
                    .ToArray()
            )
            .ToArray();
        var text = Enumerable
            .Range(0, recency.Length)
            .Select(r =>
                Enumerable
                    .Range(0, frequency.Length)
                    .Select(f => customers[r, f] >= minimumGroupSize ? t.Count(customers[r, f]) : "")
                    .ToArray()
            )
            .ToArray();
        var chart = Chart.Heatmap<double, string, string, string>(zData: z, X: frequency, Y: recency);
        // The count is written in every cell shown: a text grid and plotly's texttemplate, which the C# wrapper does
        // not expose.
        chart = GenericChart.mapTrace(
            Microsoft.FSharp.Core.FSharpFunc<Trace, Trace>.FromConverter(trace =>
            {
                trace.SetProperty("text", text);
                trace.SetProperty("texttemplate", "%{text}");
                return trace;
            }),
            chart
        );
        return Finish(chart, t["Chart_RfmGrid"], t["Chart_FrequencyScore"], t["Chart_RecencyScore"]).WithSize(700, 560);
    }

    private static GenericChart Bars(
        IReadOnlyList<string> segments,
        IReadOnlyList<double> values,
        string name,
        string[] colours,
        double opacity
    ) =>
        Chart.Column<double, string, string>(
            values: values,
            Keys: segments.Select(Wrap).ToArray(),
            Name: name,
            Opacity: opacity,
            MarkerColor: Color.fromColors(colours.Select(Color.fromString))
        );

    /// <summary>"S1: long name" as two lines under a bar ("S1" over the name), so that labels need no
    /// rotation.</summary>
    private static string Wrap(string label) => label.Replace(": ", ":<br>", StringComparison.Ordinal);

    private static string[] Colours(IReadOnlyList<string> segments) => segments.Select(SegmentColours.For).ToArray();

    private static string Transparent(string hex) =>
        FormattableString.Invariant($"rgba({Convert.ToInt32(hex[1..3], 16)},{Convert.ToInt32(hex[3..5], 16)},")
        + FormattableString.Invariant($"{Convert.ToInt32(hex[5..7], 16)},0.4)");

    private static GenericChart Finish(GenericChart chart, string title, string? xTitle, string? yTitle)
    {
        var result = Titled(chart, title).WithSize(DefaultWidth, DefaultHeight);
        if (xTitle is not null)
            result = result.WithXAxisStyle<double, double, string>(TitleText: xTitle);
        if (yTitle is not null)
            result = result.WithYAxisStyle<double, double, string>(TitleText: yTitle);
        return result;
    }

    private static GenericChart Titled(GenericChart chart, string title) =>
        Plotly.NET.Chart.withTitle(title, Microsoft.FSharp.Core.FSharpOption<Font>.None).Invoke(chart);

    /// <summary>The rows of <paramref name="values"/> (segments × features), checked against both lists of
    /// names.</summary>
    private static double[][] SegmentRows(
        IReadOnlyList<string> segments,
        IReadOnlyList<string> features,
        double[,] values
    )
    {
        ArgumentNullException.ThrowIfNull(values);
        SameLength(segments.Count, values.GetLength(0), "rows of values");
        SameLength(features.Count, values.GetLength(1), "columns of values");
        return Enumerable
            .Range(0, segments.Count)
            .Select(i => Enumerable.Range(0, features.Count).Select(j => values[i, j]).ToArray())
            .ToArray();
    }

    private static void SameLength(int expected, int actual, string name)
    {
        if (expected != actual)
            throw new OptionsException(FormattableString.Invariant($"{name} has {actual} values; expected {expected}"));
    }
}
