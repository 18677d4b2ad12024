using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Segmentation.Value;

/// <summary>
/// Shared maximum-likelihood machinery for the CLV models: minimises an objective over log-parameters
/// (so every parameter stays positive) with MathNet's BFGS, falling back to Nelder–Mead then BFGS again when
/// the line search fails; then takes the Hessian at the optimum by central differences of the analytic
/// gradient and converts it to standard errors of the natural parameters by the delta method.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>Step of the central differences for the Hessian, on the log scale.</summary>
    private const double HessianStep = 1e-4;

    /// <summary>The minimiser's outcome.</summary>
    /// <param name="Parameters">Natural (positive) parameters at the optimum.</param>
    /// <param name="StandardErrors">Delta-method standard errors of <paramref name="Parameters"/>:
    /// p·sqrt([H⁻¹]ᵢᵢ).</param>
    /// <param name="Iterations">Optimiser iterations.</param>
    public sealed record Result(double[] Parameters, double[] StandardErrors, int Iterations);

    /// <summary>
    /// Minimises <paramref name="objective"/>, the negative log-likelihood divided by <paramref name="observations"/>
    /// plus any penalty (the lifetimes library's scaling), given with its gradient in log-parameters.
    /// </summary>
    public static Result Minimize(
        Func<double[], (double Value, double[] Gradient)> objective,
        double[] startLogParameters,
        int observations,
        int maximumIterations,
        double gradientTolerance,
        string modelName
    )
    {
        var function = ObjectiveFunction.Gradient(point =>
        {
            var (value, gradient) = objective(point.ToArray());
            // Steer the line search away from parameters where the likelihood is not finite.
            if (!double.IsFinite(value) || gradient.Any(g => !double.IsFinite(g)))
                return (double.MaxValue, Vector<double>.Build.Dense(gradient.Length, 0.0));
            return (value, Vector<double>.Build.DenseOfArray(gradient));
        });
        var start = Vector<double>.Build.DenseOfArray(startLogParameters);
        Vector<double> optimum;
        int iterations;
        try
        {
            var result = new BfgsMinimizer(gradientTolerance, 1e-12, 1e-14, maximumIterations).FindMinimum(
                function,
                start
            );
            optimum = result.MinimizingPoint;
            iterations = result.Iterations;
        }
        catch (OptimizationException)
        {
            var simplex = new NelderMeadSimplex(1e-10, maximumIterations * 20).FindMinimum(function, start);
            try
            {
                var polished = new BfgsMinimizer(gradientTolerance, 1e-12, 1e-14, maximumIterations).FindMinimum(
                    function,
                    simplex.MinimizingPoint
                );
                optimum = polished.MinimizingPoint;
                iterations = simplex.Iterations + polished.Iterations;
            }
            catch (OptimizationException e)
            {
                throw new SegmentationException(
                    $"{modelName} fit did not converge: {e.Message}; try a penalizer coefficient > 0",
                    e
                );
            }
        }

        var logParameters = optimum.ToArray();
        var (finalValue, _) = objective(logParameters);
        if (!double.IsFinite(finalValue))
            throw new SegmentationException(
                $"{modelName} fit did not converge: the log-likelihood is not finite at the optimum"
            );
        var covariance = LogScaleCovariance(objective, logParameters, observations);
        var parameters = logParameters.Select(Math.Exp).ToArray();
        var errors = parameters.Select((p, i) => p * Math.Sqrt(Math.Max(covariance[i, i], 0.0))).ToArray();
        return new Result(parameters, errors, iterations);
    }

    /// <summary>
    /// The objective the fits minimise, lifetimes' way: −(log-likelihood)/n + penalizer·Σ pⱼ², with its gradient in
    /// log-parameters (∂/∂ ln pⱼ = pⱼ ∂/∂pⱼ), from the summed log-likelihood and its derivatives in the natural
    /// parameters.
    /// </summary>
    public static (double Value, double[] Gradient) PenalisedMean(
        double logLikelihood,
        ReadOnlySpan<double> derivatives,
        ReadOnlySpan<double> parameters,
        int observations,
        double penalizer
    )
    {
        var value = -logLikelihood / observations;
        var gradient = new double[parameters.Length];
        for (var j = 0; j < parameters.Length; j++)
        {
            value += penalizer * parameters[j] * parameters[j];
            gradient[j] = parameters[j] * (-derivatives[j] / observations + 2 * penalizer * parameters[j]);
        }
        return (value, gradient);
    }

    // Inverse Hessian of the total objective (observations × mean) on the log scale.
    private static double[,] LogScaleCovariance(
        Func<double[], (double Value, double[] Gradient)> objective,
        double[] at,
        int observations
    )
    {
        var k = at.Length;
        var hessian = Matrix<double>.Build.Dense(k, k);
        for (var j = 0; j < k; j++)
        {
            var up = (double[])at.Clone();
            var down = (double[])at.Clone();
            up[j] += HessianStep;
            down[j] -= HessianStep;
            var gradientUp = objective(up).Gradient;
            var gradientDown = objective(down).Gradient;
            for (var i = 0; i < k; i++)
                hessian[i, j] = (gradientUp[i] - gradientDown[i]) / (2 * HessianStep) * observations;
        }
        hessian = (hessian + hessian.Transpose()) / 2.0;
        var inverse = hessian.Inverse();
        var result = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
                result[i, j] = inverse[i, j];
        }
        return result;
    }
}
