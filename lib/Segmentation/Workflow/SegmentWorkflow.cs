using System.Globalization;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;
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
        var store = TransactionStore.InMemory();
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

    private static SegmentWorkflowResult RunOn(TransactionStore store, SegmentWorkflowOptions o, IProgress<string>? progress)
    {
        progress?.Report($"loading and cleaning {o.Input}");
        var mapping = o.Mapping ?? (o.Preset is null ? null : ColumnMapping.Preset(o.Preset));
        var cleaning = TransactionLoader.Load(store, o.Input, mapping, o.Cleaning);
        var customers = o.Customers is null ? null : CustomerLoader.Load(store, o.Customers, o.CustomerMapping, o.CustomerCleaning ?? o.Cleaning);
        foreach (var survey in o.Surveys) progress?.Report(SurveyLoader.Join(store, survey, o.SurveyMapping, (o.CustomerCleaning ?? o.Cleaning ?? CleaningOptions.Default) with { Sheet = null }).ToString());
        if (o.PseudonymizationKey is { } key) new Pseudonymizer(key).Apply(store);

        progress?.Report("computing features and RFM");
        var features = CustomerFeatureSet.Compute(store, new FeatureOptions { AsOf = o.AsOf });
        var asOf = features.AsOf;
        var rfm = RfmSegmentation.FromStore(store, asOf);
        var numeric = o.NumericFeatures.Where(f => features.NumericColumns.Contains(f)).ToList();
        var skipped = o.NumericFeatures.Except(numeric).ToList();
        if (numeric.Count == 0)
            throw new OptionsException($"none of the clustering features [{string.Join(", ", o.NumericFeatures)}] can be computed from {o.Input}");
        var categorical = o.Method == SegmentationMethod.KPrototypes
            ? o.CategoricalFeatures.Where(f => features.CategoricalColumns.Contains(f)).ToList()
            : [];
        if (features.Rows.Count < Math.Max(o.KMax, o.Clusters ?? 0) + 1)
            throw new OptionsException(FormattableString.Invariant($"customers={features.Rows.Count} must be > clusters={Math.Max(o.KMax, o.Clusters ?? 0)}"));

        var table = features.ToFeatureTable([.. numeric, .. categorical]);
        var numericTransform = Pipeline(numeric, []).Fit(table);
        var x = numericTransform.Transform(table);

        KScanResult? scan = null;
        var k = o.Clusters ?? 0;
        if (o.Clusters is null)
        {
            progress?.Report(FormattableString.Invariant($"scanning k = {o.KMin}..{o.KMax}"));
            scan = KScan.Run(x, new KScanOptions
            {
                KMin = o.KMin, KMax = o.KMax, Seed = o.Seed, GapReferences = o.GapReferences,
                Silhouette = Silhouette(o, x.Rows),
                ConcurrentFits = true,
            }, (m, clusters, seed) =>
            {
                var fit = KMeans(clusters, seed, o.Restarts).Fit(m);
                return new ClusteringRun([.. fit.Labels], fit.Inertia);
            });
            k = scan.Recommendation.K;
        }

        progress?.Report(FormattableString.Invariant($"fitting {o.Method} with k = {k}"));
        int[] labels;
        string modelJson;
        Func<FeatureTable, int[]> predict;
        if (o.Method == SegmentationMethod.KPrototypes)
        {
            var model = new KPrototypesSegmenter(new KPrototypesOptions { Clusters = k, Seed = IntSeed(o.Seed), Restarts = o.Restarts })
                .Fit(x, CategoricalMatrix.FromTable(table, categorical), numericTransform);
            labels = model.Predict(table);
            modelJson = model.ToJson();
            predict = model.Predict;
        }
        else
        {
            var model = KMeans(k, o.Seed, o.Restarts).Fit(x, numericTransform);
            labels = [.. model.Labels];
            modelJson = model.ToJson();
            predict = model.Predict;
        }

        progress?.Report("validating");
        var validation = Validate(store, o, x, labels, k, asOf, numeric, progress);

        var migration = Migrate(store, o, [.. numeric, .. categorical], predict, labels, k, features, asOf);

        progress?.Report("describing segments");
        var personaTable = features.ToFeatureTable();
        var segments = labels.Select(SegmentWorkflowResult.SegmentName).ToArray();
        var personas = Personas.Describe(personaTable, segments, new PersonaOptions
        {
            Disclosure = new DisclosureOptions { MinimumGroupSize = o.MinimumGroupSize },
        });

        var pca = Pca.Fit(x, 2);
        return new SegmentWorkflowResult(store)
        {
            Options = o,
            Cleaning = cleaning,
            CustomerTable = customers,
            Features = features,
            Rfm = rfm,
            SkippedFeatures = skipped,
            Scan = scan,
            ModelJson = modelJson,
            Clusters = k,
            CustomerIds = x.RowKeys,
            Labels = labels,
            Matrix = x,
            Projection = pca.Project(x),
            ProjectionVariance = pca.ExplainedVarianceRatio,
            Validation = validation,
            Migration = migration,
            Personas = personas,
        };
    }

    /// <summary>
    /// The encoding used for clustering: log1p then z-score for the skewed money and count features,
    /// z-score for shares (a customer with no known channel, brand or tier gets the median share),
    /// one-hot for categories.
    /// </summary>
    public static FeaturePipeline Pipeline(IReadOnlyList<string> numeric, IReadOnlyList<string> categorical)
    {
        ArgumentNullException.ThrowIfNull(numeric);
        ArgumentNullException.ThrowIfNull(categorical);
        var specs = numeric.Select(f => f.EndsWith("_share", StringComparison.Ordinal)
                ? ColumnSpec.Numeric(f, TransformStep.ZScore) with { Missing = MissingValues.ImputeMedian }
                : ColumnSpec.Numeric(f, TransformStep.Log1p, TransformStep.ZScore))
            .Concat(categorical.Select(ColumnSpec.Categorical));
        return new FeaturePipeline(specs.ToArray());
    }

    private static KMeansSegmenter KMeans(int k, ulong seed, int restarts) =>
        new(new KMeansOptions { Clusters = k, Seed = IntSeed(seed), Restarts = restarts });

    /// <summary>The segmenters take 31-bit seeds; fold the workflow's 64-bit seed deterministically.</summary>
    private static int IntSeed(ulong seed) => (int)((seed ^ (seed >> 31) ^ (seed >> 62)) & 0x7FFF_FFFF);

    private static SilhouetteOptions Silhouette(SegmentWorkflowOptions o, int rows) =>
        new() { SampleSize = o.SilhouetteSample is { } s && rows > s ? s : null, Seed = o.Seed };

    private static ValidationSummary Validate(TransactionStore store, SegmentWorkflowOptions o, FeatureMatrix x,
        int[] labels, int k, DateOnly asOf, IReadOnlyList<string> numeric, IProgress<string>? progress)
    {
        var quality = new QualitySummary(
            ClusterQuality.Silhouette(x, labels, Silhouette(o, x.Rows)),
            ClusterQuality.CalinskiHarabaszIndex(x, labels),
            ClusterQuality.DaviesBouldinIndex(x, labels),
            ClusterQuality.Inertia(x, labels));

        StabilityResult? stability = null;
        if (o.StabilityReplicates > 0)
        {
            progress?.Report(FormattableString.Invariant($"bootstrap stability ({o.StabilityReplicates} replicates)"));
            var restarts = Math.Max(1, Math.Min(o.Restarts, 3));
            stability = BootstrapStability.Evaluate(x, m => [.. KMeans(k, o.Seed, restarts).Fit(m).Labels],
                new StabilityOptions { Replicates = o.StabilityReplicates, Seed = o.Seed });
        }

        var agreement = o.Truth is null ? null : Agree(store, o.Truth, x.RowKeys, labels);
        var differences = SegmentDifferences.Evaluate(x, labels);
        var holdout = HoldoutCheck(store, o, numeric, k, asOf);
        return new ValidationSummary { Quality = quality, Stability = stability, Agreement = agreement, Differences = differences, Holdout = holdout };
    }

    private static AgreementSummary Agree(TransactionStore store, string truthPath, IReadOnlyList<string> ids, int[] labels)
    {
        if (!File.Exists(truthPath)) throw new SegmentationException($"{truthPath}: labels file not found");
        var truth = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = $"SELECT customer_id, segment FROM read_csv({SqlLiteral(truthPath)}, header = true, all_varchar = true)";
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (!reader.IsDBNull(0) && !reader.IsDBNull(1)) truth[reader.GetString(0)] = reader.GetString(1);
                }
            }
            catch (DuckDB.NET.Data.DuckDBException e)
            {
                throw new DataFormatException(truthPath, $"cannot read known labels: {e.Message.Split('\n')[0]}", expected: "a CSV with columns customer_id,segment");
            }
        }
        var known = new List<string>();
        var found = new List<int>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (truth.TryGetValue(ids[i], out var t))
            {
                known.Add(t);
                found.Add(labels[i]);
            }
        }
        if (known.Count == 0) throw new DataFormatException(truthPath, "no customer in the labels file matches a segmented customer");
        var truthCodes = LabelAgreement.Encode(known);
        return new AgreementSummary(truthPath, known.Count,
            LabelAgreement.AdjustedRandIndex(truthCodes, found.ToArray()),
            LabelAgreement.AdjustedMutualInformation(truthCodes, found.ToArray()),
            LabelAgreement.NormalizedMutualInformation(truthCodes, found.ToArray()),
            truthCodes.Distinct().Count());
    }

    private static HoldoutSummary? HoldoutCheck(TransactionStore store, SegmentWorkflowOptions o, IReadOnlyList<string> numeric, int k, DateOnly asOf)
    {
        var split = asOf.AddDays(-o.HoldoutDays);
        var early = CustomerFeatureSet.Compute(store, new FeatureOptions { AsOf = split, Clv = null });
        if (early.Rows.Count <= k * 2) return null;
        var columns = numeric.Where(early.NumericColumns.Contains).ToList();
        var table = early.ToFeatureTable(columns);
        var transform = Pipeline(columns, []).Fit(table);
        var model = KMeans(k, o.Seed, o.Restarts).Fit(transform.Transform(table), transform);
        var segments = model.Labels.Select(SegmentWorkflowResult.SegmentName).ToArray();

        var next = new Dictionary<string, (double Revenue, double Orders)>(StringComparer.Ordinal);
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"""
                SELECT {TransactionColumns.CustomerId}, CAST(sum({TransactionColumns.Quantity} * {TransactionColumns.UnitPrice}) AS DOUBLE),
                       count(DISTINCT {TransactionColumns.OrderId})
                FROM {TransactionStore.CleanTable}
                WHERE "{TransactionColumns.Timestamp}" >= DATE '{split:yyyy-MM-dd}' AND "{TransactionColumns.Timestamp}" < DATE '{asOf:yyyy-MM-dd}'
                GROUP BY 1
                """);
            using var reader = command.ExecuteReader();
            while (reader.Read()) next[reader.GetString(0)] = (reader.GetDouble(1), reader.GetInt64(2));
        }
        var ids = table.CustomerIds;
        var revenue = ids.Select(id => next.TryGetValue(id, out var v) ? v.Revenue : 0).ToArray();
        var orders = ids.Select(id => next.TryGetValue(id, out var v) ? v.Orders : 0).ToArray();
        var churn = ids.Select(id => next.ContainsKey(id) ? 0.0 : 1.0).ToArray();
        return new HoldoutSummary(split, asOf, k, Holdout.Evaluate(segments, revenue), Holdout.Evaluate(segments, orders), Holdout.Evaluate(segments, churn));
    }

    private static MigrationSummary? Migrate(TransactionStore store, SegmentWorkflowOptions o, IReadOnlyList<string> columns,
        Func<FeatureTable, int[]> predict, int[] labels, int k, CustomerFeatureSet features, DateOnly asOf)
    {
        var earlierDate = asOf.AddDays(-o.MigrationDays);
        var earlier = CustomerFeatureSet.Compute(store, new FeatureOptions { AsOf = earlierDate, Clv = null });
        if (earlier.Rows.Count <= k || columns.Any(f => !earlier.IsComputable(f))) return null;
        // The same fitted model (and its fitted transform) scores the earlier customer base.
        var earlierLabels = predict(earlier.ToFeatureTable(columns));
        var before = Active(earlier, earlierLabels, o.ActiveWindowDays);
        var after = Active(features, labels, o.ActiveWindowDays);
        var order = Enumerable.Range(0, k).Select(SegmentWorkflowResult.SegmentName).ToList();
        return new MigrationSummary(earlierDate, asOf, Migration.Between(before, after, order));
    }

    private static Dictionary<string, string> Active(CustomerFeatureSet features, IReadOnlyList<int> labels, int windowDays)
    {
        var recency = features.Numeric(FeatureCatalog.RecencyDays);
        var active = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < features.Rows.Count; i++)
        {
            if (recency[i] is { } r && r <= windowDays) active[features.Rows[i].CustomerId] = SegmentWorkflowResult.SegmentName(labels[i]);
        }
        return active;
    }

    private static string SqlLiteral(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
