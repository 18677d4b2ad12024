using System.Text.Json.Serialization;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>One fitted transform step: the statistics learned on the training customers.</summary>
/// <param name="Kind">What the step does.</param>
/// <param name="Location">Subtracted before scaling (mean, median or minimum); unused by log1p and clip.</param>
/// <param name="Scale">Divisor (sd, IQR or range; 1 for a constant column); unused by log1p and clip.</param>
/// <param name="Lower">Clip: the lower bound (the training quantile).</param>
/// <param name="Upper">Clip: the upper bound (the training quantile).</param>
public sealed record FittedStep(
    TransformKind Kind,
    double Location = 0,
    double Scale = 1,
    double Lower = 0,
    double Upper = 0
)
{
    internal double Apply(double value, string column, string customerId, int row) =>
        Kind switch
        {
            TransformKind.Log1p => value > -1
                ? Math.Log(1 + value)
                : throw new DataFormatException(
                    FeatureTableSource,
                    FormattableString.Invariant($"log1p needs a value > -1 for customer '{customerId}' (row {row})"),
                    column: column,
                    value: value.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    expected: "a value > -1 (shift the column or drop the log1p step)"
                ),
            TransformKind.Clip => Math.Clamp(value, Lower, Upper),
            _ => (value - Location) / Scale,
        };

    internal const string FeatureTableSource = "feature table";
}

/// <summary>One fitted input column: its encoding, weight and learned statistics.</summary>
/// <param name="Name">Column name in the feature table.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Weight">Weight on squared distance (values are multiplied by √weight).</param>
/// <param name="Missing">Policy for missing numeric values.</param>
/// <param name="ImputeValue">The training statistic used for imputation, when <paramref name="Missing"/>
/// imputes.</param>
/// <param name="Steps">Fitted numeric transform steps, in order.</param>
/// <param name="Categories">Categorical: the training categories in ordinal order (one output column each).</param>
public sealed record FittedColumn(
    string Name,
    ColumnKind Kind,
    double Weight,
    MissingValues Missing,
    double? ImputeValue,
    IReadOnlyList<FittedStep> Steps,
    IReadOnlyList<string> Categories
)
{
    /// <summary>The category a missing (null) categorical value becomes.</summary>
    public const string MissingCategory = "(missing)";

    /// <summary>Output column names: the name itself for a numeric column, <c>name=category</c> for each
    /// category.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> OutputColumns =>
        Kind == ColumnKind.Numeric ? [Name] : Categories.Select(c => $"{Name}={c}").ToArray();

    internal static string CategoryOf(string? value) => value ?? MissingCategory;

    /// <summary>The raw value after the missing-value policy (before the steps).</summary>
    internal double Prepare(double raw, string customerId, int row)
    {
        if (double.IsNaN(raw))
        {
            return ImputeValue
                ?? throw new DataFormatException(
                    FittedStep.FeatureTableSource,
                    FormattableString.Invariant($"value is missing (NaN) for customer '{customerId}' (row {row})"),
                    column: Name,
                    expected: "a number, or ColumnSpec.Missing = ImputeMedian / ImputeMean"
                );
        }
        if (double.IsInfinity(raw))
        {
            throw new DataFormatException(
                FittedStep.FeatureTableSource,
                FormattableString.Invariant($"value is infinite for customer '{customerId}' (row {row})"),
                column: Name,
                value: raw.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                expected: "a finite number"
            );
        }
        return raw;
    }
}

/// <summary>
/// A fitted <see cref="FeaturePipeline"/>: the statistics learned on the training customers (means, sds, quantiles,
/// categories). Immutable and JSON-serialisable without any customer row; it belongs to the model, so new customers
/// are encoded exactly as the training customers were. Unseen categories encode as all zeros.
/// </summary>
public sealed class FittedFeatureTransform
{
    /// <summary>Creates a fitted transform from its columns (normally produced by <see cref="FeaturePipeline.Fit"/> or
    /// loaded from JSON).</summary>
    [JsonConstructor]
    public FittedFeatureTransform(IReadOnlyList<FittedColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Count == 0)
            throw new OptionsException("columns=0 must be >= 1");
        Columns = columns.ToArray();
        var output = Columns.SelectMany(c => c.OutputColumns).ToArray();
        if (output.Length == 0)
            throw new OptionsException("the fitted transform has no output column");
        var duplicate = output.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new OptionsException($"output column '{duplicate.Key}' appears twice");
        OutputColumns = output;
    }

    /// <summary>The fitted input columns, in output order.</summary>
    public IReadOnlyList<FittedColumn> Columns { get; }

    /// <summary>Names of the columns of the produced <see cref="FeatureMatrix"/>.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> OutputColumns { get; }

    /// <summary>Encodes <paramref name="table"/> into the fitted feature space (rows keyed by customer id).</summary>
    public FeatureMatrix Transform(FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var width = OutputColumns.Count;
        var values = new double[table.Rows * width];
        var offset = 0;
        foreach (var column in Columns)
        {
            var factor = Math.Sqrt(column.Weight);
            if (column.Kind == ColumnKind.Categorical)
            {
                var raw = table.Categorical(column.Name);
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var c = 0; c < column.Categories.Count; c++)
                    index[column.Categories[c]] = c;
                for (var i = 0; i < table.Rows; i++)
                {
                    if (index.TryGetValue(FittedColumn.CategoryOf(raw[i]), out var c))
                        values[i * width + offset + c] = factor;
                }
                offset += column.Categories.Count;
                continue;
            }

            var numbers = table.Numeric(column.Name);
            for (var i = 0; i < table.Rows; i++)
            {
                var value = column.Prepare(numbers[i], table.CustomerIds[i], i);
                foreach (var step in column.Steps)
                    value = step.Apply(value, column.Name, table.CustomerIds[i], i);
                values[i * width + offset] = value * factor;
            }
            offset++;
        }
        return new FeatureMatrix(OutputColumns, values, table.CustomerIds);
    }

    /// <summary>The fitted transform as JSON (no customer rows).</summary>
    public string ToJson() => ModelJson.Serialize(this);

    /// <summary>Reads a fitted transform written by <see cref="ToJson"/>.</summary>
    public static FittedFeatureTransform FromJson(string json) =>
        ModelJson.Deserialize<FittedFeatureTransform>(json, "fitted feature transform");

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant(
            $"FittedFeatureTransform: {Columns.Count} input columns -> {OutputColumns.Count} features"
        );
}
