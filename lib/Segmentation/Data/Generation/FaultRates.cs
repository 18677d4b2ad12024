using System.Text.Json.Serialization;

namespace Segmentation.Data.Generation;

/// <summary>
/// Rates at which the simulator injects data faults. Each is a probability in [0, 1]. Line faults
/// (<see cref="Cancellation"/>, <see cref="Duplicate"/>, <see cref="NonPositivePrice"/>,
/// <see cref="Outlier"/>, <see cref="Malformed"/>) are drawn once per order line and are mutually
/// exclusive, so their sum must be at most 1. The counts actually written are in <see cref="GenerationReport.Faults"/>.
/// </summary>
public sealed record FaultRates
{
    /// <summary>Per order: the whole order (and its returns) is written with an empty customer id.</summary>
    public double MissingCustomerId { get; init; } = 0.01;

    /// <summary>Per line: the line is later returned — a separate line with negative quantity in an order whose id is
    /// the original's prefixed with C.</summary>
    public double Cancellation { get; init; } = 0.02;

    /// <summary>Per line: the line is written twice in a row (exact duplicate).</summary>
    public double Duplicate { get; init; } = 0.005;

    /// <summary>Per line: the unit price is written as zero (two thirds) or negative (one third).</summary>
    public double NonPositivePrice { get; init; } = 0.003;

    /// <summary>Per line: a single unit is written as 50 (quantity 1 × 50; regular quantities stay below 50).</summary>
    public double Outlier { get; init; } = 0.002;

    /// <summary>Per line: the line is malformed — wrong number of fields, a non-numeric quantity or an impossible date,
    /// in equal shares.</summary>
    public double Malformed { get; init; } = 0.0003;

    /// <summary>Per customer attribute value (every customers.csv column except customer_id and signup_date): written
    /// empty.</summary>
    public double MissingAttribute { get; init; } = 0.02;

    /// <summary>No faults at all: clean output.</summary>
    public static FaultRates None { get; } =
        new()
        {
            MissingCustomerId = 0,
            Cancellation = 0,
            Duplicate = 0,
            NonPositivePrice = 0,
            Outlier = 0,
            Malformed = 0,
            MissingAttribute = 0,
        };

    /// <summary>Sum of the per-line fault rates (must be at most 1).</summary>
    [JsonIgnore]
    public double LineFaultTotal => Cancellation + Duplicate + NonPositivePrice + Outlier + Malformed;

    internal void Validate()
    {
        Check(nameof(MissingCustomerId), MissingCustomerId);
        Check(nameof(Cancellation), Cancellation);
        Check(nameof(Duplicate), Duplicate);
        Check(nameof(NonPositivePrice), NonPositivePrice);
        Check(nameof(Outlier), Outlier);
        Check(nameof(Malformed), Malformed);
        Check(nameof(MissingAttribute), MissingAttribute);
        if (LineFaultTotal > 1)
            throw new OptionsException(
                FormattableString.Invariant($"line fault rates sum={LineFaultTotal:0.######} must be <= 1")
            );
    }

    private static void Check(string name, double rate)
    {
        if (!(rate >= 0 && rate <= 1))
            throw new OptionsException(FormattableString.Invariant($"faults.{name}={rate} must be in [0, 1]"));
    }
}
