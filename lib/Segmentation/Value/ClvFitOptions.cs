namespace Segmentation.Value;

/// <summary>Options of the maximum-likelihood fits of the CLV models (BG/NBD and Gamma–Gamma).</summary>
public sealed record ClvFitOptions
{
    /// <summary>
    /// L2 penalty on the parameters added to the mean negative log-likelihood, as lifetimes' <c>penalizer_coef</c>
    /// (for BG/NBD applied, as there, with times scaled so that the largest T is 1). 0 = plain maximum likelihood.
    /// </summary>
    public double PenalizerCoefficient { get; init; }

    /// <summary>Maximum optimiser iterations.</summary>
    public int MaximumIterations { get; init; } = 1000;

    /// <summary>Convergence tolerance on the gradient of the mean negative log-likelihood (log-parameters).</summary>
    public double GradientTolerance { get; init; } = 1e-9;

    internal void Validate()
    {
        if (!(PenalizerCoefficient >= 0) || double.IsInfinity(PenalizerCoefficient))
            throw new OptionsException(
                FormattableString.Invariant($"penalizerCoefficient={PenalizerCoefficient} must be a finite number >= 0")
            );
        if (MaximumIterations < 1)
            throw new OptionsException(
                FormattableString.Invariant($"maximumIterations={MaximumIterations} must be >= 1")
            );
        if (!(GradientTolerance > 0))
            throw new OptionsException(
                FormattableString.Invariant($"gradientTolerance={GradientTolerance} must be > 0")
            );
    }
}
