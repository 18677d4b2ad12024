using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Features;

namespace Segmentation.Segmenting.Rules;

/// <summary>One tiered dimension: its name, the numeric feature it splits, and user cut points (null:
/// tertiles).</summary>
/// <param name="Name">Dimension name, e.g. "activity" (the output column is <c>{Name}_tier</c>).</param>
/// <param name="Feature">Numeric feature column, e.g. <see cref="FeatureCatalog.ActiveMonths"/>.</param>
/// <param name="Cuts">User thresholds; null splits at the 1/3 and 2/3 quantiles of the feature.</param>
public sealed record TierDimension(string Name, string Feature, TierCuts? Cuts = null)
{
    /// <summary>
    /// The dimension as people read it in <paramref name="language"/> (default <see cref="Language.Current"/>): the
    /// resource <c>Dimension_&lt;name&gt;</c> for the default dimensions ("purchase volume", "购买量"), a custom
    /// dimension's name as written. Files keep <see cref="Name"/>.
    /// </summary>
    public string Text(Language? language = null) => (language ?? Language.Current).Find("Dimension_" + Name) ?? Name;
}

/// <summary>Options of <see cref="BehaviourTiers.Assign"/>.</summary>
public sealed record BehaviourTierOptions
{
    /// <summary>
    /// The domain's five high / medium / low splits: activity = active months; frequency = distinct orders;
    /// purchase volume = average order value; loyalty = days from the first to the last purchase (how long
    /// they keep buying); value = ARPU (revenue per month of tenure).
    /// </summary>
    public static IReadOnlyList<TierDimension> DefaultDimensions { get; } =
    [
        new("activity", FeatureCatalog.ActiveMonths),
        new("frequency", FeatureCatalog.Frequency),
        new("purchase_volume", FeatureCatalog.AverageOrderValue),
        new("loyalty", FeatureCatalog.PurchaseSpanDays),
        new("value", FeatureCatalog.RevenuePerMonth),
    ];

    /// <summary>The dimensions to tier, in output order.</summary>
    public IReadOnlyList<TierDimension> Dimensions { get; init; } = DefaultDimensions;

    /// <summary>Throws <see cref="OptionsException"/> when there is no dimension or a name repeats.</summary>
    public void Validate()
    {
        if (Dimensions.Count == 0)
            throw new OptionsException("dimensions=0 must be >= 1");
        var repeated = Dimensions.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new OptionsException($"dimension '{repeated.Key}' is given {repeated.Count()} times; expected once");
    }
}

/// <summary>
/// High / medium / low tiers of several numeric features (<see cref="TierCuts"/>: low &lt;= first cut &lt; medium &lt;=
/// second cut &lt; high). The cut points of every dimension are part of the result; customers whose value is undefined
/// get no level (null).
/// </summary>
public sealed class BehaviourTiers
{
    private readonly TierLevel?[][] levels;

    private BehaviourTiers(
        IReadOnlyList<TierDimension> dimensions,
        IReadOnlyList<TierCuts> cuts,
        IReadOnlyList<string> customerIds,
        TierLevel?[][] levels
    )
    {
        Dimensions = dimensions;
        Cuts = cuts;
        CustomerIds = customerIds;
        this.levels = levels;
    }

    /// <summary>The dimensions, in output order.</summary>
    public IReadOnlyList<TierDimension> Dimensions { get; }

    /// <summary>The cut points used for each dimension (computed or given).</summary>
    public IReadOnlyList<TierCuts> Cuts { get; }

    /// <summary>Customer ids, in the order of the feature rows.</summary>
    public IReadOnlyList<string> CustomerIds { get; }

    /// <summary>The level of row <paramref name="row"/> in dimension <paramref name="dimension"/> (null when the
    /// feature is undefined).</summary>
    public TierLevel? Level(int row, int dimension) => levels[dimension][row];

    /// <summary>Customers per level (low, medium, high) in a dimension.</summary>
    public IReadOnlyList<int> Counts(int dimension) =>
        [
            levels[dimension].Count(l => l == TierLevel.Low),
            levels[dimension].Count(l => l == TierLevel.Medium),
            levels[dimension].Count(l => l == TierLevel.High),
        ];

    /// <summary>Tiers every customer of <paramref name="features"/>.</summary>
    public static BehaviourTiers Assign(CustomerFeatureSet features, BehaviourTierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        options ??= new BehaviourTierOptions();
        options.Validate();
        var cuts = new TierCuts[options.Dimensions.Count];
        var levels = new TierLevel?[options.Dimensions.Count][];
        for (var d = 0; d < cuts.Length; d++)
        {
            var dimension = options.Dimensions[d];
            var values = features.Numeric(dimension.Feature);
            cuts[d] = dimension.Cuts ?? TierCuts.FromQuantiles(values.OfType<double>());
            levels[d] = values.Select(v => v is { } x ? cuts[d].Assign(x) : (TierLevel?)null).ToArray();
        }
        return new BehaviourTiers(options.Dimensions, cuts, features.Rows.Select(r => r.CustomerId).ToArray(), levels);
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"BehaviourTiers: {CustomerIds.Count} customers × {Dimensions.Count} dimensions ")
        + FormattableString.Invariant($"({string.Join(", ", Dimensions.Select(d => d.Name))})");
}
