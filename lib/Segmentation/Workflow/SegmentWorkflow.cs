using System.Globalization;
using Segmentation.Common.Text;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Data.Sql;
using Segmentation.Features;
using Segmentation.Metrics;
using Segmentation.Privacy;
using Segmentation.Profiling;
using Segmentation.Segmenting;
using Segmentation.Segmenting.Rules;
using Segmentation.Validation;

namespace Segmentation.Workflow;

/// <summary>
/// The whole segmentation job, step by step in the order of the method (domain guide §1): load and
/// clean, features and RFM, choose k, cluster, validate, migrate, describe. Each step is a call into
/// its own module; this type only composes them and passes results along.
/// </summary>
public static class SegmentWorkflow
{
    /// <summary>Runs the job. The result owns the store; dispose it.</summary>
    public static SegmentWorkflowResult Run(SegmentWorkflowOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var store = TransactionStore.Open(options.Store);
        try
        {
            return RunOn(store, options, progress);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Where the clean lines are: the warehouse table when the run has one, else the store's clean
    /// table.</summary>
    private static FeatureSource Lines(TransactionStore store, SegmentWorkflowOptions o) =>
        o.Warehouse is { } log ? FeatureSource.Of(log) : FeatureSource.Of(store);

    private static SegmentWorkflowResult RunOn(
        TransactionStore store,
        SegmentWorkflowOptions o,
        IProgress<string>? progress
    )
    {
        if (o.Input is null && o.Warehouse is null)
            return RunOnAttributes(store, o, progress);
        CleaningResult cleaning;
        if (o.Warehouse is { } log)
        {
            progress?.Report($"counting the cleaning rules in ClickHouse ({log.Engine}, table {log.Table})");
            cleaning = log.Clean();
            log.Stage();
        }
        else
        {
            progress?.Report($"loading and cleaning {o.Input}");
            var mapping = o.Mapping ?? (o.Preset is null ? null : ColumnMapping.Preset(o.Preset));
            cleaning = TransactionLoader.Load(store, o.Input!, mapping, o.Cleaning);
        }
        var customers = o.Customers is null
            ? null
            : CustomerLoader.Load(store, o.Customers, o.CustomerMapping, o.CustomerCleaning ?? o.Cleaning);
        JoinSurveysAndPseudonymize(store, o, progress);

        progress?.Report(
            o.Warehouse is null ? "computing features (with CLV)" : "computing features (with CLV) in ClickHouse"
        );
        var features = CustomerFeatureSet.Compute(Lines(store, o), store, new FeatureOptions { AsOf = o.AsOf });
        ReleaseDropped(features.Rows.Count);
        var asOf = features.AsOf;
        progress?.Report("RFM and the choice of features");
        // Every buyer's RFM is in the features, from the same orders query Rfm.FromSource runs: no second pass over the
        // lines.
        var rfm = RfmSegmentation.FromRfm(
            new RfmTable(
                asOf,
                features
                    .Rows.Select(r => new CustomerRfm(r.CustomerId, r.RecencyDays, r.Frequency, r.Monetary))
                    .ToList()
            )
        );
        // One table of every feature: the diagnostic reads the candidates, the clustering its chosen columns (by name),
        // the personas all of them.
        var table = features.ToFeatureTable();
        var (selection, categorical, skipped) = ChooseFeatures(o, features, table);
        ReleaseDropped(features.Rows.Count);
        var fit = Cluster(store, o, table, selection, categorical, asOf, progress);
        progress?.Report(FormattableString.Invariant($"migration since {asOf.AddDays(-o.MigrationDays):yyyy-MM-dd}"));
        var migration = Migrate(
            store,
            o,
            [.. selection.Chosen, .. categorical],
            fit.Predict,
            fit.Labels,
            fit.Clusters,
            features,
            asOf
        );
        ReleaseDropped(features.Rows.Count);
        return Finish(
            store,
            o,
            fit,
            table,
            progress,
            new Inputs(cleaning, customers, features, rfm, skipped, migration)
        );
    }

    // The steps after the customer table, the same on both paths: the surveys joined to it, then the ids pseudonymised.
    private static void JoinSurveysAndPseudonymize(
        TransactionStore store,
        SegmentWorkflowOptions o,
        IProgress<string>? progress
    )
    {
        foreach (var survey in o.Surveys)
            progress?.Report(
                SurveyLoader
                    .Join(
                        store,
                        survey,
                        o.SurveyMapping,
                        (o.CustomerCleaning ?? o.Cleaning ?? CleaningOptions.Default) with
                        {
                            Sheet = null,
                        }
                    )
                    .ToString()
            );
        if (o.PseudonymizationKey is { } key)
            new Pseudonymizer(key).Apply(store);
    }

    /// <summary>A segmentation of the customer table (and surveys) alone, on the features the analyst named.</summary>
    private static SegmentWorkflowResult RunOnAttributes(
        TransactionStore store,
        SegmentWorkflowOptions o,
        IProgress<string>? progress
    )
    {
        progress?.Report($"loading {o.Customers}");
        var customers = CustomerLoader.Load(store, o.Customers!, o.CustomerMapping, o.CustomerCleaning ?? o.Cleaning);
        JoinSurveysAndPseudonymize(store, o, progress);
        var table = AttributeTable.Read(store);
        var named = o.Features!;
        var unknown = named.Where(f => !table.HasNumeric(f) && !table.HasCategorical(f)).ToList();
        if (unknown.Count > 0)
            throw new OptionsException(
                $"features [{string.Join(", ", unknown)}] are not columns of "
                    + $"{o.Customers}{(o.Surveys.Count > 0 ? " or the surveys" : "")}; available: "
                    + $"{string.Join(", ", table.NumericColumns.Concat(table.CategoricalColumns))}"
            );
        var numeric = named.Where(table.HasNumeric).ToList();
        var categorical = named.Where(table.HasCategorical).ToList();
        var basis = Language.English["Basis_AttributesAlone"];
        var selection =
            numeric.Count > 0
                ? FeatureSelection.Choose(
                    table,
                    numeric,
                    automatic: false,
                    basis,
                    new FeatureSelectionOptions { Seed = o.Seed }
                ) with
                {
                    BasisKeys = ["Basis_AttributesAlone"],
                }
                : new FeatureSelection([], [], false, basis) { BasisKeys = ["Basis_AttributesAlone"] };
        if (o.Method == SegmentationMethod.KPrototypes && numeric.Count == 0)
            throw new OptionsException(
                "method=kprototypes needs at least one numeric feature; use kmeans (categories one-hot) "
                    + "for categories alone"
            );
        var fit = Cluster(store, o, table, selection, categorical, null, progress);
        return Finish(store, o, fit, table, progress, new Inputs(null, customers, null, null, [], null));
    }

    /// <summary>What the inputs gave besides the clustering: present with a transaction log, null without.</summary>
    private sealed record Inputs(
        CleaningResult? Cleaning,
        CustomerLoadResult? Customers,
        CustomerFeatureSet? Features,
        RfmSegmentation? Rfm,
        IReadOnlyList<string> Skipped,
        MigrationSummary? Migration
    );

    /// <summary>Describes the segments of <paramref name="fit"/> as personas over <paramref name="profile"/> and
    /// assembles the result.</summary>
    private static SegmentWorkflowResult Finish(
        TransactionStore store,
        SegmentWorkflowOptions o,
        ClusterFit fit,
        FeatureTable profile,
        IProgress<string>? progress,
        Inputs inputs
    )
    {
        progress?.Report("describing segments");
        var segments = ClusterNames.Of(fit.Labels);
        var personas = Personas.Describe(
            profile,
            segments,
            new PersonaOptions
            {
                Disclosure = new DisclosureOptions { MinimumGroupSize = o.MinimumGroupSize },
                RevenueColumn = inputs.Features is null ? null : new PersonaOptions().RevenueColumn,
                Language = o.Language,
            }
        );
        var pca = Pca.Fit(fit.Matrix, Math.Min(2, fit.Matrix.ColumnCount));
        var projection = pca.Project(fit.Matrix);
        // The outputs start with DuckDB sorting the clean lines: what the personas dropped goes first.
        ReleaseDropped(fit.Labels.Length);
        return new SegmentWorkflowResult(store)
        {
            Options = o,
            Cleaning = inputs.Cleaning,
            CustomerTable = inputs.Customers,
            Features = inputs.Features,
            Rfm = inputs.Rfm,
            ProfileTable = profile,
            SkippedFeatures = inputs.Skipped,
            FeatureSelection = fit.Selection,
            Scan = fit.Scan,
            ModelJson = fit.ModelJson,
            Clusters = fit.Clusters,
            CustomerIds = fit.Matrix.RowKeys,
            Labels = fit.Labels,
            Matrix = fit.Matrix,
            Projection = projection,
            ProjectionVariance = pca.ExplainedVarianceRatio,
            Validation = fit.Validation,
            Migration = inputs.Migration,
            Personas = personas,
        };
    }

    /// <summary>What the clustering step produced, for validation, migration and the personas.</summary>
    private sealed record ClusterFit(
        FeatureSelection Selection,
        FeatureMatrix Matrix,
        KScanResult? Scan,
        int Clusters,
        int[] Labels,
        string ModelJson,
        Func<FeatureTable, int[]> Predict,
        ValidationSummary Validation
    );

    /// <summary>Encodes the chosen features, chooses k (unless given), fits the method and validates the
    /// segments.</summary>
    private static ClusterFit Cluster(
        TransactionStore store,
        SegmentWorkflowOptions o,
        FeatureTable table,
        FeatureSelection selection,
        IReadOnlyList<string> categorical,
        DateOnly? asOf,
        IProgress<string>? progress
    )
    {
        var numeric = selection.Chosen;
        if (table.Rows < Math.Max(o.KMax, o.Clusters ?? 0) + 1)
            throw new OptionsException(
                FormattableString.Invariant(
                    $"customers={table.Rows} must be > clusters={Math.Max(o.KMax, o.Clusters ?? 0)}"
                )
            );
        var encoded = o.Method == SegmentationMethod.KPrototypes ? [] : categorical;
        var pipeline = FeaturePipeline.Default(table, numeric, encoded);
        if (o.FeatureSpecs.Count > 0)
            pipeline = new FeaturePipeline(
                pipeline.Columns.Select(c => o.FeatureSpecs.FirstOrDefault(s => s.Name == c.Name) ?? c).ToArray()
            );
        var numericTransform = pipeline.Fit(table);
        var x = numericTransform.Transform(table);

        // One segmenter for the scan, the fit, the stability and the holdout: they all refit the chosen method.
        ISegmenter Segmenter(int clusters, int restarts) => SegmenterFor(o, clusters, restarts, table, categorical);
        KScanResult? scan = null;
        var k = o.Clusters ?? 0;
        if (o.Clusters is null)
        {
            progress?.Report(FormattableString.Invariant($"scanning k = {o.KMin}..{o.KMax}"));
            scan = KScan.Run(
                x,
                new KScanOptions
                {
                    KMin = o.KMin,
                    KMax = o.KMax,
                    Seed = o.Seed,
                    GapReferences = o.GapReferences,
                    GapSampleSize = o.GapSample,
                    Silhouette = Silhouette(o, x.Rows),
                    ConcurrentFits = true,
                    PredictionStrength =
                        o.PredictionStrengthSplits > 0
                            ? new PredictionStrengthOptions { Splits = o.PredictionStrengthSplits }
                            : null,
                },
                Segmenter(o.KMin, o.Restarts)
            );
            k = scan.Recommendation.K;
        }

        progress?.Report(FormattableString.Invariant($"fitting {o.Method} with k = {k}"));
        var model = Segmenter(k, o.Restarts).Fit(x, numericTransform);
        int[] labels = [.. model.Labels];

        progress?.Report("validating");
        var validation = Validate(
            store,
            o,
            x,
            labels,
            Segmenter(k, Math.Max(1, Math.Min(o.Restarts, 3))),
            asOf,
            numeric,
            categorical,
            progress
        );
        return new ClusterFit(selection, x, scan, k, labels, model.ToJson(), model.Predict, validation);
    }

    /// <summary>
    /// The clustering features: those the analyst named, or an automatic choice from the candidates that fit the inputs
    /// (a transaction log only: the RFM core and tenure; with a customer table: the behaviour and value core plus the
    /// named attributes), diagnosed and filtered by <see cref="FeatureSelection.Choose"/>.
    /// </summary>
    private static (
        FeatureSelection Selection,
        IReadOnlyList<string> Categorical,
        IReadOnlyList<string> Skipped
    ) ChooseFeatures(SegmentWorkflowOptions o, CustomerFeatureSet features, FeatureTable table)
    {
        if (o.Features is { } named)
        {
            var unknown = named.Where(f => !features.IsComputable(f)).ToList();
            if (unknown.Count > 0)
                throw new OptionsException(
                    $"features [{string.Join(", ", unknown)}] cannot be computed from {o.Input}; available: "
                        + $"{string.Join(", ", features.NumericColumns.Concat(features.CategoricalColumns))}"
                );
            var numericNamed = named.Where(features.NumericColumns.Contains).ToList();
            var categoricalNamed = named.Where(features.CategoricalColumns.Contains).ToList();
            var chosen =
                numericNamed.Count > 0
                    ? FeatureSelection.Choose(table, numericNamed, automatic: false, "named by the analyst")
                    : new FeatureSelection([], [], false, "named by the analyst");
            return (chosen, categoricalNamed, []);
        }

        var (candidates, basisKey) = o.Customers is null
            ? (SegmentWorkflowOptions.TransactionLogFeatures, "Basis_LogOnly")
            : (SegmentWorkflowOptions.BehaviourAndValueFeatures, "Basis_LogAndCustomers");
        List<string> basisKeys = o.Attributes.Count > 0 ? [basisKey, "Basis_PlusAttributes"] : [basisKey];
        var missingAttributes = o.Attributes.Where(f => !features.IsComputable(f)).ToList();
        if (missingAttributes.Count > 0)
            throw new OptionsException(
                $"attributes [{string.Join(", ", missingAttributes)}] are not in the data; available: "
                    + $"{string.Join(", ", features.NumericColumns.Concat(features.CategoricalColumns))}"
            );
        var numeric = candidates.Concat(o.Attributes.Where(features.NumericColumns.Contains)).Distinct().ToList();
        var computable = numeric.Where(features.NumericColumns.Contains).ToList();
        if (computable.Count == 0)
            throw new OptionsException(
                $"none of the clustering features [{string.Join(", ", numeric)}] can be computed from {o.Input}"
            );
        var categorical = (
            o.Method == SegmentationMethod.KPrototypes
                ? o.CategoricalFeatures.Where(features.CategoricalColumns.Contains)
                : []
        )
            .Concat(o.Attributes.Where(features.CategoricalColumns.Contains))
            .Distinct()
            .ToList();
        var basis = string.Concat(basisKeys.Select(key => Language.English[key]));
        var selection = FeatureSelection.Choose(
            table,
            computable,
            automatic: true,
            basis,
            new FeatureSelectionOptions { Seed = o.Seed }
        ) with
        {
            BasisKeys = basisKeys,
        };
        return (selection, categorical, numeric.Except(computable).ToList());
    }

    /// <summary>
    /// The segmenter of the chosen method: k-means on the encoded matrix (categories one-hot), or k-prototypes on the
    /// numeric matrix with the raw <paramref name="categorical"/> columns of <paramref name="table"/> beside it.
    /// </summary>
    private static ISegmenter SegmenterFor(
        SegmentWorkflowOptions o,
        int k,
        int restarts,
        FeatureTable table,
        IReadOnlyList<string> categorical
    ) =>
        o.Method == SegmentationMethod.KPrototypes
            ? new KPrototypesSegmenter(
                new KPrototypesOptions
                {
                    Clusters = k,
                    Seed = o.Seed,
                    Restarts = restarts,
                },
                CategoricalMatrix.FromTable(table, categorical)
            )
            : new KMeansSegmenter(
                new KMeansOptions
                {
                    Clusters = k,
                    Seed = o.Seed,
                    Restarts = restarts,
                }
            );

    private static SilhouetteOptions Silhouette(SegmentWorkflowOptions o, int rows) =>
        new() { SampleSize = o.SilhouetteSample is { } s && rows > s ? s : null, Seed = o.Seed };

    /// <summary>Quality, stability (refitting <paramref name="segmenter"/>), agreement, differences and the holdout
    /// (refitting its method).</summary>
    private static ValidationSummary Validate(
        TransactionStore store,
        SegmentWorkflowOptions o,
        FeatureMatrix x,
        int[] labels,
        ISegmenter segmenter,
        DateOnly? asOf,
        IReadOnlyList<string> numeric,
        IReadOnlyList<string> categorical,
        IProgress<string>? progress
    )
    {
        var k = segmenter.Clusters;
        var quality = new QualitySummary(
            ClusterQuality.Silhouette(x, labels, Silhouette(o, x.Rows)),
            ClusterQuality.CalinskiHarabaszIndex(x, labels),
            ClusterQuality.DaviesBouldinIndex(x, labels),
            ClusterQuality.Inertia(x, labels)
        );

        StabilityResult? stability = null;
        if (o.StabilityReplicates > 0)
        {
            progress?.Report(FormattableString.Invariant($"bootstrap stability ({o.StabilityReplicates} replicates)"));
            stability = BootstrapStability.Evaluate(
                x,
                segmenter,
                new StabilityOptions
                {
                    Replicates = o.StabilityReplicates,
                    Seed = o.Seed,
                    SampleSize = o.StabilitySample,
                }
            );
        }

        var agreement = o.Truth is null
            ? null
            : AgreementSummary.Compare(o.Truth, KnownLabels.Read(o.Truth), x.RowKeys, labels);
        var differences = SegmentDifferences.Evaluate(x, labels);
        if (asOf is not null)
            progress?.Report(FormattableString.Invariant($"holdout check ({o.HoldoutDays} days)"));
        ReleaseDropped(x.Rows);
        var holdout = asOf is { } date ? HoldoutCheck(store, o, numeric, categorical, k, date) : null;
        ReleaseDropped(x.Rows);
        return new ValidationSummary
        {
            Quality = quality,
            Stability = stability,
            Agreement = agreement,
            Differences = differences,
            Holdout = holdout,
        };
    }

    /// <summary>
    /// Refits the chosen method with k clusters on the customers as they were
    /// <see cref="SegmentWorkflowOptions.HoldoutDays"/> before the as-of date (the same features, those computable
    /// then) and measures the next period by segment.
    /// </summary>
    private static HoldoutSummary? HoldoutCheck(
        TransactionStore store,
        SegmentWorkflowOptions o,
        IReadOnlyList<string> numeric,
        IReadOnlyList<string> categorical,
        int k,
        DateOnly asOf
    )
    {
        var split = asOf.AddDays(-o.HoldoutDays);
        var early = CustomerFeatureSet.Compute(Lines(store, o), store, new FeatureOptions { AsOf = split, Clv = null });
        if (early.Rows.Count <= k * 2)
            return null;
        var columns = numeric.Where(early.NumericColumns.Contains).ToList();
        var categories = categorical.Where(early.CategoricalColumns.Contains).ToList();
        if (o.Method == SegmentationMethod.KPrototypes && (categories.Count == 0 || columns.Count == 0))
            return null;
        var table = early.ToFeatureTable([.. columns, .. categories]);
        var transform = FeaturePipeline
            .Default(table, columns, o.Method == SegmentationMethod.KPrototypes ? [] : categories)
            .Fit(table);
        var model = SegmenterFor(o, k, o.Restarts, table, categories).Fit(transform.Transform(table), transform);
        var segments = ClusterNames.Of(model.Labels);
        // The earlier feature set is done with: gone before DuckDB reads the next period.
        ReleaseDropped(table.Rows);

        var next = PeriodOutcomes.Between(Lines(store, o), split, asOf);
        var ids = table.CustomerIds;
        return new HoldoutSummary(
            split,
            asOf,
            k,
            Holdout.Evaluate(segments, next.Revenue(ids)),
            Holdout.Evaluate(segments, next.Orders(ids)),
            Holdout.Evaluate(segments, next.Churned(ids))
        );
    }

    private static MigrationSummary? Migrate(
        TransactionStore store,
        SegmentWorkflowOptions o,
        IReadOnlyList<string> columns,
        Func<FeatureTable, int[]> predict,
        int[] labels,
        int k,
        CustomerFeatureSet features,
        DateOnly asOf
    )
    {
        var earlierDate = asOf.AddDays(-o.MigrationDays);
        var earlier = CustomerFeatureSet.Compute(
            Lines(store, o),
            store,
            new FeatureOptions { AsOf = earlierDate, Clv = null }
        );
        if (earlier.Rows.Count <= k || columns.Any(f => !earlier.IsComputable(f)))
            return null;
        // The same fitted model (and its fitted transform) scores the earlier customer base.
        var earlierLabels = predict(earlier.ToFeatureTable(columns));
        var before = Active(earlier, earlierLabels, o.ActiveWindowDays);
        var after = Active(features, labels, o.ActiveWindowDays);
        var order = ClusterNames.All(k);
        return new MigrationSummary(earlierDate, asOf, Migration.Between(before, after, order));
    }

    /// <summary>
    /// Between the steps that query DuckDB and those that work in .NET (DuckDB's cache goes back after each feature
    /// query: <see cref="DuckDbEngine.ForEachRow"/>). The GC keeps the feature builder's dictionaries, the k-scan's
    /// restarts and the feature sets the holdout check and the migration compute and drop until memory runs short: at
    /// 3.1M customers (a 100M-line log) that was more than 5 GB (peak 13.6 GB in the k-scan, docs/performance.md). From
    /// <see cref="ReleaseFromCustomers"/> customers a full, compacting collection gives it back (about a second at
    /// 3.1M); below, it is not worth it.
    /// </summary>
    private static void ReleaseDropped(int customers)
    {
        if (customers >= ReleaseFromCustomers)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Customers from which <see cref="ReleaseDropped"/> collects.</summary>
    private const int ReleaseFromCustomers = 1_000_000;

    private static Dictionary<string, string> Active(
        CustomerFeatureSet features,
        IReadOnlyList<int> labels,
        int windowDays
    )
    {
        var recency = features.Numeric(FeatureCatalog.RecencyDays);
        var active = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < features.Rows.Count; i++)
        {
            if (recency[i] is { } r && r <= windowDays)
                active[features.Rows[i].CustomerId] = ClusterNames.Of(labels[i]);
        }
        return active;
    }
}
