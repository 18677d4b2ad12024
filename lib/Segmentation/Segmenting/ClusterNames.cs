namespace Segmentation.Segmenting;

/// <summary>
/// The one way clusters are named for people, everywhere (assignments, reports, notebooks, scoring): the 0-based
/// cluster c is segment "S{c + 1}", so cluster 0 of any model is "S1".
/// </summary>
public static class ClusterNames
{
    /// <summary>The name of 0-based cluster <paramref name="cluster"/>: "S1", "S2", …</summary>
    public static string Of(int cluster) => FormattableString.Invariant($"S{cluster + 1}");

    /// <summary>The name of every label, in order.</summary>
    public static string[] Of(IEnumerable<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return labels.Select(Of).ToArray();
    }

    /// <summary>The names of a model's k clusters, S1 … Sk.</summary>
    public static string[] All(int clusters) => Enumerable.Range(0, clusters).Select(Of).ToArray();
}
