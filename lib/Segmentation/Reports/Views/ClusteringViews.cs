using Plotly.NET;
using Segmentation.Charts;
using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Reports.Views;

/// <summary>
/// Charts of clustering results as the walkthrough notebooks show them, composed from
/// <see cref="SegmentCharts"/>. Each takes results and returns a chart; none fits anything. Titles and axis labels are
/// in the language given, by default <see cref="Language.Current"/> (the notebook session's language).
/// </summary>
public static class ClusteringViews
{
    /// <summary>
    /// Every index of a k-scan over k, one panel each: inertia (look for the elbow), silhouette and
    /// Calinski–Harabasz (higher is better), Davies–Bouldin (lower is better) and, when computed, the gap statistic.
    /// </summary>
    public static GenericChart IndexCurves(KScanResult scan, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var t = language ?? Language.Current;
        var rows = scan.PerK;
        var indices = new List<(string Name, IReadOnlyList<double> Values)>
        {
            (t["View_IndexInertia"], rows.Select(r => r.Inertia).ToArray()),
            (t["View_IndexSilhouette"], rows.Select(r => r.Silhouette).ToArray()),
            (t["View_IndexCalinskiHarabasz"], rows.Select(r => r.CalinskiHarabaszIndex).ToArray()),
            (t["View_IndexDaviesBouldin"], rows.Select(r => r.DaviesBouldinIndex).ToArray()),
        };
        if (rows.All(r => r.Gap is not null))
            indices.Add((t["View_IndexGap"], rows.Select(r => r.Gap!.Value).ToArray()));
        return SegmentCharts.IndexCurves(rows.Select(r => r.K).ToArray(), indices, t);
    }

    /// <summary>
    /// The rows of <paramref name="features"/> on the first two components of <paramref name="pca"/>, coloured by
    /// segment; the axis titles give each component's share of the variance (how faithful the flat picture is).
    /// </summary>
    public static GenericChart ClusterMap(
        PcaModel pca,
        FeatureMatrix features,
        IReadOnlyList<string> segments,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        ArgumentNullException.ThrowIfNull(pca);
        ArgumentNullException.ThrowIfNull(features);
        if (pca.Components < 2)
            throw new OptionsException(
                FormattableString.Invariant($"components={pca.Components} must be >= 2 for a cluster map")
            );
        var scores = pca.Project(features);
        var x = Enumerable.Range(0, scores.Rows).Select(i => scores[i, 0]).ToArray();
        var y = Enumerable.Range(0, scores.Rows).Select(i => scores[i, 1]).ToArray();
        return SegmentCharts.ClusterMap(x, y, segments, AxisTitle(pca, 0, t), AxisTitle(pca, 1, t), t);
    }

    /// <summary>
    /// A snake plot of cluster centres: one line per cluster across the columns of <paramref name="centroids"/>
    /// (rows = clusters, in the space the model was fitted in, e.g. z-scores). Names default to S1, S2, …
    /// (<see cref="ClusterNames"/>).
    /// </summary>
    public static GenericChart CentroidProfile(
        FeatureMatrix centroids,
        IReadOnlyList<string>? names = null,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        ArgumentNullException.ThrowIfNull(centroids);
        names ??= ClusterNames.All(centroids.Rows);
        var values = new double[centroids.Rows, centroids.ColumnCount];
        for (var c = 0; c < centroids.Rows; c++)
        {
            for (var j = 0; j < centroids.ColumnCount; j++)
                values[c, j] = centroids[c, j];
        }
        return SegmentCharts.Profile(names, centroids.Columns, values, t["View_CentroidProfile"], t);
    }

    private static string AxisTitle(PcaModel pca, int component, Language t) =>
        t.Format(
            "View_ComponentAxis",
            pca.ComponentNames[component],
            t.Percent(pca.ExplainedVarianceRatio[component], 0)
        );
}
