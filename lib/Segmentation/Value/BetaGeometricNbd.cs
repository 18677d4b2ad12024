using System.Text.Json.Serialization;
using static MathNet.Numerics.SpecialFunctions;

namespace Segmentation.Value;

/// <summary>The four BG/NBD parameters, named as in Fader, Hardie &amp; Lee (2005).</summary>
/// <param name="R">Shape of the gamma distribution of purchase rates λ.</param>
/// <param name="Alpha">Scale of the gamma distribution of purchase rates, in the summary's time unit.</param>
/// <param name="A">First shape of the beta distribution of dropout probabilities p.</param>
/// <param name="B">Second shape of the beta distribution of dropout probabilities p.</param>
public sealed record BgNbdParameters(
    [property: JsonPropertyName("r")] double R,
    [property: JsonPropertyName("alpha")] double Alpha,
    [property: JsonPropertyName("a")] double A,
    [property: JsonPropertyName("b")] double B
)
{
    internal void Validate()
    {
        if (!(R > 0 && Alpha > 0 && A > 0 && B > 0) || !double.IsFinite(R + Alpha + A + B))
            throw new OptionsException(
                FormattableString.Invariant(
                    $"BG/NBD parameters r={R}, alpha={Alpha}, a={A}, b={B} must all be finite and > 0"
                )
            );
    }
}

/// <summary>
/// The BG/NBD ("beta-geometric / negative binomial distribution") model of repeat purchasing:
/// while alive a customer buys as a Poisson process with rate λ ~ Gamma(r, α); after each repeat purchase the
/// customer drops out with probability p ~ Beta(a, b). Fitted by maximum likelihood.
/// </summary>
public static class BetaGeometricNbd
{
    /// <summary>
    /// Fits the model to customer summaries (frequency, recency, T) by maximum likelihood, as lifetimes'
    /// <c>BetaGeoFitter</c> does: BFGS on log-parameters, times scaled so that the largest T is 1 during the fit.
    /// </summary>
    public static BgNbdModel Fit(IReadOnlyList<CustomerSummary> customers, ClvFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options ??= new ClvFitOptions();
        options.Validate();
        if (customers.Count == 0)
            throw new OptionsException("customers=0 must be >= 1 to fit the BG/NBD model");
        foreach (var customer in customers)
            customer.Validate();
        var maximumAge = customers.Max(c => c.T);
        if (!(maximumAge > 0))
            throw new OptionsException(
                "max(T)=0 must be > 0: every customer made the first purchase on the calibration end day"
            );

        var scale = 1.0 / maximumAge;
        var frequency = customers.Select(c => c.Frequency).ToArray();
        var recency = customers.Select(c => c.Recency * scale).ToArray();
        var age = customers.Select(c => c.T * scale).ToArray();
        var n = customers.Count;
        var penalizer = options.PenalizerCoefficient;

        var distinctFrequencies = frequency.Distinct().ToArray();

        (double, double[]) Objective(double[] logParameters)
        {
            var p = new BgNbdParameters(
                Math.Exp(logParameters[0]),
                Math.Exp(logParameters[1]),
                Math.Exp(logParameters[2]),
                Math.Exp(logParameters[3])
            );
            // The gamma-function terms depend on x only: evaluate them once per distinct frequency.
            var byFrequency = distinctFrequencies.ToDictionary(x => x, x => FrequencyTerms(p, x));
            var total = new Derivatives();
            for (var i = 0; i < n; i++)
                total += byFrequency[frequency[i]] + HistoryTerms(p, frequency[i], recency[i], age[i]);
            return MaximumLikelihood.PenalisedMean(
                total.LogLikelihood,
                [total.R, total.Alpha, total.A, total.B],
                [p.R, p.Alpha, p.A, p.B],
                n,
                penalizer
            );
        }

        var fit = MaximumLikelihood.Minimize(
            Objective,
            [0.1, 0.1, 0.1, 0.1],
            n,
            options.MaximumIterations,
            options.GradientTolerance,
            "BG/NBD"
        );
        var parameters = new BgNbdParameters(
            fit.Parameters[0],
            fit.Parameters[1] / scale,
            fit.Parameters[2],
            fit.Parameters[3]
        );
        var errors = new BgNbdParameters(
            fit.StandardErrors[0],
            fit.StandardErrors[1] / scale,
            fit.StandardErrors[2],
            fit.StandardErrors[3]
        );
        var logLikelihood = customers.Sum(c => LogLikelihood(parameters, c.Frequency, c.Recency, c.T));
        return new BgNbdModel(parameters, errors, logLikelihood, n, penalizer, fit.Iterations);
    }

