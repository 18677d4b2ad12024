using Segmentation.Value;

namespace Segmentation.Features;

/// <summary>Options of <see cref="CustomerFeatureSet.Compute(Data.TransactionStore, FeatureOptions?)"/>; defaults are
/// declared here once and checked by <see cref="Validate"/>.</summary>
public sealed record FeatureOptions
{
    /// <summary>
    /// The as-of date: lines dated on or before it are used, recency and tenure are counted to it.
    /// Null: the day after the date of the last timestamp in the clean table.
    /// </summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>
    /// Share of spend (in (0.5, 1]) from which a preference label is given: online/offline,
    /// international/local, premium/budget. Default 0.7 (70 %).
    /// </summary>
    public double PreferenceShare { get; init; } = 0.7;

    /// <summary>Customers younger than this are "young". Default 35.</summary>
    public int YoungBelowAge { get; init; } = 35;

    /// <summary>Customers of this age or older are "senior"; between the two, "middle-aged". Default 55.</summary>
    public int SeniorFromAge { get; init; } = 55;

    /// <summary>Income band cut points; null: tertiles of the known incomes
    /// (<see cref="TierCuts.FromQuantiles"/>).</summary>
    public TierCuts? IncomeBands { get; init; }

    /// <summary>
    /// Customer lifetime value for the value dimension: BG/NBD and Gamma–Gamma fitted on the purchases up to the as-of
    /// date (the calibration end), CLV discounted over <see cref="ClvOptions.Months"/>. Null: no CLV features.
    /// </summary>
    public ClvOptions? Clv { get; init; } = new();

    /// <summary>Quantiles of the CLV tiers (low / medium / high). Default: tertiles.</summary>
    public ClvTierOptions ClvTiers { get; init; } = new();

    /// <summary>Throws <see cref="OptionsException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        Clv?.Validate();
        ArgumentNullException.ThrowIfNull(ClvTiers);
        ClvTiers.Validate();
        if (!(PreferenceShare > 0.5 && PreferenceShare <= 1))
            throw new OptionsException(
                FormattableString.Invariant($"preferenceShare={PreferenceShare} must be > 0.5 and <= 1")
            );
        if (YoungBelowAge < 0)
            throw new OptionsException(FormattableString.Invariant($"youngBelowAge={YoungBelowAge} must be >= 0"));
        if (SeniorFromAge < YoungBelowAge)
            throw new OptionsException(
                FormattableString.Invariant($"seniorFromAge={SeniorFromAge} must be >= youngBelowAge={YoungBelowAge}")
            );
    }
}
