using MathNet.Numerics;
using Segmentation.Metrics;

namespace Segmentation.Validation;

/// <summary>
/// Agreement between two labellings of the same rows (for example known classes and found
/// clusters, or two clusterings). Labels are any ints, compared only for equality (map strings with
/// <see cref="Encode"/>); both arguments play symmetric roles. Each function mirrors scikit-learn's
/// function of the same name, including its conventions for degenerate labellings.
/// </summary>
public static class LabelAgreement
{
    /// <summary>Maps string labels to ints in order of first appearance (ordinal comparison), for the functions
    /// here.</summary>
    public static int[] Encode(IReadOnlyList<string> labels) => LabelCodes.FromStrings(labels);

    /// <summary>
    /// Adjusted Rand index in [-0.5, 1]; higher is better: 1 for identical partitions, about 0 for
    /// independent ones. The Rand index over all pairs of rows, corrected for chance
    /// (Hubert &amp; Arabie); exact integer pair counts.
    /// </summary>
    public static double AdjustedRandIndex(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        var table = Contingency.From(truth, predicted, nameof(AdjustedRandIndex));
        Int128 n = table.Samples;
        Int128 sumSquares = 0,
            rowWeighted = 0,
            columnWeighted = 0;
        foreach (var (row, column, count) in table.Cells)
        {
            sumSquares += (Int128)count * count;
            rowWeighted += (Int128)count * table.ColumnTotals[column];
            columnWeighted += (Int128)count * table.RowTotals[row];
        }
        // Pair confusion matrix (ordered pairs), as scikit-learn's pair_confusion_matrix.
        var together = sumSquares - n;
        var splitByPredicted = rowWeighted - sumSquares;
        var splitByTruth = columnWeighted - sumSquares;
        var apart = n * n - splitByPredicted - splitByTruth - sumSquares;
        if (splitByPredicted == 0 && splitByTruth == 0)
            return 1.0;
        var numerator = 2 * (together * apart - splitByTruth * splitByPredicted);
        var denominator =
            (together + splitByTruth) * (splitByTruth + apart)
            + (together + splitByPredicted) * (splitByPredicted + apart);
        return (double)numerator / (double)denominator;
    }

    /// <summary>
    /// Normalised mutual information in [0, 1]; higher is better. MI / ((H(truth) + H(predicted)) / 2)
    /// (arithmetic-mean normalisation, scikit-learn's default); natural logarithms; 1 when both labellings
    /// have a single cluster. Not corrected for chance: it rises with the number of clusters.
    /// </summary>
    public static double NormalizedMutualInformation(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        var table = Contingency.From(truth, predicted, nameof(NormalizedMutualInformation));
        if (table.RowTotals.Length == 1 && table.ColumnTotals.Length == 1)
            return 1.0;
        var mi = MutualInformation(table);
        if (mi == 0)
            return 0.0;
        return mi / ((Entropy(table.RowTotals) + Entropy(table.ColumnTotals)) / 2);
    }

    /// <summary>
    /// Adjusted mutual information, at most 1 (may be slightly negative); higher is better: 1 for identical
    /// partitions, about 0 for independent ones. (MI − E[MI]) / (mean(H(truth), H(predicted)) − E[MI]) with the
    /// exact expected MI under the hypergeometric model of random labellings with the same cluster sizes
    /// (Vinh, Epps &amp; Bailey 2010), arithmetic mean (scikit-learn's default). Time grows with
    /// Σ over cluster pairs of min(size_i, size_j).
    /// </summary>
    public static double AdjustedMutualInformation(ReadOnlySpan<int> truth, ReadOnlySpan<int> predicted)
    {
        var table = Contingency.From(truth, predicted, nameof(AdjustedMutualInformation));
        if (table.RowTotals.Length == 1 && table.ColumnTotals.Length == 1)
            return 1.0;
        var mi = MutualInformation(table);
        var expected = ExpectedMutualInformation(table);
        var normalizer = (Entropy(table.RowTotals) + Entropy(table.ColumnTotals)) / 2;
        var denominator = normalizer - expected;
        // The normaliser is >= E[MI] in exact arithmetic; keep the sign and avoid 0/0 for a perfect match.
        denominator = denominator < 0 ? Math.Min(denominator, -MachineEpsilon) : Math.Max(denominator, MachineEpsilon);
        return (mi - expected) / denominator;
    }

    /// <summary>Machine epsilon of double (numpy's finfo(float64).eps).</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    private static double MutualInformation(Contingency table)
    {
        if (table.RowTotals.Length == 1 || table.ColumnTotals.Length == 1)
            return 0.0;
        double n = table.Samples;
        var logN = Math.Log(n);
        var mi = 0.0;
        foreach (var (row, column, count) in table.Cells)
        {
            var share = count / n;
            var outer = (double)((long)table.RowTotals[row] * table.ColumnTotals[column]);
            var term = share * (Math.Log(count) - logN) + share * (-Math.Log(outer) + logN + logN);
            if (Math.Abs(term) >= MachineEpsilon)
                mi += term;
        }
        return Math.Max(mi, 0.0);
    }

    private static double Entropy(int[] totals)
    {
        var n = 0.0;
        foreach (var t in totals)
            n += t;
        var logN = Math.Log(n);
        var h = 0.0;
        foreach (var t in totals)
            if (t > 0)
                h -= t / n * (Math.Log(t) - logN);
        return h;
    }

    private static double ExpectedMutualInformation(Contingency table)
    {
        var a = table.RowTotals;
        var b = table.ColumnTotals;
        if (a.Length == 1 || b.Length == 1)
            return 0.0;
        var n = table.Samples;
        var logN = Math.Log(n);
        var gammaLnN = SpecialFunctions.GammaLn(n + 1);
        // log Γ(m + 1) for m = 0..n, shared by every term.
        var logFactorial = new double[n + 1];
        for (var m = 0; m <= n; m++)
            logFactorial[m] = SpecialFunctions.GammaLn(m + 1.0);
        var emi = 0.0;
        foreach (var ai in a)
        {
            var logA = Math.Log(ai);
            foreach (var bj in b)
            {
                var logB = Math.Log(bj);
                var fixedPart =
                    logFactorial[ai] + logFactorial[bj] + logFactorial[n - ai] + logFactorial[n - bj] - gammaLnN;
                var start = Math.Max(1, ai - n + bj);
                var end = Math.Min(ai, bj);
                for (var nij = start; nij <= end; nij++)
                {
                    // (nij / N) · log(N·nij / (a·b)) · P(nij | a, b, N), the hypergeometric probability in log space.
                    var logTerm = Math.Log(nij) + logN - logA - logB;
                    var logProbability =
                        fixedPart
                        - logFactorial[nij]
                        - logFactorial[ai - nij]
                        - logFactorial[bj - nij]
                        - logFactorial[n - ai - bj + nij];
                    emi += (double)nij / n * logTerm * Math.Exp(logProbability);
                }
            }
        }
        return emi;
    }
}
