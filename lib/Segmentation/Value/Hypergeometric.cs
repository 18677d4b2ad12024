namespace Segmentation.Value;

/// <summary>The Gauss hypergeometric function ₂F₁ by its power series, for the BG/NBD expectations.</summary>
internal static class Hypergeometric
{
    private const int MaximumTerms = 1_000_000;

    /// <summary>
    /// ₂F₁(a, b; c; z) = Σₙ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ for 0 &lt;= z &lt; 1 and c not 0, -1, -2, …. Sums until the
    /// terms shrink and no longer change the total in double precision. Callers keep a and b small (the BG/NBD
    /// formulas use Euler's transformation) so that terms do not grow large before they decay.
    /// </summary>
    public static double Gauss2F1(double a, double b, double c, double z)
    {
        if (!(z >= 0 && z < 1))
            throw new ArgumentOutOfRangeException(nameof(z), z, "must be in [0, 1)");
        if (c <= 0 && c == Math.Floor(c))
            throw new ArgumentOutOfRangeException(nameof(c), c, "must not be 0 or a negative integer");
        var sum = 1.0;
        var term = 1.0;
        for (var n = 0; n < MaximumTerms; n++)
        {
            var ratio = (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            term *= ratio;
            var next = sum + term;
            if (term == 0 || (next == sum && Math.Abs(ratio) < 1))
                return next;
            sum = next;
        }
        throw new SegmentationException(
            FormattableString.Invariant(
                $"hypergeometric series 2F1({a}, {b}; {c}; {z}) did not converge in {MaximumTerms} terms; "
            ) + "the prediction horizon is too long for the customer's age"
        );
    }
}
