using MathNet.Numerics.LinearAlgebra;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>Principal component analysis for cluster maps (usually two components of the scaled feature
/// matrix).</summary>
public static class Pca
{
    /// <summary>
    /// Fits PCA by the eigen-decomposition of the sample covariance matrix (divisor n − 1, as scikit-learn) with
    /// MathNet.Numerics. Components are ordered by variance, largest first; the sign of each is fixed so that its
    /// largest-magnitude loading is positive (the first such column on ties, within rounding), which makes results
    /// reproducible.
    /// </summary>
    public static PcaModel Fit(FeatureMatrix features, int components = 2)
    {
        ArgumentNullException.ThrowIfNull(features);
        var d = features.ColumnCount;
        if (components < 1)
            throw new OptionsException(FormattableString.Invariant($"components={components} must be >= 1"));
        if (components > d)
            throw new OptionsException(FormattableString.Invariant($"components={components} must be <= columns={d}"));
        if (features.Rows < 2)
            throw new OptionsException(FormattableString.Invariant($"rows={features.Rows} must be >= 2"));
        features.EnsureFinite();

        var mean = features.ColumnMeans();
        var covariance = Scatter(features, mean);
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b < d; b++)
                covariance[a, b] /= features.Rows - 1;
        }

        var evd = Matrix<double>.Build.DenseOfArray(covariance).Evd(Symmetricity.Symmetric);
        var eigenvalues = evd.EigenValues.Select(v => Math.Max(0, v.Real)).ToArray();
        var totalVariance = Enumerable.Range(0, d).Sum(j => covariance[j, j]);
        var order = Enumerable
            .Range(0, d)
            .OrderByDescending(i => eigenvalues[i])
            .ThenBy(i => i)
            .Take(components)
            .ToArray();

        var loadings = new double[components * d];
        for (var c = 0; c < components; c++)
        {
            var vector = evd.EigenVectors.Column(order[c]).ToArray();
            // Magnitudes within rounding of the largest count as ties; the first such column decides the sign.
            var maximum = vector.Max(Math.Abs);
            var largest = Array.FindIndex(vector, v => Math.Abs(v) >= maximum * (1 - 1e-9));
            var sign = vector[largest] < 0 ? -1.0 : 1.0;
            for (var j = 0; j < d; j++)
                loadings[c * d + j] = sign * vector[j] + 0.0;
        }

        var variances = order.Select(i => eigenvalues[i]).ToArray();
        return new PcaModel(
            features.Columns,
            mean,
            loadings,
            variances,
            variances.Select(v => totalVariance > 0 ? v / totalVariance : 0).ToArray()
        );
    }

    /// <summary>The scatter matrix Σ (x − mean)(x − mean)ᵀ over the rows, summed in row order; symmetric (d ×
    /// d).</summary>
    internal static double[,] Scatter(FeatureMatrix x, ReadOnlySpan<double> mean)
    {
        var d = x.ColumnCount;
        var scatter = new double[d, d];
        var centred = new double[d];
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            for (var f = 0; f < d; f++)
                centred[f] = row[f] - mean[f];
            for (var f = 0; f < d; f++)
            {
                for (var g = f; g < d; g++)
                    scatter[f, g] += centred[f] * centred[g];
            }
        }
        for (var f = 0; f < d; f++)
        {
            for (var g = 0; g < f; g++)
                scatter[f, g] = scatter[g, f];
        }
        return scatter;
    }
}

/// <summary>A fitted PCA: column means, loadings and explained variance. Immutable; holds no rows.</summary>
public sealed class PcaModel
{
    private readonly double[] mean;
    private readonly double[] loadings;

    internal PcaModel(
        IReadOnlyList<string> columns,
        double[] mean,
        double[] loadings,
        double[] explainedVariance,
        double[] explainedVarianceRatio
    )
    {
        Columns = columns.ToArray();
        this.mean = mean;
        this.loadings = loadings;
        ExplainedVariance = explainedVariance;
        ExplainedVarianceRatio = explainedVarianceRatio;
        ComponentNames = Enumerable
            .Range(1, explainedVariance.Length)
            .Select(c => FormattableString.Invariant($"PC{c}"))
            .ToArray();
        Loadings = new FeatureMatrix(Columns, loadings, ComponentNames);
    }

    /// <summary>Input feature columns, in order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Names of the components: PC1, PC2, …</summary>
    public IReadOnlyList<string> ComponentNames { get; }

    /// <summary>Number of components.</summary>
    public int Components => ComponentNames.Count;

    /// <summary>Column means subtracted before projecting.</summary>
    public IReadOnlyList<double> Mean => mean;

    /// <summary>Unit-length loadings: one row per component (row keys PC1, PC2, …), one column per feature.</summary>
    public FeatureMatrix Loadings { get; }

    /// <summary>Variance along each component (eigenvalues of the sample covariance).</summary>
    public IReadOnlyList<double> ExplainedVariance { get; }

    /// <summary>Share of the total variance along each component, in [0, 1].</summary>
    public IReadOnlyList<double> ExplainedVarianceRatio { get; }

    /// <summary>Scores of every row on the components (columns PC1, PC2, …; row keys kept).</summary>
    public FeatureMatrix Project(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        FeatureColumns.EnsureSame(Columns, features.Columns);
        var d = Columns.Count;
        var k = Components;
        var scores = new double[features.Rows * k];
        for (var i = 0; i < features.Rows; i++)
        {
            var row = features.Row(i);
            for (var c = 0; c < k; c++)
            {
                var sum = 0.0;
                for (var j = 0; j < d; j++)
                    sum += (row[j] - mean[j]) * loadings[c * d + j];
                scores[i * k + c] = sum;
            }
        }
        return new FeatureMatrix(ComponentNames, scores, features.RowKeys);
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant(
            $"PcaModel: {Components} components of {Columns.Count} columns, explained variance {string.Join(
                " + ",
                ExplainedVarianceRatio.Select(r => r.ToString("P1", System.Globalization.CultureInfo.InvariantCulture))
            )}"
        );
}
