using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Metrics;

namespace Segmentation.Validation;

/// <summary>Internal quality of the chosen segmentation.</summary>
/// <param name="Silhouette">Mean silhouette in [-1, 1]; higher is better.</param>
/// <param name="CalinskiHarabaszIndex">Higher is better.</param>
/// <param name="DaviesBouldinIndex">Lower is better.</param>
/// <param name="Inertia">Within-cluster sum of squares in the scaled space.</param>
public sealed record QualitySummary(
    double Silhouette,
    double CalinskiHarabaszIndex,
    double DaviesBouldinIndex,
    double Inertia
)
{
    /// <summary>The indices of the clustering <paramref name="labels"/> of the rows of <paramref name="x"/>
    /// (<see cref="ClusterQuality"/>); <paramref name="silhouette"/> may sample rows for the silhouette.</summary>
    public static QualitySummary Evaluate(
        FeatureMatrix x,
        ReadOnlySpan<int> labels,
        SilhouetteOptions? silhouette = null
    ) =>
        new(
            ClusterQuality.Silhouette(x, labels, silhouette),
            ClusterQuality.CalinskiHarabaszIndex(x, labels),
            ClusterQuality.DaviesBouldinIndex(x, labels),
            ClusterQuality.Inertia(x, labels)
        );

    /// <summary>
    /// "Internal quality: silhouette 0.254 (higher is better, −1 to 1), Calinski–Harabasz index 1,234.5 (higher is
    /// better), Davies–Bouldin index 1.234 (lower is better)" in <paramref name="language"/> (default
    /// <see cref="Language.Current"/>).
    /// </summary>
    public string Summary(Language? language = null) =>
        (language ?? Language.Current).Format("Summary_Quality", Silhouette, CalinskiHarabaszIndex, DaviesBouldinIndex);
}

/// <summary>Segments fitted before a split date and judged on what customers did after it.</summary>
/// <param name="SplitDate">Segments were fitted on purchases before this date.</param>
/// <param name="EndDate">The judged period ends the day before this date.</param>
/// <param name="Clusters">Segments fitted on the earlier period.</param>
/// <param name="Revenue">Next-period revenue: variance explained (η²) and per-segment lift.</param>
/// <param name="Orders">Next-period orders.</param>
/// <param name="Churn">Next-period churn (1 = no purchase).</param>
public sealed record HoldoutSummary(
    DateOnly SplitDate,
    DateOnly EndDate,
    int Clusters,
    HoldoutResult Revenue,
    HoldoutResult Orders,
    HoldoutResult Churn
);

/// <summary>All validation evidence for the chosen segmentation.</summary>
public sealed record ValidationSummary
{
    /// <summary>Internal quality indices.</summary>
    public required QualitySummary Quality { get; init; }

    /// <summary>Bootstrap stability per cluster (null when no replicates were asked for).</summary>
    public StabilityResult? Stability { get; init; }

    /// <summary>Agreement with known labels (null when none were given).</summary>
    public AgreementSummary? Agreement { get; init; }

    /// <summary>Kruskal–Wallis per feature and segment sizes (small ones flagged).</summary>
    public required SegmentDifferenceReport Differences { get; init; }

    /// <summary>Holdout evaluation (null when the data are too short for a split).</summary>
    public HoldoutSummary? Holdout { get; init; }
}

/// <summary>Migration between two as-of dates under the same fitted model.</summary>
/// <param name="Earlier">The earlier as-of date.</param>
/// <param name="Later">The later as-of date.</param>
/// <param name="Matrix">Counts and shares, with new and lapsed customers.</param>
public sealed record MigrationSummary(DateOnly Earlier, DateOnly Later, MigrationMatrix Matrix);
