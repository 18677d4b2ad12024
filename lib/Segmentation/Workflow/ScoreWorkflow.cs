using System.Globalization;
using System.Text;
using System.Text.Json;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Reports;
using Segmentation.Segmenting;

namespace Segmentation.Workflow;

/// <summary>What <c>seg score</c> needs: the folder <c>seg segment</c> wrote, the new data and how to read
/// it.</summary>
public sealed record ScoreOptions
{
    /// <summary>Folder written by <c>seg segment</c> (model.json; personas.json and assignments.csv when
    /// present).</summary>
    public required string ModelDirectory { get; init; }

    /// <summary>The language of the reasons why a customer was not scored (default English).</summary>
    public Common.Text.Language Language { get; init; } = Common.Text.Language.English;

    /// <summary>Transaction log of the customers to score.</summary>
    public required string Input { get; init; }

    /// <summary>Optional customer table (its customers without a purchase are listed as not scored).</summary>
    public string? Customers { get; init; }

    /// <summary>Column mapping of the transaction log (null: detected).</summary>
    public ColumnMapping? Mapping { get; init; }

    /// <summary>Column mapping of the customer table (null: the workspace names).</summary>
    public ColumnMapping? CustomerMapping { get; init; }

    /// <summary>How the transaction log is read and cleaned (null: the defaults).</summary>
    public CleaningOptions? Cleaning { get; init; }

    /// <summary>How the customer table is read (null: <see cref="Cleaning"/>).</summary>
    public CleaningOptions? CustomerCleaning { get; init; }

    /// <summary>Survey or form exports joined to the customer table, as for the model.</summary>
    public IReadOnlyList<string> Surveys { get; init; } = [];

    /// <summary>The surveys' id column (null: customer_id).</summary>
    public ColumnMapping? SurveyMapping { get; init; }

    /// <summary>As-of date of the features (null: the day after the last purchase, as in <c>seg segment</c>).</summary>
    public DateOnly? AsOf { get; init; }
}

/// <summary>One customer of the new data: its segment and distance to the segment's centre, or why it was not
/// scored.</summary>
/// <param name="CustomerId">Customer id.</param>
/// <param name="Segment">Segment (<c>S1</c>…), null when not scored.</param>
/// <param name="SegmentName">The segment's persona name from the model folder, when known.</param>
/// <param name="Distance">Euclidean distance to the segment's centre in the model's scaled feature space (k-means);
/// null otherwise.</param>
/// <param name="Reason">Why the customer was not scored; null when scored.</param>
public sealed record ScoredCustomer(
    string CustomerId,
    string? Segment,
    string? SegmentName,
    double? Distance,
    string? Reason
);

/// <summary>Customers who were in <paramref name="From"/> in the model's own assignments and are in
/// <paramref name="To"/> now.</summary>
public sealed record SegmentMove(string From, string To, int Customers);

/// <summary>The outcome of <see cref="ScoreWorkflow.Run"/>.</summary>
/// <param name="Method">Model method (k-means, k-prototypes).</param>
/// <param name="AsOf">As-of date of the features.</param>
/// <param name="Cleaning">Accounting of the transaction log.</param>
/// <param name="CustomerTable">Accounting of the customer table, when given.</param>
/// <param name="Customers">Every customer, scored or with its reason, sorted by id.</param>
/// <param name="Migration">Moves between the model's assignments and the new ones (customers in both).</param>
public sealed record ScoreResult(
    string Method,
    DateOnly AsOf,
    CleaningResult Cleaning,
    CustomerLoadResult? CustomerTable,
    IReadOnlyList<ScoredCustomer> Customers,
    IReadOnlyList<SegmentMove> Migration
)
{
    /// <summary>Assignments file name.</summary>
    public const string AssignmentsFile = "assignments.csv";

    /// <summary>Migration file name.</summary>
    public const string MigrationFile = "migration.csv";

    /// <summary>Writes assignments.csv (<c>customer_id,segment,segment_name,distance,reason</c>) and, when any customer
    /// was in the model's assignments, migration.csv.</summary>
    public void Write(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var text = new StringBuilder("customer_id,segment,segment_name,distance,reason\n");
        foreach (var c in Customers)
            text.Append(CultureInfo.InvariantCulture, $"{Csv(c.CustomerId)},{c.Segment},{Csv(c.SegmentName)},")
                .Append(
                    CultureInfo.InvariantCulture,
                    $"{c.Distance?.ToString("0.######", CultureInfo.InvariantCulture)},{Csv(c.Reason)}\n"
                );
        TextFiles.Write(directory, AssignmentsFile, text.ToString());
        if (Migration.Count == 0)
            return;
        var moves = new StringBuilder("from_segment,to_segment,customers\n");
        foreach (var m in Migration)
            moves.Append(CultureInfo.InvariantCulture, $"{m.From},{m.To},{m.Customers}\n");
        TextFiles.Write(directory, MigrationFile, moves.ToString());
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"ScoreResult: {Customers.Count(c => c.Segment is not null)} customers scored, ")
        + FormattableString.Invariant(
            $"{Customers.Count(c => c.Segment is null)} not scored, as of {AsOf:yyyy-MM-dd} ({Method})"
        );

    private static string Csv(string? value) =>
        value is null ? ""
        : value.AsSpan().IndexOfAny(",\"\n\r") >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : value;
}