    /// <summary>
    /// Log-likelihood of one customer's (x, t_x, T) (Fader, Hardie &amp; Lee 2005, eq. 6; Hardie's note 004):
    /// ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
    /// + ln[(α+T)^−(r+x) + 1{x&gt;0} a/(b+x−1) (α+t_x)^−(r+x)].
    /// </summary>
    public static double LogLikelihood(BgNbdParameters parameters, int frequency, double recency, double t)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return Terms(parameters, frequency, recency, t).LogLikelihood;
    }

    /// <summary>Gradient of <see cref="LogLikelihood"/> in (r, alpha, a, b), as the fit uses it.</summary>
    internal static double[] LogLikelihoodGradient(BgNbdParameters parameters, int frequency, double recency, double t)
    {
        var d = Terms(parameters, frequency, recency, t);
        return [d.R, d.Alpha, d.A, d.B];
    }

    /// <summary>A log-likelihood and its partial derivatives in the natural parameters.</summary>
    private readonly record struct Derivatives(double LogLikelihood, double R, double Alpha, double A, double B)
    {
        public static Derivatives operator +(Derivatives x, Derivatives y) =>
            new(x.LogLikelihood + y.LogLikelihood, x.R + y.R, x.Alpha + y.Alpha, x.A + y.A, x.B + y.B);
    }

    private static Derivatives Terms(BgNbdParameters p, int x, double tx, double t) =>
        FrequencyTerms(p, x) + HistoryTerms(p, x, tx, t);

    /// <summary>ln Γ(r+x) − ln Γ(r) + ln B(a, b+x) − ln B(a, b): the part that depends on x only.</summary>
    private static Derivatives FrequencyTerms(BgNbdParameters p, int x)
    {
        var (r, a, b) = (p.R, p.A, p.B);
        var logLikelihood =
            GammaLn(r + x) - GammaLn(r) + GammaLn(a + b) + GammaLn(b + x) - GammaLn(b) - GammaLn(a + b + x);
        var commonBeta = DiGamma(a + b) - DiGamma(a + b + x);
        return new Derivatives(
            logLikelihood,
            DiGamma(r + x) - DiGamma(r),
            0.0,
            commonBeta,
            commonBeta + DiGamma(b + x) - DiGamma(b)
        );
    }

    /// <summary>r ln α + ln[(α+T)^−(r+x) + 1{x&gt;0} a/(b+x−1) (α+t_x)^−(r+x)]: the part that depends on the
    /// history.</summary>
    private static Derivatives HistoryTerms(BgNbdParameters p, int x, double tx, double t)
    {
        var (r, alpha, a, b) = (p.R, p.Alpha, p.A, p.B);
        var a3 = -(r + x) * Math.Log(alpha + t);
        double mix,
            weightAlive,
            weightDead;
        if (x > 0)
        {
            var a4 = Math.Log(a) - Math.Log(b + x - 1) - (r + x) * Math.Log(alpha + tx);
            var top = Math.Max(a3, a4);
            var e3 = Math.Exp(a3 - top);
            var e4 = Math.Exp(a4 - top);
            mix = top + Math.Log(e3 + e4);
            weightAlive = e3 / (e3 + e4);
            weightDead = e4 / (e3 + e4);
        }
        else
        {
            mix = a3;
            weightAlive = 1;
            weightDead = 0;
        }

        var logAlpha = Math.Log(alpha);
        return new Derivatives(
            r * logAlpha + mix,
            logAlpha - weightAlive * Math.Log(alpha + t) - weightDead * Math.Log(alpha + tx),
            r / alpha - weightAlive * (r + x) / (alpha + t) - weightDead * (r + x) / (alpha + tx),
            weightDead / a,
            x > 0 ? -weightDead / (b + x - 1) : 0.0
        );
    }
}
