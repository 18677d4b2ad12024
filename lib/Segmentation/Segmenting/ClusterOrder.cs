namespace Segmentation.Segmenting;

/// <summary>
/// Canonical cluster numbering, so labels do not depend on the order an algorithm happened to find clusters in:
/// clusters sorted by size descending, ties broken by comparing their parameter vectors lexicographically.
/// </summary>
internal static class ClusterOrder
{
    /// <summary>
    /// Returns <c>order</c> with <c>order[newLabel] = oldLabel</c>. <paramref name="keys"/>[c] is compared
    /// lexicographically after the size (larger first); remaining ties keep the old order.
    /// </summary>
    public static int[] Canonical(IReadOnlyList<double> sizes, IReadOnlyList<double[]> keys)
    {
        var order = Enumerable.Range(0, sizes.Count).ToArray();
        Array.Sort(order, (a, b) =>
        {
            var bySize = sizes[b].CompareTo(sizes[a]);
            if (bySize != 0)
                return bySize;
            for (var j = 0; j < keys[a].Length; j++)
            {
                var byKey = keys[a][j].CompareTo(keys[b][j]);
                if (byKey != 0)
                    return byKey;
            }
            return a.CompareTo(b);
        });
        return order;
    }

    /// <summary>The inverse permutation: <c>map[oldLabel] = newLabel</c>.</summary>
    public static int[] Inverse(int[] order)
    {
        var map = new int[order.Length];
        for (var i = 0; i < order.Length; i++)
            map[order[i]] = i;
        return map;
    }
}
