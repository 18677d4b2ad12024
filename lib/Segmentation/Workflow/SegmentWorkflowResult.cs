using Segmentation.Common.Text;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Features;
using Segmentation.Profiling;
using Segmentation.Segmenting;
using Segmentation.Segmenting.Rules;
using Segmentation.Validation;

namespace Segmentation.Workflow;

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

    /// <summary>The table the personas describe: every feature of the log and customer table, or the attributes
    /// alone.</summary>
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
    public override string ToString() =>
        FormattableString.Invariant($"SegmentWorkflowResult: {CustomerIds.Count} customers, ")
        + FormattableString.Invariant(
            $"k={Clusters}{(AsOf is { } date ? $", as of {date:yyyy-MM-dd}" : ", attributes only")}, "
        )
        + FormattableString.Invariant($"silhouette={Validation.Quality.Silhouette:0.000}");

    /// <summary>
    /// "k = 4 (Majority), silhouette 0.463" in <paramref name="language"/> (default <see cref="Language.Current"/>):
    /// the number of segments, how the k-scan decided it (or that k was given) and the mean silhouette.
    /// </summary>
    public string Summary(Language? language = null)
    {
        var t = language ?? Language.Current;
        return t.Format(
            "Summary_SegmentWorkflow",
            Clusters,
            t["KDecision_" + (Scan is { } scan ? scan.Recommendation.Decision.ToString() : "Given")],
            Validation.Quality.Silhouette
        );
    }
}
