namespace Segmentation.Tests.Value;

/// <summary>Assertions about estimates and derivatives shared by the CLV model tests.</summary>
internal static class Estimates
{
    /// <summary>Asserts that an estimate lies within <paramref name="multiples"/> standard errors of the
    /// truth.</summary>
    public static void AssertWithin(double truth, double estimate, double standardError, double multiples)
    {
        Assert.True(standardError > 0, $"standard error {standardError} must be > 0");
        Assert.True(
            Math.Abs(estimate - truth) <= multiples * standardError,
            FormattableString.Invariant(
                $"estimate {estimate} is {Math.Abs(estimate - truth) / standardError:F2} standard errors "
            ) + FormattableString.Invariant($"({standardError}) from {truth}")
        );
    }

    /// <summary>Asserts that an analytic gradient matches central differences of <paramref name="function"/> at
    /// <paramref name="at"/>.</summary>
    public static void AssertGradient(Func<double[], double> function, double[] at, double[] analytic)
    {
        const double step = 1e-6;
        for (var j = 0; j < at.Length; j++)
        {
            var up = (double[])at.Clone();
            var down = (double[])at.Clone();
            up[j] += step;
            down[j] -= step;
            Assert.Equal((function(up) - function(down)) / (2 * step), analytic[j], 1e-6);
        }
    }
}
