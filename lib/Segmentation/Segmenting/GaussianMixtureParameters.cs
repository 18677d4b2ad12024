using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// Parameters of a Gaussian mixture and the two EM steps, in double precision, single-threaded, summed in row
/// order. Covariances are flat: <c>k × d × d</c> (full) or <c>k × d</c> (diagonal variances).
/// </summary>
internal sealed class GaussianMixtureParameters
{
    private readonly double[] factors; // Cholesky factors (full) or variances (diagonal)
    private readonly double[] logNormalisers;

    public GaussianMixtureParameters(
        CovarianceType type,
        int dimensions,
        double[] weights,
        double[] means,
        double[] covariances
    )
    {
        Type = type;
        Dimensions = dimensions;
        Weights = weights;
        Means = means;
        Covariances = covariances;
        Clusters = weights.Length;
        var d = dimensions;
        factors = type == CovarianceType.Full ? new double[Clusters * d * d] : (double[])covariances.Clone();
        logNormalisers = new double[Clusters];
        for (var c = 0; c < Clusters; c++)
        {
            double logDeterminant;
            if (type == CovarianceType.Full)
            {
                Cholesky(covariances.AsSpan(c * d * d, d * d), factors.AsSpan(c * d * d, d * d), d, c);
                logDeterminant = 0;
                for (var j = 0; j < d; j++)
                    logDeterminant += 2 * Math.Log(factors[c * d * d + j * d + j]);
            }
            else
            {
                logDeterminant = 0;
                for (var j = 0; j < d; j++)
                {
                    var variance = covariances[c * d + j];
                    if (!(variance > 0))
                        throw NotPositiveDefinite(c);
                    logDeterminant += Math.Log(variance);
                }
            }
            logNormalisers[c] = Math.Log(weights[c]) - 0.5 * (d * Math.Log(2 * Math.PI) + logDeterminant);
        }
    }

    public CovarianceType Type { get; }
    public int Dimensions { get; }
    public int Clusters { get; }
    public double[] Weights { get; }
    public double[] Means { get; }
    public double[] Covariances { get; }

    /// <summary>Free parameters: k − 1 weights, k·d means, and k·d(d+1)/2 (full) or k·d (diagonal) covariance
    /// entries.</summary>
    public static int ParameterCount(CovarianceType type, int clusters, int d) =>
        clusters - 1 + clusters * d + clusters * (type == CovarianceType.Full ? d * (d + 1) / 2 : d);

    /// <summary>
    /// Fills <paramref name="logJoint"/> with log(π_c · N(x | μ_c, Σ_c)) for every component and returns
    /// log p(x), the log-sum-exp of them.
    /// </summary>
    public double LogJoint(ReadOnlySpan<double> x, Span<double> logJoint)
    {
        var d = Dimensions;
        Span<double> z = stackalloc double[d];
        var maximum = double.NegativeInfinity;
        for (var c = 0; c < Clusters; c++)
        {
            var mean = Means.AsSpan(c * d, d);
            var mahalanobis = 0.0;
            if (Type == CovarianceType.Full)
            {
                // Solve L z = x − μ by forward substitution; the squared Mahalanobis distance is |z|².
                var factor = factors.AsSpan(c * d * d, d * d);
                for (var j = 0; j < d; j++)
                {
                    var sum = x[j] - mean[j];
                    for (var l = 0; l < j; l++)
                        sum -= factor[j * d + l] * z[l];
                    z[j] = sum / factor[j * d + j];
                    mahalanobis += z[j] * z[j];
                }
            }
            else
            {
                for (var j = 0; j < d; j++)
                {
                    var difference = x[j] - mean[j];
                    mahalanobis += difference * difference / factors[c * d + j];
                }
            }
            logJoint[c] = logNormalisers[c] - 0.5 * mahalanobis;
            if (logJoint[c] > maximum)
                maximum = logJoint[c];
        }
        var total = 0.0;
        for (var c = 0; c < Clusters; c++)
            total += Math.Exp(logJoint[c] - maximum);
        return maximum + Math.Log(total);
    }

