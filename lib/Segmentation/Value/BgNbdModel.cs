using System.Text.Json.Serialization;
using Segmentation.Common.Text;

namespace Segmentation.Value;

/// <summary>
/// A fitted BG/NBD model (immutable; keeps no reference to the training rows; JSON serialisable).
/// Times are in the unit of the summaries it was fitted on.
/// </summary>
/// <param name="Parameters">Maximum-likelihood estimates of r, alpha, a, b.</param>
/// <param name="StandardErrors">
/// Standard errors of the natural parameters by the delta method: p·sqrt([H⁻¹]ᵢᵢ) with H the numerical Hessian
/// of the (penalised) negative log-likelihood in log-parameters at the optimum — the diagonal of lifetimes'
/// <c>variance_matrix_</c>.
/// </param>
/// <param name="LogLikelihood">Total (unpenalised) log-likelihood of the training customers at
/// <paramref name="Parameters"/>.</param>
/// <param name="Customers">Number of customers fitted.</param>
/// <param name="PenalizerCoefficient">The L2 penalty used.</param>
/// <param name="Iterations">Optimiser iterations.</param>
public sealed record BgNbdModel(
    [property: JsonPropertyName("parameters")] BgNbdParameters Parameters,
    [property: JsonPropertyName("standard_errors")] BgNbdParameters StandardErrors,
    [property: JsonPropertyName("log_likelihood")] double LogLikelihood,
    [property: JsonPropertyName("customers")] int Customers,
    [property: JsonPropertyName("penalizer_coefficient")] double PenalizerCoefficient,
    [property: JsonPropertyName("iterations")] int Iterations
)
{
    /// <summary>
    /// E[Y(t) | x, t_x, T]: expected repeat purchases in the next <paramref name="t"/> periods for a customer with
    /// this history (FHL 2005 eq. 10; the hypergeometric term through Euler's transformation for stability).
    /// </summary>
    public double ExpectedPurchases(double t, CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return ExpectedPurchases(t, customer.Frequency, customer.Recency, customer.T);
    }

    /// <summary>E[Y(t) | x, t_x, T] for a history given by its numbers.</summary>
    public double ExpectedPurchases(double t, int frequency, double recency, double age)
    {
        if (!(t >= 0) || double.IsInfinity(t))
            throw new OptionsException(FormattableString.Invariant($"t={t} must be a finite number >= 0"));
        if (t == 0)
            return 0.0;
        var (r, alpha, a, b) = (Parameters.R, Parameters.Alpha, Parameters.A, Parameters.B);
        var x = frequency;
        var z = t / (alpha + age + t);
        var oneMinusZ = (alpha + age) / (alpha + age + t);
        // 2F1(r+x, b+x; a+b+x-1; z)·(1-z)^(r+x) = (1-z)^(a-1)·2F1(a+b-1-r, a-1; a+b+x-1; z)  (Euler's transformation)
        var hypergeometric = Hypergeometric.Gauss2F1(a + b - 1 - r, a - 1, a + b + x - 1, z);
        var bracket = 1.0 - Math.Exp((a - 1) * Math.Log(oneMinusZ) + Math.Log(hypergeometric));
        var numerator = (a + b + x - 1) / (a - 1) * bracket;
        var denominator =
            x > 0 ? 1 + a / (b + x - 1) * Math.Exp((r + x) * Math.Log((alpha + age) / (alpha + recency))) : 1.0;
        return numerator / denominator;
    }

    /// <summary>E[X(t)]: expected repeat purchases in <paramref name="t"/> periods after a first purchase, for a new
    /// customer (FHL 2005 eq. 9).</summary>
    public double UnconditionalExpectedPurchases(double t) => ExpectedPurchases(t, 0, 0.0, 0.0);

    /// <summary>P(alive | x, t_x, T): probability that the customer has not dropped out (Fader, Hardie &amp; Lee, note
    /// 021).</summary>
    public double ProbabilityAlive(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return ProbabilityAlive(customer.Frequency, customer.Recency, customer.T);
    }

    /// <summary>P(alive | x, t_x, T) for a history given by its numbers; 1 when x = 0.</summary>
    public double ProbabilityAlive(int frequency, double recency, double age)
    {
        if (frequency == 0)
            return 1.0;
        var (r, alpha, a, b) = (Parameters.R, Parameters.Alpha, Parameters.A, Parameters.B);
        var logOdds = (r + frequency) * Math.Log((alpha + age) / (alpha + recency)) + Math.Log(a / (b + frequency - 1));
        return 1.0 / (1.0 + Math.Exp(logOdds));
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant(
            $"BgNbdModel: r={Parameters.R:G4}, alpha={Parameters.Alpha:G4}, a={Parameters.A:G4}, "
        ) + FormattableString.Invariant($"b={Parameters.B:G4}, n={Customers}, log-likelihood={LogLikelihood:F2}");

    /// <summary>"BgNbdModel: r=…, alpha=…, a=…, b=…, n=…, log-likelihood=…" in <paramref name="language"/> (default
    /// <see cref="Language.Current"/>).</summary>
    public string Summary(Language? language = null) =>
        (language ?? Language.Current).Format(
            "Summary_BgNbdModel",
            Parameters.R,
            Parameters.Alpha,
            Parameters.A,
            Parameters.B,
            Customers,
            LogLikelihood
        );
}
