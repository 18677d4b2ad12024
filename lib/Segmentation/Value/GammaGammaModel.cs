using System.Text.Json.Serialization;
using Segmentation.Common.Text;

namespace Segmentation.Value;

/// <summary>A fitted Gamma–Gamma spend model (immutable; keeps no reference to the training rows; JSON
/// serialisable).</summary>
/// <param name="Parameters">Maximum-likelihood estimates of p, q, gamma.</param>
/// <param name="StandardErrors">Delta-method standard errors of the natural parameters (see
/// <see cref="BgNbdModel.StandardErrors"/>).</param>
/// <param name="LogLikelihood">Total (unpenalised) log-likelihood of the fitted customers.</param>
/// <param name="Customers">Customers fitted (frequency &gt; 0 and monetary &gt; 0).</param>
/// <param name="ExcludedCustomers">Repeat customers left out because their average repeat value was not
/// positive.</param>
/// <param name="PenalizerCoefficient">The L2 penalty used.</param>
/// <param name="Iterations">Optimiser iterations.</param>
public sealed record GammaGammaModel(
    [property: JsonPropertyName("parameters")] GammaGammaParameters Parameters,
    [property: JsonPropertyName("standard_errors")] GammaGammaParameters StandardErrors,
    [property: JsonPropertyName("log_likelihood")] double LogLikelihood,
    [property: JsonPropertyName("customers")] int Customers,
    [property: JsonPropertyName("excluded_customers")] int ExcludedCustomers,
    [property: JsonPropertyName("penalizer_coefficient")] double PenalizerCoefficient,
    [property: JsonPropertyName("iterations")] int Iterations
)
{
    /// <summary>Mean spend per transaction across the population, p·γ/(q−1); infinite when q ≤ 1.</summary>
    [JsonIgnore]
    public double PopulationMeanSpend =>
        Parameters.Q > 1 ? Parameters.P * Parameters.Gamma / (Parameters.Q - 1) : double.PositiveInfinity;

    /// <summary>
    /// E[M | p, q, γ, m̄, x]: expected average profit per transaction for a customer with x repeat purchases of
    /// average value m̄ (note 025, eq. 5): (γ + x m̄)·p / (p x + q − 1), a weighted mean of the customer's own
    /// average and the population mean. For x = 0 it is the population mean.
    /// </summary>
    public double ConditionalExpectedAverageProfit(int frequency, double monetary)
    {
        var (p, q, gamma) = (Parameters.P, Parameters.Q, Parameters.Gamma);
        var denominator = p * frequency + q - 1;
        if (!(denominator > 0))
            throw new SegmentationException(
                FormattableString.Invariant($"Gamma-Gamma q={q:G4} <= 1: the expected spend of a customer with ")
                    + FormattableString.Invariant(
                        $"frequency={frequency} is infinite; refit with a penalizer coefficient > 0 or remove "
                    )
                    + "extreme monetary values"
            );
        return (gamma + frequency * monetary) * p / denominator;
    }

    /// <summary>E[M | …] for a customer summary (monetary 0 when frequency is 0).</summary>
    public double ConditionalExpectedAverageProfit(CustomerSummary customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return ConditionalExpectedAverageProfit(customer.Frequency, customer.Monetary);
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant(
            $"GammaGammaModel: p={Parameters.P:G4}, q={Parameters.Q:G4}, gamma={Parameters.Gamma:G4}, "
        ) + FormattableString.Invariant($"n={Customers}, log-likelihood={LogLikelihood:F2}");

    /// <summary>"GammaGammaModel: p=…, q=…, gamma=…, n=…, log-likelihood=…" in <paramref name="language"/> (default
    /// <see cref="Language.Current"/>).</summary>
    public string Summary(Language? language = null) =>
        (language ?? Language.Current).Format(
            "Summary_GammaGammaModel",
            Parameters.P,
            Parameters.Q,
            Parameters.Gamma,
            Customers,
            LogLikelihood
        );
}
