using MathNet.Numerics;
using Segmentation.Metrics;

namespace Segmentation.Validation;

/// <summary>Result of a Kruskal–Wallis H test.</summary>
/// <param name="H">The tie-corrected H statistic, ≥ 0; larger means the groups differ more.</param>
/// <param name="DegreesOfFreedom">Groups − 1.</param>
/// <param name="PValue">P(χ²(df) ≥ H), in [0, 1]; small means the groups' distributions differ.</param>
/// <param name="EpsilonSquared">Effect size ε² = H / (n − 1) (Tomczak &amp; Tomczak 2014), roughly in [0, 1]; higher
/// means a larger share of rank variance lies between groups.</param>
/// <param name="Samples">Values tested (n).</param>
/// <param name="Groups">Distinct groups.</param>
public sealed record KruskalWallisResult(
    double H,
    int DegreesOfFreedom,
    double PValue,
    double EpsilonSquared,
    int Samples,
    int Groups
);

/// <summary>
/// Kruskal–Wallis H test: do several groups come from the same distribution? Rank-based (no
/// normality assumption), so it suits skewed customer features such as spend and frequency.
/// </summary>
public static class KruskalWallis
{
    /// <summary>
    /// Tests <paramref name="values"/> grouped by <paramref name="groups"/> (any ints, one per value).
    /// Ties get mid-ranks and H is divided by 1 − Σ(t³ − t)/(n³ − n); the p-value is the χ² upper tail
    /// with groups − 1 degrees of freedom (as scipy.stats.kruskal). When every value is equal there is
    /// nothing to rank: H = 0, p = 1, ε² = 0. Needs at least two groups; rejects NaN.
    /// </summary>
    public static KruskalWallisResult Test(ReadOnlySpan<double> values, ReadOnlySpan<int> groups)
    {
        if (values.Length != groups.Length)
            throw new OptionsException(
                FormattableString.Invariant($"values={values.Length} must equal groups={groups.Length}")
            );
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new OptionsException(
                    FormattableString.Invariant($"values[{i}]={values[i]}; expected a finite number")
                );
        }
        var codes = LabelCodes.From(groups);
        if (codes.Count < 2)
            throw new OptionsException(FormattableString.Invariant($"groups={codes.Count} must be >= 2"));
        var n = values.Length;
        var order = new int[n];
        for (var i = 0; i < n; i++)
            order[i] = i;
        var keys = values.ToArray();
        Array.Sort(keys, order);

        var rankSums = new double[codes.Count];
        var tieTerm = 0.0;
        var start = 0;
        while (start < n)
        {
            var end = start + 1;
            while (end < n && keys[end] == keys[start])
                end++;
            var midRank = (start + 1 + end) / 2.0;
            for (var i = start; i < end; i++)
                rankSums[codes.Codes[order[i]]] += midRank;
            double t = end - start;
            tieTerm += t * t * t - t;
            start = end;
        }

        double total = n;
        var tieCorrection = 1.0 - tieTerm / (total * total * total - total);
        var degrees = codes.Count - 1;
        if (tieCorrection <= 0)
            return new KruskalWallisResult(0.0, degrees, 1.0, 0.0, n, codes.Count);
        var between = 0.0;
        for (var c = 0; c < codes.Count; c++)
            between += rankSums[c] * rankSums[c] / codes.Counts[c];
        var h = (12.0 / (total * (total + 1)) * between - 3 * (total + 1)) / tieCorrection;
        h = Math.Max(h, 0.0);
        var p = SpecialFunctions.GammaUpperRegularized(degrees / 2.0, h / 2.0);
        return new KruskalWallisResult(h, degrees, p, h / (total - 1), n, codes.Count);
    }
}
