using Segmentation.Privacy;
using Segmentation.Segmenting;

namespace Segmentation.Workflow;

/// <summary>Cluster-analysis method of <see cref="SegmentWorkflow"/>.</summary>
public enum SegmentationMethod
{
    /// <summary>k-means on the encoded numeric and one-hot features.</summary>
    KMeans,

    /// <summary>k-prototypes on numeric features plus categorical preferences.</summary>
    KPrototypes,
}

/// <summary>Everything <c>seg segment</c> needs: inputs, method, k, seed and validation settings.</summary>
public sealed record SegmentWorkflowOptions
{
    /// <summary>Transaction log (CSV or Parquet); null segments the customer table (and surveys) alone on the named
    /// <see cref="Features"/>.</summary>
    public string? Input { get; init; }

    /// <summary>
    /// The transaction log as a warehouse table (ClickHouse) instead of <see cref="Input"/>: the cleaning rules'
    /// counts, RFM and every per-customer feature are computed there; clustering, validation and personas run here.
    /// </summary>
    public Data.Warehouse.WarehouseLog? Warehouse { get; init; }

    /// <summary>Customer table; required without a transaction log.</summary>
    public string? Customers { get; init; }

    /// <summary>Column-mapping preset (null: detected from the header).</summary>
    public string? Preset { get; init; }

    /// <summary>Column mapping of the transaction log (null: <see cref="Preset"/>, or detected from the
    /// header).</summary>
    public Data.ColumnMapping? Mapping { get; init; }

    /// <summary>Column mapping of the customer table (null: the workspace names).</summary>
    public Data.ColumnMapping? CustomerMapping { get; init; }

    /// <summary>
    /// How DuckDB may use the machine while loading (memory limit, spill directory, threads); the defaults bound its
    /// memory.
    /// </summary>
    public Data.StoreOptions Store { get; init; } = new();

    /// <summary>How the input files are read and cleaned (null: the defaults).</summary>
    public Data.Cleaning.CleaningOptions? Cleaning { get; init; }

    /// <summary>How the customer table is read (null: <see cref="Cleaning"/>).</summary>
    public Data.Cleaning.CleaningOptions? CustomerCleaning { get; init; }

    /// <summary>Survey or form exports joined to the customer table
    /// (<see cref="Data.Loading.SurveyLoader"/>).</summary>
    public IReadOnlyList<string> Surveys { get; init; } = [];

    /// <summary>The surveys' id column (null: customer_id).</summary>
    public Data.ColumnMapping? SurveyMapping { get; init; }

    /// <summary>As-of date (null: the day after the last purchase).</summary>
    public DateOnly? AsOf { get; init; }

    /// <summary>Clustering method.</summary>
    public SegmentationMethod Method { get; init; } = SegmentationMethod.KMeans;

    /// <summary>Number of segments; null chooses k with a k-scan.</summary>
    public int? Clusters { get; init; }

    /// <summary>Smallest k scanned.</summary>
    public int KMin { get; init; } = 2;

    /// <summary>Largest k scanned.</summary>
    public int KMax { get; init; } = 10;

    /// <summary>Seed of every random choice.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Restarts per k-means fit (the best objective is kept).</summary>
    public int Restarts { get; init; } = 10;

    /// <summary>Reference data sets of the gap statistic (0 skips it).</summary>
    public int GapReferences { get; init; } = 5;

    /// <summary>Random halvings per k of the prediction strength that settles k when the indices disagree (0 skips
    /// it).</summary>
    public int PredictionStrengthSplits { get; init; } = 20;

    /// <summary>Bootstrap replicates of the stability check.</summary>
    public int StabilityReplicates { get; init; } = 20;

    /// <summary>Rows per stability replicate at most (m-out-of-n bootstrap above it;
    /// <see cref="Validation.StabilityOptions.SampleSize"/>).</summary>
    public int? StabilitySample { get; init; } = 20_000;

    /// <summary>Rows per gap-statistic reference data set at most
    /// (<see cref="Segmenting.KScanOptions.GapSampleSize"/>).</summary>
    public int? GapSample { get; init; } = 20_000;

    /// <summary>Silhouette on a stratified sample of this many customers (null: exact on all).</summary>
    public int? SilhouetteSample { get; init; } = 5_000;

    /// <summary>Known labels (CSV customer_id,segment) to measure agreement against, e.g. the generator's
    /// truth.csv.</summary>
    public string? Truth { get; init; }

    /// <summary>Days before the as-of date at which the holdout split is made (segments fitted before, judged
    /// after).</summary>
    public int HoldoutDays { get; init; } = 90;

    /// <summary>Days between the two as-of dates of the migration analysis.</summary>
    public int MigrationDays { get; init; } = 180;

    /// <summary>A customer is in the active base at a date when they bought within this many days before it.</summary>
    public int ActiveWindowDays { get; init; } = 365;

    /// <summary>Groups smaller than this are never shown on their own in reports.</summary>
    public int MinimumGroupSize { get; init; } = DisclosureOptions.DefaultMinimumGroupSize;

