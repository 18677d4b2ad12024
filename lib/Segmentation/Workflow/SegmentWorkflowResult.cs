using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Features;
using Segmentation.Profiling;
using Segmentation.Segmenting;
using Segmentation.Segmenting.Rules;
using Segmentation.Validation;

namespace Segmentation.Workflow;

/// <summary>Internal quality of the chosen segmentation.</summary>
/// <param name="Silhouette">Mean silhouette in [-1, 1]; higher is better.</param>
/// <param name="CalinskiHarabaszIndex">Higher is better.</param>
/// <param name="DaviesBouldinIndex">Lower is better.</param>
/// <param name="Inertia">Within-cluster sum of squares in the scaled space.</param>
public sealed record QualitySummary(double Silhouette, double CalinskiHarabaszIndex, double DaviesBouldinIndex, double Inertia);

/// <summary>Segments fitted before a split date and judged on what customers did after it.</summary>
/// <param name="SplitDate">Segments were fitted on purchases before this date.</param>
/// <param name="EndDate">The judged period ends the day before this date.</param>
/// <param name="Clusters">Segments fitted on the earlier period.</param>
/// <param name="Revenue">Next-period revenue: variance explained (η²) and per-segment lift.</param>
/// <param name="Orders">Next-period orders.</param>
/// <param name="Churn">Next-period churn (1 = no purchase).</param>
public sealed record HoldoutSummary(DateOnly SplitDate, DateOnly EndDate, int Clusters, HoldoutResult Revenue, HoldoutResult Orders, HoldoutResult Churn);

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

/// <summary>
/// What <see cref="SegmentWorkflow.Run"/> produced. Owns the DuckDB store holding the clean data
/// (dispose it when done); every other member is an immutable result.
/// </summary>
public sealed class SegmentWorkflowResult : IDisposable
{
    internal SegmentWorkflowResult(TransactionStore store) => Store = store;

    /// <summary>The workspace database (clean, returns, quarantine, customers tables).</summary>
    public TransactionStore Store { get; }
    /// <summary>The options the run used.</summary>
    public required SegmentWorkflowOptions Options { get; init; }
    /// <summary>Loading and cleaning accounting and the data-quality report; null without a transaction log.</summary>
    public CleaningResult? Cleaning { get; init; }
    /// <summary>The customer table's loading result, when one was given.</summary>
    public CustomerLoadResult? CustomerTable { get; init; }
    /// <summary>Per-customer features from the transaction log; null without one.</summary>
    public CustomerFeatureSet? Features { get; init; }
    /// <summary>RFM scores and named RFM segments; null without a transaction log.</summary>
    public RfmSegmentation? Rfm { get; init; }
    /// <summary>The table the personas describe: every feature of the log and customer table, or the attributes alone.</summary>
    public required FeatureTable ProfileTable { get; init; }
    /// <summary>Numeric clustering features requested but not computable from these data.</summary>
    public required IReadOnlyList<string> SkippedFeatures { get; init; }
    /// <summary>The clustering features, how they were chosen and the diagnostic of every candidate.</summary>
    public required FeatureSelection FeatureSelection { get; init; }
    /// <summary>The k-scan (null when k was given).</summary>
    public KScanResult? Scan { get; init; }
    /// <summary>The fitted model as JSON (k-means or k-prototypes), without customer rows.</summary>
    public required string ModelJson { get; init; }
    /// <summary>Number of segments.</summary>
    public required int Clusters { get; init; }
    /// <summary>Customer ids, one per row, in feature order.</summary>
    public required IReadOnlyList<string> CustomerIds { get; init; }
    /// <summary>0-based segment per customer.</summary>
    public required IReadOnlyList<int> Labels { get; init; }
    /// <summary>The encoded feature matrix clustered on.</summary>
    public required FeatureMatrix Matrix { get; init; }
    /// <summary>Two principal components of the matrix, for the cluster map.</summary>
    public required FeatureMatrix Projection { get; init; }
    /// <summary>Explained-variance ratio of the two components.</summary>
    public required IReadOnlyList<double> ProjectionVariance { get; init; }
    /// <summary>Validation evidence.</summary>
    public required ValidationSummary Validation { get; init; }
    /// <summary>Migration between two as-of dates (null when the data are too short).</summary>
    public MigrationSummary? Migration { get; init; }
    /// <summary>Personas with strategies (small segments merged or suppressed).</summary>
    public required PersonaReport Personas { get; init; }

    /// <summary>The as-of date of the features and segments; null for a segmentation of attributes alone.</summary>
    public DateOnly? AsOf => Features?.AsOf;

    /// <inheritdoc />
    public void Dispose() => Store.Dispose();

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant(
        $"SegmentWorkflowResult: {CustomerIds.Count} customers, k={Clusters}{(AsOf is { } date ? $", as of {date:yyyy-MM-dd}" : ", attributes only")}, silhouette={Validation.Quality.Silhouette:0.000}");
}
