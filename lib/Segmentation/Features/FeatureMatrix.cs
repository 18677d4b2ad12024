namespace Segmentation.Features;

/// <summary>
/// A dense numeric matrix of customers (rows) × features (columns), row-major, with column names
/// and one row key (customer id) per row. Immutable: the input of clustering and of every metric.
/// </summary>
public sealed class FeatureMatrix
{
    private readonly double[] values;

    /// <summary>Creates a matrix; <paramref name="values"/> is row-major and copied.</summary>
    public FeatureMatrix(IReadOnlyList<string> columns, double[] values, IReadOnlyList<string>? rowKeys = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (columns.Count == 0)
            throw new OptionsException("columns=0 must be >= 1");
        if (values.Length % columns.Count != 0)
            throw new OptionsException(
                FormattableString.Invariant($"values={values.Length} must be a multiple of columns={columns.Count}")
            );
        Columns = columns.ToArray();
        this.values = (double[])values.Clone();
        Rows = values.Length / columns.Count;
        RowKeys = MatrixShape.RowKeys(rowKeys, Rows);
    }

    /// <summary>Builds a matrix from jagged rows (each of the same length).</summary>
    public static FeatureMatrix FromRows(
        IReadOnlyList<string> columns,
        IReadOnlyList<double[]> rows,
        IReadOnlyList<string>? rowKeys = null
    )
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        MatrixShape.EnsureRowWidths(rows, columns.Count);
        var data = new double[rows.Count * columns.Count];
        for (var i = 0; i < rows.Count; i++)
            rows[i].CopyTo(data, i * columns.Count);
        return new FeatureMatrix(columns, data, rowKeys);
    }

    /// <summary>Column (feature) names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Row keys (customer ids), one per row.</summary>
    public IReadOnlyList<string> RowKeys { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount => Columns.Count;

    /// <summary>Value at row <paramref name="row"/>, column <paramref name="column"/>.</summary>
    public double this[int row, int column] => values[row * Columns.Count + column];

    /// <summary>One row as a read-only span.</summary>
    public ReadOnlySpan<double> Row(int row) => values.AsSpan(row * Columns.Count, Columns.Count);

    /// <summary>The row-major values as a read-only span.</summary>
    public ReadOnlySpan<double> Values => values;

    /// <summary>The mean of every column, summed in row order.</summary>
    public double[] ColumnMeans()
    {
        var d = ColumnCount;
        var mean = new double[d];
        for (var i = 0; i < Rows; i++)
        {
            var row = Row(i);
            for (var f = 0; f < d; f++)
                mean[f] += row[f];
        }
        for (var f = 0; f < d; f++)
            mean[f] /= Rows;
        return mean;
    }

    /// <summary>The sub-matrix of the given rows, in the given order.</summary>
    public FeatureMatrix SelectRows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var data = new double[rows.Count * Columns.Count];
        var keys = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            Row(rows[i]).CopyTo(data.AsSpan(i * Columns.Count, Columns.Count));
            keys[i] = RowKeys[rows[i]];
        }
        return new FeatureMatrix(Columns, data, keys);
    }

    /// <summary>Throws <see cref="OptionsException"/> naming the first NaN or infinite value.</summary>
    public void EnsureFinite()
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
                throw new OptionsException(
                    FormattableString.Invariant($"feature '{Columns[i % Columns.Count]}' of row {i / Columns.Count} ")
                        + FormattableString.Invariant(
                            $"('{RowKeys[i / Columns.Count]}') is {values[i]}; expected a finite number"
                        )
                );
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"FeatureMatrix: {Rows} rows × {Columns.Count} columns");
}
