using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>What one transform step does to a numeric column.</summary>
public enum TransformKind
{
    /// <summary><c>ln(1 + x)</c>; values must be &gt; -1. For skewed amounts and counts.</summary>
    Log1p,

    /// <summary>Clamps to the training quantiles
    /// <see cref="TransformStep.LowerQuantile"/>..<see cref="TransformStep.UpperQuantile"/> (winsorising).</summary>
    Clip,

    /// <summary><c>(x − mean) / sd</c>, population standard deviation (as scikit-learn's StandardScaler).</summary>
    ZScore,

    /// <summary><c>(x − median) / IQR</c>, interquartile range Q3 − Q1 (linear-interpolation quantiles).</summary>
    RobustScale,

    /// <summary><c>(x − min) / (max − min)</c>, into [0, 1] on the training data.</summary>
    MinMax,
}

/// <summary>Whether a column is encoded as a number or one-hot as categories.</summary>
public enum ColumnKind
{
    /// <summary>A numeric column, transformed by its steps.</summary>
    Numeric,

    /// <summary>A categorical column, one-hot encoded (missing is its own category).</summary>
    Categorical,
}

/// <summary>What to do with a missing (NaN) numeric value.</summary>
public enum MissingValues
{
    /// <summary>Throw an error naming the column and the customer.</summary>
    Error,

    /// <summary>Replace with the training median of the raw column.</summary>
    ImputeMedian,

    /// <summary>Replace with the training mean of the raw column.</summary>
    ImputeMean,
}

/// <summary>One transform of a numeric column; steps apply in order (e.g. log1p, then clip, then z-score).</summary>
/// <param name="Kind">What the step does.</param>
/// <param name="LowerQuantile">For <see cref="TransformKind.Clip"/>: the lower quantile in [0, 1).</param>
/// <param name="UpperQuantile">For <see cref="TransformKind.Clip"/>: the upper quantile in (0, 1].</param>
public sealed record TransformStep(TransformKind Kind, double LowerQuantile = 0, double UpperQuantile = 1)
{
    /// <summary><c>ln(1 + x)</c>.</summary>
    public static TransformStep Log1p { get; } = new(TransformKind.Log1p);

    /// <summary>Z-score standardisation.</summary>
    public static TransformStep ZScore { get; } = new(TransformKind.ZScore);

    /// <summary>Robust scaling by median and IQR.</summary>
    public static TransformStep RobustScale { get; } = new(TransformKind.RobustScale);

    /// <summary>Min-max scaling into [0, 1].</summary>
    public static TransformStep MinMax { get; } = new(TransformKind.MinMax);

    /// <summary>Clipping at the training quantiles (default 1 % and 99 %).</summary>
    public static TransformStep Clip(double lowerQuantile = 0.01, double upperQuantile = 0.99) =>
        new(TransformKind.Clip, lowerQuantile, upperQuantile);
}

/// <summary>
/// One input column of a <see cref="FeaturePipeline"/>: its name in the <see cref="FeatureTable"/>, how it is encoded,
/// and its weight. The weight <c>w</c> multiplies the column's contribution to squared Euclidean distance: values are
/// multiplied by √w, so <c>Weight = 2</c> counts the column as if it appeared twice.
/// </summary>
public sealed record ColumnSpec
{
    /// <summary>Column name in the feature table.</summary>
    public required string Name { get; init; }

    /// <summary>Numeric (transformed) or categorical (one-hot).</summary>
    public ColumnKind Kind { get; init; } = ColumnKind.Numeric;

    /// <summary>Transforms applied in order to a numeric column; empty = raw values.</summary>
    public IReadOnlyList<TransformStep> Transforms { get; init; } = [];

    /// <summary>Weight &gt; 0 on squared distance (values scaled by √weight). Default 1.</summary>
    public double Weight { get; init; } = 1;

    /// <summary>Missing numeric values: an error (default) or imputation with a training statistic.</summary>
    public MissingValues Missing { get; init; } = MissingValues.Error;

    /// <summary>A numeric column with the given transform steps.</summary>
    public static ColumnSpec Numeric(string name, params TransformStep[] transforms) =>
        new() { Name = name, Transforms = transforms };

    /// <summary>A categorical column, one-hot encoded.</summary>
    public static ColumnSpec Categorical(string name) => new() { Name = name, Kind = ColumnKind.Categorical };
}

