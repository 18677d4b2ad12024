namespace Segmentation.Segmenting;

/// <summary>Small descriptive statistics in double precision, summed in index order (deterministic).</summary>
internal static class SampleStatistics
{
    public static double Mean(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++) sum += values[i];
        return sum / values.Count;
    }

    public static double PopulationStandardDeviation(IReadOnlyList<double> values, double mean)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
        {
            var d = values[i] - mean;
            sum += d * d;
        }
        return Math.Sqrt(sum / values.Count);
    }

    /// <summary>Quantile with linear interpolation between order statistics (Hyndman–Fan type 7, NumPy's default).</summary>
    public static double Quantile(IReadOnlyList<double> values, double probability)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return QuantileOfSorted(sorted, probability);
    }

    /// <summary>Type-7 quantile of values already sorted ascending.</summary>
    public static double QuantileOfSorted(IReadOnlyList<double> sorted, double probability)
    {
        var position = probability * (sorted.Count - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        var fraction = position - lower;
        return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
    }
}