    /// <summary>E-step: responsibilities (n × k, may be null), most probable component per row (may be null); returns
    /// the log-likelihood.</summary>
    public double Expect(FeatureMatrix x, double[]? responsibilities, int[]? labels)
    {
        var k = Clusters;
        var logJoint = new double[k];
        var logLikelihood = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            var logDensity = LogJoint(x.Row(i), logJoint);
            logLikelihood += logDensity;
            if (responsibilities is not null)
            {
                for (var c = 0; c < k; c++)
                    responsibilities[i * k + c] = Math.Exp(logJoint[c] - logDensity);
            }
            if (labels is not null)
            {
                var best = 0;
                for (var c = 1; c < k; c++)
                {
                    if (logJoint[c] > logJoint[best])
                        best = c;
                }
                labels[i] = best;
            }
        }
        return logLikelihood;
    }

    /// <summary>M-step: weights, means and covariances (plus <paramref name="regularization"/> on the diagonal) from
    /// responsibilities.</summary>
    public static GaussianMixtureParameters Maximise(
        FeatureMatrix x,
        double[] responsibilities,
        int clusters,
        CovarianceType type,
        double regularization
    )
    {
        var n = x.Rows;
        var d = x.ColumnCount;
        var k = clusters;
        var totals = new double[k];
        var means = new double[k * d];
        for (var i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (var c = 0; c < k; c++)
            {
                var r = responsibilities[i * k + c];
                totals[c] += r;
                for (var j = 0; j < d; j++)
                    means[c * d + j] += r * row[j];
            }
        }
        // As scikit-learn: a tiny floor keeps an emptied component's statistics finite.
        for (var c = 0; c < k; c++)
            totals[c] += 10 * double.Epsilon;
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
                means[c * d + j] /= totals[c];
        }

        var size = type == CovarianceType.Full ? d * d : d;
        var covariances = new double[k * size];
        Span<double> centred = stackalloc double[d];
        for (var i = 0; i < n; i++)
        {
            var row = x.Row(i);
            for (var c = 0; c < k; c++)
            {
                var r = responsibilities[i * k + c];
                for (var j = 0; j < d; j++)
                    centred[j] = row[j] - means[c * d + j];
                if (type == CovarianceType.Full)
                {
                    for (var a = 0; a < d; a++)
                    {
                        for (var b = 0; b <= a; b++)
                            covariances[c * size + a * d + b] += r * centred[a] * centred[b];
                    }
                }
                else
                {
                    for (var j = 0; j < d; j++)
                        covariances[c * size + j] += r * centred[j] * centred[j];
                }
            }
        }
        for (var c = 0; c < k; c++)
        {
            if (type == CovarianceType.Full)
            {
                for (var a = 0; a < d; a++)
                {
                    for (var b = 0; b <= a; b++)
                    {
                        var value = covariances[c * size + a * d + b] / totals[c] + (a == b ? regularization : 0);
                        covariances[c * size + a * d + b] = value;
                        covariances[c * size + b * d + a] = value;
                    }
                }
            }
            else
            {
                for (var j = 0; j < d; j++)
                    covariances[c * size + j] = covariances[c * size + j] / totals[c] + regularization;
            }
        }
        var weights = totals.Select(t => t / n).ToArray();
        return new GaussianMixtureParameters(type, d, weights, means, covariances);
    }

    /// <summary>The same mixture with components renumbered: <c>order[new] = old</c>.</summary>
    public GaussianMixtureParameters Reordered(int[] order)
    {
        var d = Dimensions;
        var size = Covariances.Length / Clusters;
        var weights = new double[Clusters];
        var means = new double[Means.Length];
        var covariances = new double[Covariances.Length];
        for (var c = 0; c < Clusters; c++)
        {
            weights[c] = Weights[order[c]];
            Array.Copy(Means, order[c] * d, means, c * d, d);
            Array.Copy(Covariances, order[c] * size, covariances, c * size, size);
        }
        return new GaussianMixtureParameters(Type, d, weights, means, covariances);
    }

    private static void Cholesky(ReadOnlySpan<double> matrix, Span<double> lower, int d, int component)
    {
        for (var a = 0; a < d; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                var sum = matrix[a * d + b];
                for (var l = 0; l < b; l++)
                    sum -= lower[a * d + l] * lower[b * d + l];
                if (a == b)
                {
                    if (!(sum > 0))
                        throw NotPositiveDefinite(component);
                    lower[a * d + a] = Math.Sqrt(sum);
                }
                else
                {
                    lower[a * d + b] = sum / lower[b * d + b];
                }
            }
        }
    }

    private static SegmentationException NotPositiveDefinite(int component) =>
        new(
            FormattableString.Invariant(
                $"the covariance of component {component} is not positive definite (a segment with too few "
            ) + "or identical customers); raise regularization or lower clusters"
        );
}
