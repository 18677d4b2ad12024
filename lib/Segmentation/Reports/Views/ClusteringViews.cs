using System.Globalization;
using Plotly.NET;
using Segmentation.Charts;
using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Reports.Views;

/// <summary>
/// Charts of clustering results as the walkthrough notebooks show them, composed from
/// <see cref="SegmentCharts"/>. Each takes results and returns a chart; none fits anything.
/// </summary>
public static class ClusteringViews
{
    /// <summary>
    /// Every index of a k-scan over k, one panel each: inertia (look for the elbow), silhouette and
    /// Calinski–Harabasz (higher is better), Davies–Bouldin (lower is better) and, when computed, the gap statistic.
    /// </summary>
    public static GenericChart IndexCurves(KScanResult scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        var rows = scan.PerK;
        var indices = new List<(string Name, IReadOnlyList<double> Values)>
        {
            ("inertia (elbow)", rows.Select(r => r.Inertia).ToArray()),
            ("silhouette (higher is better)", rows.Select(r => r.Silhouette).ToArray()),
            ("Calinski–Harabasz (higher is better)", rows.Select(r => r.CalinskiHarabaszIndex).ToArray()),
            ("Davies–Bouldin (lower is better)", rows.Select(r => r.DaviesBouldinIndex).ToArray()),
        };
        if (rows.All(r => r.Gap is not null)) indices.Add(("gap (higher is better)", rows.Select(r => r.Gap!.Value).ToArray()));
        return SegmentCharts.IndexCurves(rows.Select(r => r.K).ToArray(), indices);
    }

    /// <summary>
    /// The rows of <paramref name="features"/> on the first two components of <paramref name="pca"/>, coloured by
    /// segment; the axis titles give each component's share of the variance (how faithful the flat picture is).
    /// </summary>
    public static GenericChart ClusterMap(PcaModel pca, FeatureMatrix features, IReadOnlyList<string> segments)
    {
        ArgumentNullException.ThrowIfNull(pca);
        ArgumentNullException.ThrowIfNull(features);
        if (pca.Components < 2)
            throw new OptionsException(FormattableString.Invariant($"components={pca.Components} must be >= 2 for a cluster map"));
        var scores = pca.Project(features);
        var x = Enumerable.Range(0, scores.Rows).Select(i => scores[i, 0]).ToArray();
        var y = Enumerable.Range(0, scores.Rows).Select(i => scores[i, 1]).ToArray();
        return SegmentCharts.ClusterMap(x, y, segments, AxisTitle(pca, 0), AxisTitle(pca, 1));
    }

    /// <summary>
    /// A snake plot of cluster centres: one line per cluster across the columns of <paramref name="centroids"/>
    /// (rows = clusters, in the space the model was fitted in, e.g. z-scores). Names default to S1, S2, … (<see cref="ClusterNames"/>).
    /// </summary>
    public static GenericChart CentroidProfile(FeatureMatrix centroids, IReadOnlyList<string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        names ??= ClusterNames.All(centroids.Rows);
        var values = new double[centroids.Rows, centroids.ColumnCount];
        for (var c = 0; c < centroids.Rows; c++)
            for (var j = 0; j < centroids.ColumnCount; j++) values[c, j] = centroids[c, j];
        return SegmentCharts.Profile(names, centroids.Columns, values, "Cluster centres (in the scaled feature space)");
    }

    private static string AxisTitle(PcaModel pca, int component) =>
        string.Create(CultureInfo.InvariantCulture, $"{pca.ComponentNames[component]} ({pca.ExplainedVarianceRatio[component]:P0} of variance)");
}