    /// <summary>The language of everything written for people: personas, report.html, quality.html (default
    /// <see cref="Common.Text.Language.Current"/> when the options are made: English unless a notebook session chose
    /// another).</summary>
    public Common.Text.Language Language { get; init; } = Common.Text.Language.Current;

    /// <summary>When set, customer identifiers are pseudonymised with this key right after loading.</summary>
    public PseudonymizationKey? PseudonymizationKey { get; init; }

    /// <summary>
    /// Features clustered on, named by the analyst: every one is used (numeric ones encoded, categorical ones one-hot
    /// for k-means or matched for k-prototypes), and the diagnostic only flags. Null chooses automatically: from a
    /// transaction log only, <see cref="TransactionLogFeatures"/>; with a customer table,
    /// <see cref="BehaviourAndValueFeatures"/> plus <see cref="Attributes"/>; missing, constant, redundant and noise
    /// features are left out, with the reason.
    /// </summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>How named features are encoded, where the analyst says so (transforms, weight); the others use
    /// <see cref="FeaturePipeline.Default"/>.</summary>
    public IReadOnlyList<ColumnSpec> FeatureSpecs { get; init; } = [];

    /// <summary>Customer-table or survey attributes the analyst adds to an automatic choice of features.</summary>
    public IReadOnlyList<string> Attributes { get; init; } = [];

    /// <summary>Categorical features used by k-prototypes when features are chosen automatically.</summary>
    public IReadOnlyList<string> CategoricalFeatures { get; init; } = DefaultCategoricalFeatures;

    /// <summary>Automatic candidates from a transaction log only: the RFM core and tenure (domain guide §2).</summary>
    public static IReadOnlyList<string> TransactionLogFeatures { get; } =
    ["recency_days", "frequency", "monetary", "tenure_days"];

    /// <summary>Automatic candidates with a customer table: the behaviour and value core (RFM, basket, preference
    /// shares).</summary>
    public static IReadOnlyList<string> BehaviourAndValueFeatures { get; } =
    [
        "recency_days",
        "frequency",
        "monetary",
        "average_order_value",
        "average_items_per_order",
        "online_share",
        "premium_share",
        "international_share",
    ];

    /// <summary>Default categorical features for k-prototypes.</summary>
    public static IReadOnlyList<string> DefaultCategoricalFeatures { get; } =
    ["channel_preference", "price_tier_preference", "brand_preference"];

    /// <summary>Throws <see cref="OptionsException"/> naming the first invalid option and its value.</summary>
    public SegmentWorkflowOptions Validate()
    {
        ArgumentNullException.ThrowIfNull(Store);
        Store.Validate();
        if (Warehouse is not null && Input is not null)
            throw new OptionsException("input and a warehouse table exclude each other: the log is one or the other");
        if (Warehouse is not null && PseudonymizationKey is not null)
            throw new OptionsException(
                "pseudonymisation rewrites the loaded tables; with a warehouse table, pseudonymise the ids "
                    + "in the warehouse"
            );
        if (string.IsNullOrWhiteSpace(Input) && Warehouse is null && string.IsNullOrWhiteSpace(Customers))
            throw new OptionsException("input (a transaction log) or customers (a customer table) must be given");
        if (Input is null && Warehouse is null && Features is null)
            throw new OptionsException(
                "features must name the attribute columns to cluster on when there is no transaction log"
            );
        if (Surveys.Count > 0 && Customers is null)
            throw new OptionsException("surveys join the customer table: customers must be given");
        if (Clusters is { } k && k < 2)
            throw new OptionsException(FormattableString.Invariant($"clusters={k} must be >= 2"));
        if (KMin < 2)
            throw new OptionsException(FormattableString.Invariant($"kMin={KMin} must be >= 2"));
        if (KMax < KMin)
            throw new OptionsException(FormattableString.Invariant($"kMax={KMax} must be >= kMin={KMin}"));
        if (Restarts < 1)
            throw new OptionsException(FormattableString.Invariant($"restarts={Restarts} must be >= 1"));
        if (PredictionStrengthSplits < 0)
            throw new OptionsException(
                FormattableString.Invariant($"predictionStrengthSplits={PredictionStrengthSplits} must be >= 0")
            );
        if (StabilityReplicates < 0)
            throw new OptionsException(
                FormattableString.Invariant($"stabilityReplicates={StabilityReplicates} must be >= 0")
            );
        if (HoldoutDays < 1)
            throw new OptionsException(FormattableString.Invariant($"holdoutDays={HoldoutDays} must be >= 1"));
        if (MigrationDays < 1)
            throw new OptionsException(FormattableString.Invariant($"migrationDays={MigrationDays} must be >= 1"));
        if (ActiveWindowDays < 1)
            throw new OptionsException(
                FormattableString.Invariant($"activeWindowDays={ActiveWindowDays} must be >= 1")
            );
        if (MinimumGroupSize < 1)
            throw new OptionsException(
                FormattableString.Invariant($"minimumGroupSize={MinimumGroupSize} must be >= 1")
            );
        if (Features is { Count: 0 })
            throw new OptionsException(
                "features must name at least one feature (or be left out for an automatic choice)"
            );
        return this;
    }
}
