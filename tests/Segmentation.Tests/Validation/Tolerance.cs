namespace Segmentation.Tests.Validation;

internal static class Tolerance
{
    /// <summary>|expected − actual| ≤ relative · max(1, |expected|) (absolute near zero, relative for large
    /// values).</summary>
    public static void AssertClose(double expected, double actual, double relative = 1e-12) =>
        Assert.True(
            Math.Abs(expected - actual) <= relative * Math.Max(1, Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R}"
        );

    /// <summary>|expected − actual| ≤ relative · |expected|: purely relative, for values as small as
    /// p-values.</summary>
    public static void AssertRelative(double expected, double actual, double relative) =>
        Assert.True(
            Math.Abs(expected - actual) <= relative * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R}"
        );
}
