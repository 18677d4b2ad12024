using System.Text.Json.Serialization;
using static MathNet.Numerics.SpecialFunctions;

namespace Segmentation.Value;

/// <summary>The three Gamma–Gamma spend parameters, named as in Fader &amp; Hardie's note 025 (lifetimes calls γ
/// "v").</summary>
/// <param name="P">Shape of the gamma distribution of one transaction's value.</param>
/// <param name="Q">Shape of the gamma distribution of the customers' rate parameters ν.</param>
/// <param name="Gamma">Scale γ of the gamma distribution of the customers' rate parameters ν.</param>
public sealed record GammaGammaParameters(
    [property: JsonPropertyName("p")] double P,
    [property: JsonPropertyName("q")] double Q,
    [property: JsonPropertyName("gamma")] double Gamma
)
{
    internal void Validate()
    {
        if (!(P > 0 && Q > 0 && Gamma > 0) || !double.IsFinite(P + Q + Gamma))
            throw new OptionsException(
                FormattableString.Invariant(
                    $"Gamma-Gamma parameters p={P}, q={Q}, gamma={Gamma} must all be finite and > 0"
                )
            );
    }
}

/// <summary>
/// The Gamma–Gamma model of spend per transaction (Fader &amp; Hardie 2013, note 025): a customer's transaction
/// values are Gamma(p, ν) with ν ~ Gamma(q, γ) across customers, independent of the purchase process. Fitted by
/// maximum likelihood on the average repeat-purchase value of customers with at least one repeat purchase.
/// </summary>
public static class GammaGamma
{
    /// <summary>
    /// Fits the model on the customers with frequency &gt; 0 and monetary &gt; 0, as lifetimes'
    /// <c>GammaGammaFitter</c> does (BFGS on log-parameters). Repeat customers whose average repeat value is not
    /// positive cannot enter the likelihood; they are left out and counted in
    /// <see cref="GammaGammaModel.ExcludedCustomers"/>.
    /// </summary>
    public static GammaGammaModel Fit(IReadOnlyList<CustomerSummary> customers, ClvFitOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        options ??= new ClvFitOptions();
        options.Validate();
        foreach (var customer in customers)
            customer.Validate();
        var repeat = customers.Where(c => c.Frequency > 0).ToList();
        var used = repeat.Where(c => c.Monetary > 0).ToList();
        if (used.Count < 2)
            throw new OptionsException(
                FormattableString.Invariant(
                    $"repeat customers with monetary > 0 = {used.Count} must be >= 2 to fit the Gamma-Gamma model"
                )
            );

        var frequency = used.Select(c => (double)c.Frequency).ToArray();
        var monetary = used.Select(c => c.Monetary).ToArray();
        var n = used.Count;
        var penalizer = options.PenalizerCoefficient;

        var distinctFrequencies = frequency.Distinct().ToArray();

        (double, double[]) Objective(double[] logParameters)
        {
            var p = new GammaGammaParameters(
                Math.Exp(logParameters[0]),
                Math.Exp(logParameters[1]),
                Math.Exp(logParameters[2])
            );
            // The gamma-function terms depend on x only: evaluate them once per distinct frequency.
            var byFrequency = distinctFrequencies.ToDictionary(x => x, x => FrequencyTerms(p, x));
            var total = new Derivatives();
            for (var i = 0; i < n; i++)
                total += byFrequency[frequency[i]] + SpendTerms(p, frequency[i], monetary[i]);
            return MaximumLikelihood.PenalisedMean(
                total.LogLikelihood,
                [total.P, total.Q, total.Gamma],
                [p.P, p.Q, p.Gamma],
                n,
                penalizer
            );
        }

        // Start where the population mean spend p·γ/(q−1) equals the observed mean.
        double[] start = [0.0, Math.Log(2.0), Math.Log(monetary.Average())];
        var fit = MaximumLikelihood.Minimize(
            Objective,
            start,
            n,
            options.MaximumIterations,
            options.GradientTolerance,
            "Gamma-Gamma"
        );
        var parameters = new GammaGammaParameters(fit.Parameters[0], fit.Parameters[1], fit.Parameters[2]);
        var errors = new GammaGammaParameters(fit.StandardErrors[0], fit.StandardErrors[1], fit.StandardErrors[2]);
        var logLikelihood = used.Sum(c => LogLikelihood(parameters, c.Frequency, c.Monetary));
        return new GammaGammaModel(parameters, errors, logLikelihood, n, repeat.Count - n, penalizer, fit.Iterations);
    }

    /// <summary>
    /// Log-likelihood of one customer's average spend m̄ over x transactions (note 025, eq. 1a, with the
    /// Jacobian of the average): ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(x m̄ +
    /// γ).
    /// </summary>
    public static double LogLikelihood(GammaGammaParameters parameters, int frequency, double monetary)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (frequency < 1 || !(monetary > 0))
            throw new OptionsException(
                FormattableString.Invariant(
                    $"frequency={frequency} must be >= 1 and monetary={monetary} must be > 0 for the "
                ) + "Gamma-Gamma likelihood"
            );
        return Terms(parameters, frequency, monetary).LogLikelihood;
    }

    /// <summary>Gradient of <see cref="LogLikelihood"/> in (p, q, gamma), as the fit uses it.</summary>
    internal static double[] LogLikelihoodGradient(GammaGammaParameters parameters, int frequency, double monetary)
    {
        var d = Terms(parameters, frequency, monetary);
        return [d.P, d.Q, d.Gamma];
    }

    /// <summary>A log-likelihood and its partial derivatives in the natural parameters.</summary>
    private readonly record struct Derivatives(double LogLikelihood, double P, double Q, double Gamma)
    {
        public static Derivatives operator +(Derivatives x, Derivatives y) =>
            new(x.LogLikelihood + y.LogLikelihood, x.P + y.P, x.Q + y.Q, x.Gamma + y.Gamma);
    }

    private static Derivatives Terms(GammaGammaParameters p, double x, double m) =>
        FrequencyTerms(p, x) + SpendTerms(p, x, m);

    /// <summary>ln Γ(px+q) − ln Γ(px) − ln Γ(q) + px ln x: the part that depends on x only.</summary>
    private static Derivatives FrequencyTerms(GammaGammaParameters parameters, double x)
    {
        var (p, q) = (parameters.P, parameters.Q);
        var px = p * x;
        var digammaTotal = DiGamma(px + q);
        return new Derivatives(
            GammaLn(px + q) - GammaLn(px) - GammaLn(q) + px * Math.Log(x),
            x * (digammaTotal - DiGamma(px) + Math.Log(x)),
            digammaTotal - DiGamma(q),
            0.0
        );
    }

    /// <summary>q ln γ + (px−1) ln m̄ − (px+q) ln(x m̄ + γ): the part that depends on the spend.</summary>
    private static Derivatives SpendTerms(GammaGammaParameters parameters, double x, double m)
    {
        var (p, q, gamma) = (parameters.P, parameters.Q, parameters.Gamma);
        var px = p * x;
        var logSpend = Math.Log(x * m + gamma);
        var logMonetary = Math.Log(m);
        return new Derivatives(
            q * Math.Log(gamma) + (px - 1) * logMonetary - (px + q) * logSpend,
            x * (logMonetary - logSpend),
            Math.Log(gamma) - logSpend,
            q / gamma - (px + q) / (x * m + gamma)
        );
    }
}