/// <summary>
/// Scores new customers with a segmentation written by <c>seg segment</c>: loads the data with the given reading
/// options, computes the features as of the given date, encodes them with the model's own fitted transform and
/// assigns each customer to the nearest segment. Customers that cannot be scored (no clean purchase by the as-of date,
/// a feature the model cannot impute) are listed with the reason, never dropped.
/// </summary>
public static class ScoreWorkflow
{
    /// <summary>Runs the scoring.</summary>
    public static ScoreResult Run(ScoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var modelPath = Path.Combine(options.ModelDirectory, SegmentOutputs.Model);
        var json = ModelJson.Load(modelPath);
        var method = ReadMethod(json, modelPath);

        using var store = TransactionStore.InMemory();
        var cleaning = TransactionLoader.Load(store, options.Input, options.Mapping, options.Cleaning);
        var customers = options.Customers is null
            ? null
            : CustomerLoader.Load(
                store,
                options.Customers,
                options.CustomerMapping,
                options.CustomerCleaning ?? options.Cleaning
            );
        foreach (var survey in options.Surveys)
            SurveyLoader.Join(
                store,
                survey,
                options.SurveyMapping,
                (options.CustomerCleaning ?? options.Cleaning ?? CleaningOptions.Default) with
                {
                    Sheet = null,
                }
            );
        var features = CustomerFeatureSet.Compute(store, new FeatureOptions { AsOf = options.AsOf });

        var (transform, predict, centroids) = method switch
        {
            KMeansModel.MethodName => KMeans(KMeansModel.Load(modelPath)),
            KPrototypesModel.MethodName => KPrototypes(KPrototypesModel.Load(modelPath)),
            _ => throw new DataFormatException(
                modelPath,
                $"method '{method}' cannot score new customers",
                expected: $"{KMeansModel.MethodName} or {KPrototypesModel.MethodName}"
            ),
        };
        var wanted = transform.Columns.Select(c => c.Name).ToList();
        var unknown = wanted
            .Where(w => !features.NumericColumns.Contains(w) && !features.CategoricalColumns.Contains(w))
            .ToList();
        if (unknown.Count > 0)
            throw new OptionsException(
                $"the model needs features [{string.Join(", ", unknown)}] that cannot be computed from "
                    + $"{options.Input}: "
                    + string.Join(
                        "; ",
                        features.NotComputable.Where(n => unknown.Contains(n.Name)).Select(n => $"{n.Name}: {n.Reason}")
                    )
            );

        var table = features.ToFeatureTable(wanted);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in transform.Columns.Where(c => c.Kind == ColumnKind.Numeric && c.ImputeValue is null))
        {
            var values = table.Numeric(column.Name);
            for (var i = 0; i < table.Rows; i++)
            {
                if (!double.IsFinite(values[i]))
                    reasons.TryAdd(table.CustomerIds[i], options.Language.Format("Score_Undefined", column.Name));
            }
        }
        var scorable = Subset(table, transform, id => !reasons.ContainsKey(id));
        var labels = scorable.Rows == 0 ? [] : predict(scorable);
        var x = scorable.Rows == 0 ? null : transform.Transform(scorable);

