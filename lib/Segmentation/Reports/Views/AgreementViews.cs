using Plotly.NET;
using Plotly.NET.CSharp;
using Segmentation.Charts;
using Segmentation.Common.Text;

namespace Segmentation.Reports.Views;

/// <summary>Cross-tabulations of two labelings of the same customers (e.g. known groups against clusters).</summary>
public static class AgreementViews
{
    /// <summary>
    /// Customers per (row label, column label) as a heatmap: rows are the distinct <paramref name="rows"/> labels,
    /// columns the distinct <paramref name="columns"/> labels, both in ordinal order. Labels are aligned by position;
    /// the titles name the two labelings as people read them (e.g. "planted group", "cluster"); the chart title says
    /// "by" in <paramref name="language"/> (default <see cref="Language.Current"/>).
    /// </summary>
    public static GenericChart CrossTab(
        IReadOnlyList<string> rows,
        IReadOnlyList<string> columns,
        string rowTitle,
        string columnTitle,
        Language? language = null
    )
    {
        ArgumentNullException.ThrowIfNull(rowTitle);
        ArgumentNullException.ThrowIfNull(columnTitle);
        var t = language ?? Language.Current;
        var counts = Count(rows, columns, out var rowNames, out var columnNames);
        return SegmentCharts.Heatmap(
            rowNames,
            columnNames,
            counts,
            t.Format("View_CrossTab", rowTitle, columnTitle),
            rowTitle,
            columnTitle,
            t
        );
    }

    /// <summary>The k-means clusters (rows) against the k-prototypes clusters (columns) of the same customers.
    /// </summary>
    public static GenericChart ClusterMethods(
        IReadOnlyList<string> kmeans,
        IReadOnlyList<string> kprototypes,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        return CrossTab(kmeans, kprototypes, t["Label_KMeansCluster"], t["Label_KPrototypesCluster"], t);
    }

    /// <summary>The known (planted) groups (rows) against the k-means clusters (columns) of the same customers.
    /// </summary>
    public static GenericChart PlantedGroups(
        IReadOnlyList<string> planted,
        IReadOnlyList<string> clusters,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        return CrossTab(planted, clusters, t["Label_PlantedGroup"], t["Label_KMeansCluster"], t);
    }

    /// <summary>The counts behind <see cref="CrossTab"/>: [row label, column label], labels in ordinal order.</summary>
    public static double[,] Count(
        IReadOnlyList<string> rows,
        IReadOnlyList<string> columns,
        out IReadOnlyList<string> rowNames,
        out IReadOnlyList<string> columnNames
    )
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(columns);
        if (rows.Count != columns.Count)
            throw new OptionsException(
                FormattableString.Invariant($"columns={columns.Count} labels must equal rows={rows.Count} labels")
            );
        var rowIndex = Index(rows, out rowNames);
        var columnIndex = Index(columns, out columnNames);
        var counts = new double[rowNames.Count, columnNames.Count];
        for (var i = 0; i < rows.Count; i++)
            counts[rowIndex[rows[i]], columnIndex[columns[i]]]++;
        return counts;
    }

    private static Dictionary<string, int> Index(IReadOnlyList<string> labels, out IReadOnlyList<string> names)
    {
        names = labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }
}