/// <summary>
/// The specification of a feature matrix: which columns of a <see cref="FeatureTable"/>, how each is transformed,
/// encoded and weighted. <see cref="Fit"/> learns the statistics (means, quantiles, categories) once, on training
/// customers; the resulting <see cref="FittedFeatureTransform"/> turns any table — including new customers — into
/// the same feature space.
/// </summary>
public sealed record FeaturePipeline
{
    /// <summary>Creates a pipeline from its column specifications (output columns follow this order).</summary>
    public FeaturePipeline(IReadOnlyList<ColumnSpec> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns.ToArray();
        Validate();
    }

    /// <summary>Creates a pipeline from its column specifications.</summary>
    public FeaturePipeline(params ColumnSpec[] columns)
        : this((IReadOnlyList<ColumnSpec>)columns) { }

    /// <summary>The column specifications, in output order.</summary>
    public IReadOnlyList<ColumnSpec> Columns { get; }

    /// <summary>A common default: every numeric column z-scored, every categorical column one-hot, all weights
    /// 1.</summary>
    public static FeaturePipeline Standard(FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new FeaturePipeline(
            table
                .NumericColumns.Select(c => ColumnSpec.Numeric(c, TransformStep.ZScore))
                .Concat(table.CategoricalColumns.Select(ColumnSpec.Categorical))
                .ToArray()
        );
    }

