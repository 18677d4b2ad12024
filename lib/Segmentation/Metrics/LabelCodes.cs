using Segmentation.Features;

namespace Segmentation.Metrics;

/// <summary>
/// Labels recoded to compact codes 0..k−1 in the order of the sorted distinct label values
/// (as numpy.unique does), with the size of every cluster. Any ints are accepted as labels.
/// </summary>
internal sealed class LabelCodes
{
    private LabelCodes(int[] codes, int[] values, int[] counts)
    {
        Codes = codes;
        Values = values;
        Counts = counts;
    }

    /// <summary>Code of every row.</summary>
    public int[] Codes { get; }

    /// <summary>The distinct label values, ascending; the code of a value is its index here.</summary>
    public int[] Values { get; }

    /// <summary>Rows per code.</summary>
    public int[] Counts { get; }

    /// <summary>Number of distinct labels.</summary>
    public int Count => Values.Length;

    public static LabelCodes From(ReadOnlySpan<int> labels)
    {
        if (labels.IsEmpty)
            return new LabelCodes([], [], []);
        var min = labels[0];
        var max = labels[0];
        foreach (var label in labels)
        {
            if (label < min)
                min = label;
            if (label > max)
                max = label;
        }
        return (long)max - min < Math.Max(labels.Length, 1024) ? Counted(labels, min, max) : Sorted(labels);
    }

    /// <summary>Labels spanning a range no wider than the data: one counting pass, no sort.</summary>
    private static LabelCodes Counted(ReadOnlySpan<int> labels, int min, int max)
    {
        var codeOf = new int[max - min + 1];
        foreach (var label in labels)
            codeOf[label - min]++;
        var values = new List<int>();
        var counts = new List<int>();
        for (var offset = 0; offset < codeOf.Length; offset++)
        {
            if (codeOf[offset] == 0)
                continue;
            counts.Add(codeOf[offset]);
            codeOf[offset] = values.Count;
            values.Add(min + offset);
        }
        var codes = new int[labels.Length];
        for (var i = 0; i < labels.Length; i++)
            codes[i] = codeOf[labels[i] - min];
        return new LabelCodes(codes, values.ToArray(), counts.ToArray());
    }

    private static LabelCodes Sorted(ReadOnlySpan<int> labels)
    {
        var sorted = labels.ToArray();
        Array.Sort(sorted);
        var distinct = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
                sorted[distinct++] = sorted[i];
        }
        var values = sorted.AsSpan(0, distinct).ToArray();
        var codes = new int[labels.Length];
        var counts = new int[distinct];
        for (var i = 0; i < labels.Length; i++)
        {
            var code = Array.BinarySearch(values, labels[i]);
            codes[i] = code;
            counts[code]++;
        }
        return new LabelCodes(codes, values, counts);
    }

    /// <summary>Codes strings in order of first appearance (ordinal comparison).</summary>
    public static int[] FromStrings(IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        var codes = new int[labels.Count];
        for (var i = 0; i < labels.Count; i++)
        {
            var label = labels[i]
                ?? throw new OptionsException(FormattableString.Invariant($"labels[{i}] is null; expected a label"));
            if (!map.TryGetValue(label, out var code))
            {
                code = map.Count;
                map.Add(label, code);
            }
            codes[i] = code;
        }
        return codes;
    }

    /// <summary>Checks that a matrix and its labels go together and that every value is finite.</summary>
    public static LabelCodes ForMatrix(
        FeatureMatrix x,
        ReadOnlySpan<int> labels,
        int minimumClusters,
        bool atMostRowsMinusOne,
        string metric
    )
    {
        ArgumentNullException.ThrowIfNull(x);
        if (labels.Length != x.Rows)
            throw new OptionsException(
                FormattableString.Invariant($"{metric}: labels={labels.Length} must equal rows={x.Rows}")
            );
        if (x.Rows == 0)
            throw new OptionsException(FormattableString.Invariant($"{metric}: rows=0 must be >= 1"));
        x.EnsureFinite();
        var codes = From(labels);
        if (codes.Count < minimumClusters)
            throw new OptionsException(
                FormattableString.Invariant($"{metric}: clusters={codes.Count} must be >= {minimumClusters}")
            );
        if (atMostRowsMinusOne && codes.Count > x.Rows - 1)
            throw new OptionsException(
                FormattableString.Invariant($"{metric}: clusters={codes.Count} must be <= rows-1={x.Rows - 1}")
            );
        return codes;
    }
}
