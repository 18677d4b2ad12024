namespace Segmentation.Features;

/// <summary>
/// A simple per-customer table before encoding: customer ids plus named numeric columns
/// (<see cref="double.NaN"/> = missing) and named categorical columns (<c>null</c> = missing).
/// Immutable: the <c>With…</c> methods return a new table. Column names are unique across both kinds.
/// </summary>
/// <example>
/// <code>
/// var table = new FeatureTable(ids)
///     .WithNumeric("monetary", monetary)
///     .WithCategorical("channel", channels);
/// </code>
/// </example>
public sealed class FeatureTable
{
    private readonly string[] customerIds;
    private readonly (string Name, double[] Values)[] numeric;
    private readonly (string Name, string?[] Values)[] categorical;

    /// <summary>Creates a table with the given customer ids and no columns yet.</summary>
    public FeatureTable(IReadOnlyList<string> customerIds)
        : this(CheckIds(customerIds), [], []) { }

    private FeatureTable(string[] customerIds, (string, double[])[] numeric, (string, string?[])[] categorical)
    {
        this.customerIds = customerIds;
        this.numeric = numeric;
        this.categorical = categorical;
    }

    /// <summary>Customer ids, one per row.</summary>
    public IReadOnlyList<string> CustomerIds => customerIds;

    /// <summary>Number of rows (customers).</summary>
    public int Rows => customerIds.Length;

    /// <summary>Names of the numeric columns, in the order they were added.</summary>
    public IReadOnlyList<string> NumericColumns => numeric.Select(c => c.Name).ToArray();

    /// <summary>Names of the categorical columns, in the order they were added.</summary>
    public IReadOnlyList<string> CategoricalColumns => categorical.Select(c => c.Name).ToArray();

    /// <summary>A new table with one more numeric column; <paramref name="values"/> is copied (NaN =
    /// missing).</summary>
    public FeatureTable WithNumeric(string name, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckNewColumn(name, values.Count);
        return new FeatureTable(customerIds, [.. numeric, (name, values.ToArray())], categorical);
    }

    /// <summary>A new table with one more categorical column; <paramref name="values"/> is copied (null =
    /// missing).</summary>
    public FeatureTable WithCategorical(string name, IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        CheckNewColumn(name, values.Count);
        return new FeatureTable(customerIds, numeric, [.. categorical, (name, values.ToArray())]);
    }

    /// <summary>
    /// <see cref="WithNumeric"/> and <see cref="WithCategorical"/> without the copy, for columns built for this table
    /// alone: at millions of customers each copy is a large-object array the GC keeps until its next full collection.
    /// </summary>
    internal FeatureTable WithOwnColumn(string name, double[] values)
    {
        CheckNewColumn(name, values.Length);
        return new FeatureTable(customerIds, [.. numeric, (name, values)], categorical);
    }

    /// <inheritdoc cref="WithOwnColumn(string, double[])"/>
    internal FeatureTable WithOwnColumn(string name, string?[] values)
    {
        CheckNewColumn(name, values.Length);
        return new FeatureTable(customerIds, numeric, [.. categorical, (name, values)]);
    }

    /// <summary>True when a numeric column of that name exists.</summary>
    public bool HasNumeric(string name) => Array.FindIndex(numeric, c => c.Name == name) >= 0;

    /// <summary>True when a categorical column of that name exists.</summary>
    public bool HasCategorical(string name) => Array.FindIndex(categorical, c => c.Name == name) >= 0;

    /// <summary>The values of a numeric column; throws <see cref="OptionsException"/> naming the known columns when
    /// absent.</summary>
    public IReadOnlyList<double> Numeric(string name)
    {
        var index = Array.FindIndex(numeric, c => c.Name == name);
        if (index < 0)
            throw new OptionsException(
                $"numeric column '{name}' not found; numeric columns are [{string.Join(", ", NumericColumns)}]"
            );
        return Array.AsReadOnly(numeric[index].Values);
    }

    /// <summary>The values of a categorical column; throws <see cref="OptionsException"/> naming the known columns when
    /// absent.</summary>
    public IReadOnlyList<string?> Categorical(string name)
    {
        var index = Array.FindIndex(categorical, c => c.Name == name);
        if (index < 0)
            throw new OptionsException(
                $"categorical column '{name}' not found; categorical columns are "
                    + $"[{string.Join(", ", CategoricalColumns)}]"
            );
        return Array.AsReadOnly(categorical[index].Values);
    }

    /// <summary>A table holding every column of a numeric matrix, keyed by its row keys.</summary>
    public static FeatureTable FromMatrix(FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var table = new FeatureTable(matrix.RowKeys);
        for (var j = 0; j < matrix.ColumnCount; j++)
        {
            var column = new double[matrix.Rows];
            for (var i = 0; i < matrix.Rows; i++)
                column[i] = matrix[i, j];
            table = table.WithOwnColumn(matrix.Columns[j], column);
        }
        return table;
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant(
            $"FeatureTable: {Rows} rows, {numeric.Length} numeric and {categorical.Length} categorical columns"
        );

    private void CheckNewColumn(string name, int count)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new OptionsException("column name must not be empty");
        if (HasNumeric(name) || HasCategorical(name))
            throw new OptionsException($"column '{name}' already exists");
        if (count != Rows)
            throw new OptionsException(
                FormattableString.Invariant($"column '{name}' has values={count}; must equal rows={Rows}")
            );
    }

    private static string[] CheckIds(IReadOnlyList<string> customerIds)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        var ids = customerIds.ToArray();
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] is null)
                throw new OptionsException(FormattableString.Invariant($"customer id of row {i} is null"));
        }
        return ids;
    }
}