        var names = PersonaNames(options.ModelDirectory);
        var result = new List<ScoredCustomer>();
        for (var i = 0; i < scorable.Rows; i++)
        {
            var segment = ClusterNames.Of(labels[i]);
            double? distance = centroids is null
                ? null
                : Math.Sqrt(
                    Enumerable
                        .Range(0, x!.Columns.Count)
                        .Sum(j => Math.Pow(x.Row(i)[j] - centroids.Row(labels[i])[j], 2))
                );
            result.Add(
                new ScoredCustomer(scorable.CustomerIds[i], segment, names.GetValueOrDefault(segment), distance, null)
            );
        }
        foreach (var (id, reason) in reasons)
            result.Add(new ScoredCustomer(id, null, null, null, reason));
        var scored = result.Select(r => r.CustomerId).ToHashSet(StringComparer.Ordinal);
        var noPurchase = options.Language.Format(
            "Score_NoPurchase",
            features.AsOf.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        );
        foreach (var id in CustomerIds(store).Where(id => !scored.Contains(id)))
            result.Add(new ScoredCustomer(id, null, null, null, noPurchase));
        result.Sort((a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));

        return new ScoreResult(
            method,
            features.AsOf,
            cleaning,
            customers,
            result,
            Migration(options.ModelDirectory, result)
        );
    }

    private static (FittedFeatureTransform, Func<FeatureTable, int[]>, FeatureMatrix?) KMeans(KMeansModel model) =>
        (
            model.Transform
                ?? throw new DataFormatException(SegmentOutputs.Model, "the model has no fitted feature transform"),
            model.Predict,
            model.Centroids
        );

    private static (FittedFeatureTransform, Func<FeatureTable, int[]>, FeatureMatrix?) KPrototypes(
        KPrototypesModel model
    ) =>
        (
            model.Transform
                ?? throw new DataFormatException(SegmentOutputs.Model, "the model has no fitted feature transform"),
            model.Predict,
            null
        );

    private static string ReadMethod(string json, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.GetProperty("method").GetString() ?? "";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new DataFormatException(path, "is not a model written by seg segment: " + e.Message.Split('\n')[0]);
        }
    }

    /// <summary>The rows of <paramref name="table"/> whose id passes <paramref name="keep"/>, with the transform's
    /// columns.</summary>
    private static FeatureTable Subset(FeatureTable table, FittedFeatureTransform transform, Func<string, bool> keep)
    {
        var rows = Enumerable.Range(0, table.Rows).Where(i => keep(table.CustomerIds[i])).ToArray();
        var subset = new FeatureTable(rows.Select(i => table.CustomerIds[i]).ToArray());
        foreach (var column in transform.Columns)
        {
            subset =
                column.Kind == ColumnKind.Numeric
                    ? subset.WithNumeric(column.Name, rows.Select(i => table.Numeric(column.Name)[i]).ToArray())
                    : subset.WithCategorical(
                        column.Name,
                        rows.Select(i => table.Categorical(column.Name)[i]).ToArray()
                    );
        }
        return subset;
    }

    /// <summary>Customers of the customer table and of the returns (who may have no clean purchase).</summary>
    private static IEnumerable<string> CustomerIds(TransactionStore store)
    {
        return new SortedSet<string>(
            store.Strings(
                $"SELECT customer_id FROM {TransactionStore.CustomersTable} UNION SELECT customer_id FROM "
                    + $"{TransactionStore.ReturnsTable}"
            ),
            StringComparer.Ordinal
        );
    }

    /// <summary>Segment → persona name from personas.json in the model folder (empty when absent).</summary>
    private static Dictionary<string, string> PersonaNames(string directory)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = Path.Combine(directory, "personas.json");
        if (!File.Exists(path))
            return names;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!document.RootElement.TryGetProperty("personas", out var personas))
            return names;
        foreach (var persona in personas.EnumerateArray())
        {
            if (persona.TryGetProperty("segment", out var segment) && persona.TryGetProperty("name", out var name))
                names[segment.GetString()!] = name.GetString()!;
        }
        return names;
    }

    /// <summary>Moves from the model folder's assignments.csv to the new segments, for customers in both.</summary>
    private static List<SegmentMove> Migration(string directory, IReadOnlyList<ScoredCustomer> scored)
    {
        var path = Path.Combine(directory, SegmentOutputs.Assignments);
        if (!File.Exists(path))
            return [];
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var comma = line.LastIndexOf(',');
            if (comma > 0)
                before[line[..comma].Trim('"')] = line[(comma + 1)..];
        }
        return scored
            .Where(s => s.Segment is not null && before.ContainsKey(s.CustomerId))
            .GroupBy(s => (From: before[s.CustomerId], To: s.Segment!))
            .OrderBy(g => g.Key.From, StringComparer.Ordinal)
            .ThenBy(g => g.Key.To, StringComparer.Ordinal)
            .Select(g => new SegmentMove(g.Key.From, g.Key.To, g.Count()))
            .ToList();
    }
}