    /// <summary>
    /// The encoding used for clustering by the workflow and the notebooks: shares (<c>*_share</c>) z-scored, a customer
    /// without a known share getting the median; the behaviour and value features of the catalog (counts, days, money)
    /// log1p then z-scored; other numeric columns (attributes, survey answers) log1p then z-scored when they are
    /// non-negative and right-skewed (skewness &gt; 1), z-scored otherwise, missing answers imputed with the median;
    /// categories one-hot.
    /// </summary>
    public static FeaturePipeline Default(
        FeatureTable table,
        IReadOnlyList<string> numeric,
        IReadOnlyList<string> categorical
    )
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(numeric);
        ArgumentNullException.ThrowIfNull(categorical);
        var specs = numeric
            .Select(f => DefaultSpec(f, table.HasNumeric(f) ? table.Numeric(f) : []))
            .Concat(categorical.Select(ColumnSpec.Categorical));
        return new FeaturePipeline(specs.ToArray());
    }

    private static ColumnSpec DefaultSpec(string name, IReadOnlyList<double> values)
    {
        if (name.EndsWith("_share", StringComparison.Ordinal))
            return ColumnSpec.Numeric(name, TransformStep.ZScore) with { Missing = MissingValues.ImputeMedian };
        if (Features.FeatureCatalog.Find(name) is not null)
            return ColumnSpec.Numeric(name, TransformStep.Log1p, TransformStep.ZScore);
        var present = values.Where(double.IsFinite).ToArray();
        var skewed = present.Length > 2 && present.Min() >= 0 && SampleStatistics.Skewness(present) > 1;
        var spec = skewed
            ? ColumnSpec.Numeric(name, TransformStep.Log1p, TransformStep.ZScore)
            : ColumnSpec.Numeric(name, TransformStep.ZScore);
        return spec with { Missing = MissingValues.ImputeMedian };
    }

    /// <summary>Learns every statistic the transforms need from <paramref name="table"/>.</summary>
    public FittedFeatureTransform Fit(FeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new FittedFeatureTransform(Columns.Select(spec => FitColumn(spec, table)).ToArray());
    }

    private static FittedColumn FitColumn(ColumnSpec spec, FeatureTable table)
    {
        if (spec.Kind == ColumnKind.Categorical)
        {
            if (!table.HasCategorical(spec.Name))
                throw MissingColumn(spec, table);
            var categories = table
                .Categorical(spec.Name)
                .Select(FittedColumn.CategoryOf)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            return new FittedColumn(
                spec.Name,
                ColumnKind.Categorical,
                spec.Weight,
                MissingValues.Error,
                null,
                [],
                categories
            );
        }

        if (!table.HasNumeric(spec.Name))
            throw MissingColumn(spec, table);
        var raw = table.Numeric(spec.Name);
        double? imputeValue = spec.Missing switch
        {
            MissingValues.ImputeMedian => Statistic(spec.Name, raw, values => SampleStatistics.Quantile(values, 0.5)),
            MissingValues.ImputeMean => Statistic(spec.Name, raw, SampleStatistics.Mean),
            _ => null,
        };
        var fitted = new FittedColumn(spec.Name, ColumnKind.Numeric, spec.Weight, spec.Missing, imputeValue, [], []);
        var current = new double[table.Rows];
        for (var i = 0; i < current.Length; i++)
            current[i] = fitted.Prepare(raw[i], table.CustomerIds[i], i);

        var steps = new List<FittedStep>();
        foreach (var step in spec.Transforms)
        {
            var fittedStep = FitStep(step, current);
            for (var i = 0; i < current.Length; i++)
                current[i] = fittedStep.Apply(current[i], spec.Name, table.CustomerIds[i], i);
            steps.Add(fittedStep);
        }
        return fitted with { Steps = steps };
    }

    private static FittedStep FitStep(TransformStep step, double[] values)
    {
        switch (step.Kind)
        {
            case TransformKind.Log1p:
                return new FittedStep(TransformKind.Log1p);
            case TransformKind.Clip:
                var sorted = Sorted(values);
                return new FittedStep(
                    TransformKind.Clip,
                    Lower: SampleStatistics.QuantileOfSorted(sorted, step.LowerQuantile),
                    Upper: SampleStatistics.QuantileOfSorted(sorted, step.UpperQuantile)
                );
            case TransformKind.ZScore:
                var mean = SampleStatistics.Mean(values);
                return new FittedStep(
                    TransformKind.ZScore,
                    mean,
                    NonZero(SampleStatistics.PopulationStandardDeviation(values, mean))
                );
            case TransformKind.RobustScale:
                var ordered = Sorted(values);
                var interquartileRange =
                    SampleStatistics.QuantileOfSorted(ordered, 0.75) - SampleStatistics.QuantileOfSorted(ordered, 0.25);
                return new FittedStep(
                    TransformKind.RobustScale,
                    SampleStatistics.QuantileOfSorted(ordered, 0.5),
                    NonZero(interquartileRange)
                );
            case TransformKind.MinMax:
                var min = values.Min();
                return new FittedStep(TransformKind.MinMax, min, NonZero(values.Max() - min));
            default:
                throw new OptionsException($"transform={step.Kind} is not supported");
        }
    }

    // A constant column would divide by zero: it is centred instead (every value becomes 0).
    private static double NonZero(double scale) => scale > 0 ? scale : 1;

    private static double[] Sorted(double[] values)
    {
        var sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted;
    }

    private static double Statistic(string column, IReadOnlyList<double> raw, Func<double[], double> statistic)
    {
        var present = raw.Where(double.IsFinite).ToArray();
        if (present.Length == 0)
            throw new OptionsException($"column '{column}' has no finite value to impute from");
        return statistic(present);
    }

    private static OptionsException MissingColumn(ColumnSpec spec, FeatureTable table)
    {
        var kind = spec.Kind == ColumnKind.Numeric ? "numeric" : "categorical";
        var hint =
            spec.Kind == ColumnKind.Numeric && table.HasCategorical(spec.Name) ? " (the table has it as categorical)"
            : spec.Kind == ColumnKind.Categorical && table.HasNumeric(spec.Name) ? " (the table has it as numeric)"
            : "";
        return new OptionsException(
            $"{kind} column '{spec.Name}' not found{hint}; the table has numeric "
                + $"[{string.Join(", ", table.NumericColumns)}] and categorical "
                + $"[{string.Join(", ", table.CategoricalColumns)}]"
        );
    }

    private void Validate()
    {
        if (Columns.Count == 0)
            throw new OptionsException("columns=0 must be >= 1");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spec in Columns)
        {
            if (spec is null)
                throw new OptionsException("column spec must not be null");
            if (string.IsNullOrWhiteSpace(spec.Name))
                throw new OptionsException("column name must not be empty");
            if (!seen.Add(spec.Name))
                throw new OptionsException($"column '{spec.Name}' is listed twice");
            if (!(spec.Weight > 0) || !double.IsFinite(spec.Weight))
                throw new OptionsException(
                    FormattableString.Invariant($"weight={spec.Weight} of column '{spec.Name}' must be > 0 and finite")
                );
            if (spec.Kind == ColumnKind.Categorical && spec.Transforms.Count > 0)
                throw new OptionsException(
                    FormattableString.Invariant(
                        $"categorical column '{spec.Name}' has transforms={spec.Transforms.Count}; must be "
                    ) + "0 (it is one-hot encoded)"
                );
            foreach (var step in spec.Transforms)
            {
                if (step is null)
                    throw new OptionsException($"column '{spec.Name}' has a null transform");
                if (step.Kind != TransformKind.Clip)
                    continue;
                if (!(step.LowerQuantile >= 0 && step.LowerQuantile < step.UpperQuantile && step.UpperQuantile <= 1))
                    throw new OptionsException(
                        FormattableString.Invariant(
                            $"clip of column '{spec.Name}': lowerQuantile={step.LowerQuantile} must be >= 0 "
                        ) + FormattableString.Invariant($"and < upperQuantile={step.UpperQuantile}, which must be <= 1")
                    );
            }
        }
    }
}
