namespace Segmentation.Common;

/// <summary>Small numeric helpers written once: the squared distance and the type-7 quantile.</summary>
internal static class VectorMath
{
    /// <summary>Squared Euclidean distance, summed over the coordinates in order.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var difference = a[j] - b[j];
            sum += difference * difference;
        }
        return sum;
    }

    /// <summary>
    /// The type-7 quantile of values sorted ascending (Hyndman–Fan type 7, NumPy's default "linear"):
    /// <c>x[h] + (h − ⌊h⌋)(x[h+1] − x[h])</c> with <c>h = (n − 1)p</c>; the largest value at p = 1.
    /// </summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double probability)
    {
        var h = probability * (sorted.Length - 1);
        var below = (int)Math.Floor(h);
        if (below >= sorted.Length - 1)
            return sorted[^1];
        return sorted[below] + (h - below) * (sorted[below + 1] - sorted[below]);
    }
}
