using System.Globalization;
using Segmentation.Common;
using Segmentation.Common.Text;

namespace Segmentation.Features;

/// <summary>
/// Two cut points that split a numeric variable into three levels:
/// <c>low: value &lt;= LowUpper</c>, <c>medium: LowUpper &lt; value &lt;= MediumUpper</c>, <c>high: value &gt;
/// MediumUpper</c>. Equal values always share a level. The cut points and how they were chosen (<see cref="Rule"/>) are
/// part of every result.
/// </summary>
public sealed record TierCuts
{
    /// <summary>Values the quantiles were taken from; null for user thresholds.</summary>
    private readonly int? quantileValues;

    private TierCuts(double lowUpper, double mediumUpper, int? quantileValues)
    {
        LowUpper = lowUpper;
        MediumUpper = mediumUpper;
        this.quantileValues = quantileValues;
        Rule = RuleText(Language.English);
    }

    /// <summary>Largest value of the low level.</summary>
    public double LowUpper { get; }

    /// <summary>Largest value of the medium level.</summary>
    public double MediumUpper { get; }

    /// <summary>How the cut points were chosen, e.g. "quantiles 1/3 and 2/3 of 120 values" or "user
    /// thresholds": the machine form written to files (tier_cuts.csv); people read <see cref="RuleText"/>.</summary>
    public string Rule { get; }

    /// <summary>
    /// How the cut points were chosen, as people read it in <paramref name="language"/> (default
    /// <see cref="Language.Current"/>); in English it is <see cref="Rule"/> itself.
    /// </summary>
    public string RuleText(Language? language = null)
    {
        var t = language ?? Language.Current;
        return quantileValues is { } n ? t.Format("TierCuts_Quantiles", n) : t["TierCuts_Thresholds"];
    }

    /// <summary>
    /// The three levels with their cut points and <see cref="RuleText"/> in <paramref name="language"/> (default
    /// <see cref="Language.Current"/>): "low &lt;= 2 &lt; medium &lt;= 5 &lt; high (user thresholds)"; in English it
    /// is <see cref="ToString"/>.
    /// </summary>
    public string Summary(Language? language = null)
    {
        var t = language ?? Language.Current;
        return t.Format(
            "TierCuts_Summary",
            LowUpper.ToString("R", CultureInfo.InvariantCulture),
            MediumUpper.ToString("R", CultureInfo.InvariantCulture),
            RuleText(t)
        );
    }

    /// <summary>Cut points given by the user; <paramref name="lowUpper"/> must be &lt;=
    /// <paramref name="mediumUpper"/>.</summary>
    public static TierCuts FromThresholds(double lowUpper, double mediumUpper)
    {
        if (!double.IsFinite(lowUpper) || !double.IsFinite(mediumUpper))
            throw new OptionsException(
                FormattableString.Invariant(
                    $"tier thresholds lowUpper={lowUpper}, mediumUpper={mediumUpper} must be finite"
                )
            );
        if (lowUpper > mediumUpper)
            throw new OptionsException(
                FormattableString.Invariant($"lowUpper={lowUpper} must be <= mediumUpper={mediumUpper}")
            );
        return new TierCuts(lowUpper, mediumUpper, quantileValues: null);
    }

    /// <summary>
    /// Cut points at the 1/3 and 2/3 quantiles of <paramref name="values"/> (linear interpolation between
    /// order statistics, numpy's default "linear" / Hyndman–Fan type 7). Equal values share a level, so
    /// heavy ties make the levels unequal in size rather than splitting equal customers.
    /// </summary>
    public static TierCuts FromQuantiles(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        foreach (var v in sorted)
        {
            if (!double.IsFinite(v))
                throw new OptionsException(FormattableString.Invariant($"tier value {v} must be finite"));
        }
        if (sorted.Length == 0)
            throw new OptionsException("values=0 must be >= 1 to compute quantile cut points");
        Array.Sort(sorted);
        return new TierCuts(Quantile(sorted, 1.0 / 3.0), Quantile(sorted, 2.0 / 3.0), sorted.Length);
    }

    /// <summary>The level of <paramref name="value"/> (<see cref="TierLevel.Low"/> at or below <see cref="LowUpper"/>,
    /// <see cref="TierLevel.Medium"/> at or below <see cref="MediumUpper"/>, else
    /// <see cref="TierLevel.High"/>).</summary>
    public TierLevel Assign(double value) =>
        value <= LowUpper ? TierLevel.Low
        : value <= MediumUpper ? TierLevel.Medium
        : TierLevel.High;

    /// <summary>The type-7 quantile of sorted values (<see cref="VectorMath.QuantileOfSorted"/>).</summary>
    internal static double Quantile(ReadOnlySpan<double> sorted, double probability) =>
        VectorMath.QuantileOfSorted(sorted, probability);

    /// <inheritdoc />
    public override string ToString() => Summary(Language.English);
}
