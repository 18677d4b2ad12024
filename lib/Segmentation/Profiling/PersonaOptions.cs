using Segmentation.Common.Text;
using Segmentation.Privacy;

namespace Segmentation.Profiling;

/// <summary>How personas are built.</summary>
public sealed record PersonaOptions
{
    /// <summary>
    /// Numeric column holding each customer's revenue (for revenue shares and the value tier); null when the data hold
    /// no value (attributes or survey answers alone): personas then have no revenue share and the tier is not assessed.
    /// </summary>
    public string? RevenueColumn { get; init; } = "monetary";

    /// <summary>Numeric column holding days since the last purchase (for the value tier); ignored when
    /// absent.</summary>
    public string RecencyColumn { get; init; } = "recency_days";

    /// <summary>
    /// Numeric column holding each customer's predicted lifetime value (the forward-looking contribution in the value
    /// tier); ignored when absent or undefined for every customer.
    /// </summary>
    public string ClvColumn { get; init; } = "clv";

    /// <summary>A feature is a distinctive trait when |standardised difference| reaches this.</summary>
    public double TraitThreshold { get; init; } = 0.5;

    /// <summary>A category is over-represented when its lift reaches this and its share reaches
    /// <see cref="MinimumCategoryShare"/>.</summary>
    public double OverRepresentationLift { get; init; } = 1.3;

    /// <summary>Minimum share of the segment in a category for it to count as over-represented.</summary>
    public double MinimumCategoryShare { get; init; } = 0.2;

    /// <summary>How many traits go into the generated name.</summary>
    public int NameTraits { get; init; } = 3;

    /// <summary>Revenue share / customer share at or above which a segment is high-value.</summary>
    public double HighValueContribution { get; init; } = 1.5;

    /// <summary>Small-group protection (default: segments under 10 customers are merged or suppressed).</summary>
    public DisclosureOptions Disclosure { get; init; } = new();

    /// <summary>The language of names, descriptions, strategies and the tier rule (default
    /// <see cref="Language.Current"/> when the options are made: English unless a notebook session chose
    /// another).</summary>
    public Language Language { get; init; } = Language.Current;

    /// <summary>Strategies and name vocabulary.</summary>
    public StrategyPlaybook Playbook { get; init; } = StrategyPlaybook.Default;

    /// <summary>Throws <see cref="OptionsException"/> for out-of-range values.</summary>
    public PersonaOptions Validate()
    {
        if (TraitThreshold <= 0)
            throw new OptionsException(FormattableString.Invariant($"traitThreshold={TraitThreshold} must be > 0"));
        if (OverRepresentationLift <= 1)
            throw new OptionsException(
                FormattableString.Invariant($"overRepresentationLift={OverRepresentationLift} must be > 1")
            );
        if (MinimumCategoryShare is < 0 or > 1)
            throw new OptionsException(
                FormattableString.Invariant($"minimumCategoryShare={MinimumCategoryShare} must be in [0, 1]")
            );
        if (NameTraits < 1)
            throw new OptionsException(FormattableString.Invariant($"nameTraits={NameTraits} must be >= 1"));
        if (HighValueContribution <= 1)
            throw new OptionsException(
                FormattableString.Invariant($"highValueContribution={HighValueContribution} must be > 1")
            );
        Disclosure.Validate();
        return this;
    }
}
