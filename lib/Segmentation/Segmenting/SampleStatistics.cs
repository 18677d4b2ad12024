using Segmentation.Common;

namespace Segmentation.Segmenting;

/// <summary>Small descriptive statistics in double precision, summed in index order (deterministic).</summary>
internal static class SampleStatistics
{
    public static double Mean(IReadOnlyList<double> values)
    {
        var sum = 0.0;
        for (var i = 0; i < values.Count; i++)
            sum += values[i];
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

    /// <summary>Quantile with linear interpolation between order statistics (Hyndman–Fan type 7, NumPy's
    /// default).</summary>
    public static double Quantile(IReadOnlyList<double> values, double probability)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return QuantileOfSorted(sorted, probability);
    }

    /// <summary>Type-7 quantile of values already sorted ascending
    /// (<see cref="VectorMath.QuantileOfSorted"/>).</summary>
    public static double QuantileOfSorted(IReadOnlyList<double> sorted, double probability) =>
        VectorMath.QuantileOfSorted(sorted as double[] ?? [.. sorted], probability);

    /// <summary>Moment skewness g1 = m3 / m2^1.5 (0 for a constant sample).</summary>
    public static double Skewness(IReadOnlyList<double> values)
    {
        var (m2, m3, _) = CentralMoments(values);
        return m2 > 0 ? m3 / Math.Pow(m2, 1.5) : 0;
    }

    /// <summary>
    /// Sarle's bimodality coefficient b = (g1² + 1) / (g2 + 3(n−1)² / ((n−2)(n−3))) with the sample-size-corrected
    /// skewness g1 and excess kurtosis g2 (SAS's definitions); above 5/9 ≈ 0.555 (the uniform distribution's value)
    /// suggests two or more modes, a normal distribution gives 1/3. Needs at least 4 values; 0 for a constant sample.
    /// </summary>
    public static double BimodalityCoefficient(IReadOnlyList<double> values)
    {
        var n = (double)values.Count;
        if (n < 4)
            return 0;
        var (m2, m3, m4) = CentralMoments(values);
        if (!(m2 > 0))
            return 0;
        var g1 = Math.Sqrt(n * (n - 1)) / (n - 2) * (m3 / Math.Pow(m2, 1.5));
        var g2 = (n - 1) / ((n - 2) * (n - 3)) * ((n + 1) * (m4 / (m2 * m2) - 3) + 6);
        return (g1 * g1 + 1) / (g2 + 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3)));
    }

    private static (double M2, double M3, double M4) CentralMoments(IReadOnlyList<double> values)
    {
        var mean = Mean(values);
        double m2 = 0,
            m3 = 0,
            m4 = 0;
        foreach (var v in values)
        {
            var d = v - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        return (m2 / values.Count, m3 / values.Count, m4 / values.Count);
    }
}
