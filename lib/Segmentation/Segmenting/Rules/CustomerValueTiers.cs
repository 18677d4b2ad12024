using System.Globalization;
using Segmentation.Common.Text;
using Segmentation.Features;

namespace Segmentation.Segmenting.Rules;

/// <summary>Options of <see cref="CustomerValueTiers.Assign"/>: null thresholds are computed from the data.</summary>
public sealed record CustomerValueTierOptions
{
    /// <summary>Monetary above which a customer is a high contributor; null: the 2/3 quantile (top third).</summary>
    public double? ContributionAbove { get; init; }

    /// <summary>Recency (days) at or below which a customer is recent; null: the median recency.</summary>
    public double? RecentWithinDays { get; init; }

    /// <summary>Distinct months with an order from which buying counts as steady. Default 2.</summary>
    public int SteadyFromActiveMonths { get; init; } = 2;

    /// <summary>Throws <see cref="OptionsException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (SteadyFromActiveMonths < 1)
            throw new OptionsException(
                FormattableString.Invariant($"steadyFromActiveMonths={SteadyFromActiveMonths} must be >= 1")
            );
        if (RecentWithinDays is { } r && !(r >= 0))
            throw new OptionsException(FormattableString.Invariant($"recentWithinDays={r} must be >= 0"));
        if (ContributionAbove is { } c && !double.IsFinite(c))
            throw new OptionsException(FormattableString.Invariant($"contributionAbove={c} must be finite"));
    }
}

/// <summary>
/// High-value / potential / low-value customers after the tiering report (domain §2–3), on three signals:
/// contribution (monetary above the top-third cut), stability of buying (orders in at least
/// <see cref="CustomerValueTierOptions.SteadyFromActiveMonths"/> distinct months) and recency (at or below the median
/// recency). high-value = high contribution AND steady AND recent; potential = not high-value AND (recent OR high
/// contribution); low-value = the rest. <see cref="Rule"/> states the rule with the numbers used.
/// </summary>
public sealed class CustomerValueTiers
{
    private readonly bool contributionComputed;
    private readonly bool recencyComputed;

    private CustomerValueTiers(
        string rule,
        (bool Contribution, bool Recency) computed,
        double contributionAbove,
        double recentWithinDays,
        int steadyFromActiveMonths,
        IReadOnlyList<string> customerIds,
        IReadOnlyList<ValueTier> tiers
    )
    {
        Rule = rule;
        (contributionComputed, recencyComputed) = computed;
        ContributionAbove = contributionAbove;
        RecentWithinDays = recentWithinDays;
        SteadyFromActiveMonths = steadyFromActiveMonths;
        CustomerIds = customerIds;
        Tiers = tiers;
    }

    /// <summary>The rule with the thresholds used, in words (the machine form written to files; see
    /// <see cref="RuleText"/>).</summary>
    public string Rule { get; }

    /// <summary>
    /// <see cref="Rule"/> as people read it in <paramref name="language"/> (default <see cref="Language.Current"/>),
    /// with the same thresholds; in English it is <see cref="Rule"/> itself.
    /// </summary>
    public string RuleText(Language? language = null)
    {
        var t = language ?? Language.Current;
        return t.Format(
            "ValueTierRule",
            ContributionAbove.ToString("R", CultureInfo.InvariantCulture),
            contributionComputed ? t["ValueTierRule_TopThird"] : "",
            SteadyFromActiveMonths,
            RecentWithinDays.ToString("R", CultureInfo.InvariantCulture),
            recencyComputed ? t["ValueTierRule_Median"] : ""
        );
    }

    /// <summary>Monetary above which a customer is a high contributor.</summary>
    public double ContributionAbove { get; }

    /// <summary>Recency (days) at or below which a customer is recent.</summary>
    public double RecentWithinDays { get; }

    /// <summary>Active months from which buying counts as steady.</summary>
    public int SteadyFromActiveMonths { get; }

    /// <summary>Customer ids, in the order of the feature rows.</summary>
    public IReadOnlyList<string> CustomerIds { get; }

    /// <summary>The tier of each customer.</summary>
    public IReadOnlyList<ValueTier> Tiers { get; }

    /// <summary>Customers per tier: high-value, potential, low-value.</summary>
    public IReadOnlyList<int> Counts =>
        [
            Tiers.Count(t => t == ValueTier.HighValue),
            Tiers.Count(t => t == ValueTier.Potential),
            Tiers.Count(t => t == ValueTier.LowValue),
        ];

    /// <summary>Assigns a value tier to every customer of <paramref name="features"/>.</summary>
    public static CustomerValueTiers Assign(CustomerFeatureSet features, CustomerValueTierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        options ??= new CustomerValueTierOptions();
        options.Validate();
        var rows = features.Rows;
        var monetary = rows.Select(r => (double)r.Monetary).ToArray();
        var recency = rows.Select(r => (double)r.RecencyDays).ToArray();
        var contributionAbove = options.ContributionAbove ?? TierCuts.FromQuantiles(monetary).MediumUpper;
        var recentWithin = options.RecentWithinDays ?? Median(recency);
        var steady = options.SteadyFromActiveMonths;

        var tiers = new ValueTier[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var high = monetary[i] > contributionAbove;
            var recent = recency[i] <= recentWithin;
            tiers[i] =
                high && recent && rows[i].ActiveMonths >= steady ? ValueTier.HighValue
                : recent || high ? ValueTier.Potential
                : ValueTier.LowValue;
        }
        var c = contributionAbove.ToString("R", CultureInfo.InvariantCulture);
        var r = recentWithin.ToString("R", CultureInfo.InvariantCulture);
        var contributionSource = options.ContributionAbove is null ? " (top third)" : "";
        var recencySource = options.RecentWithinDays is null ? " (median)" : "";
        var rule =
            FormattableString.Invariant(
                $"high-value: monetary > {c}{contributionSource} and orders in >= {steady} months and recency "
            )
            + FormattableString.Invariant(
                $"<= {r} days{recencySource}; potential: not high-value and (recency <= {r} days or monetary > "
            )
            + FormattableString.Invariant($"{c}); low-value: the rest");
        return new CustomerValueTiers(
            rule,
            (options.ContributionAbove is null, options.RecentWithinDays is null),
            contributionAbove,
            recentWithin,
            steady,
            rows.Select(x => x.CustomerId).ToArray(),
            tiers
        );
    }

    private static double Median(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return TierCuts.Quantile(sorted, 0.5);
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var counts = Counts;
        return FormattableString.Invariant(
            $"CustomerValueTiers: {counts[0]} high-value, {counts[1]} potential, {counts[2]} low-value"
        );
    }
}
