using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// Raw categorical values of customers (rows) × categorical columns, the categorical input of k-prototypes.
/// A missing value (null) becomes the category <see cref="FittedColumn.MissingCategory"/>. Immutable.
/// </summary>
public sealed class CategoricalMatrix
{
    private readonly string[] values;

    /// <summary>Creates a matrix from its columns (<paramref name="columnValues"/>[column][row]); values are
    /// copied.</summary>
    public CategoricalMatrix(
        IReadOnlyList<string> columns,
        IReadOnlyList<IReadOnlyList<string?>> columnValues,
        IReadOnlyList<string>? rowKeys = null
    )
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(columnValues);
        if (columns.Count == 0)
            throw new OptionsException("categorical columns=0 must be >= 1");
        if (columnValues.Count != columns.Count)
            throw new OptionsException(
                FormattableString.Invariant($"column values={columnValues.Count} must equal columns={columns.Count}")
            );
        Columns = columns.ToArray();
        Rows = columnValues[0].Count;
        values = new string[Rows * Columns.Count];
        for (var j = 0; j < Columns.Count; j++)
        {
            if (columnValues[j].Count != Rows)
                throw new OptionsException(
                    FormattableString.Invariant(
                        $"column '{Columns[j]}' has values={columnValues[j].Count}; must equal rows={Rows}"
                    )
                );
            for (var i = 0; i < Rows; i++)
                values[i * Columns.Count + j] = FittedColumn.CategoryOf(columnValues[j][i]);
        }
        RowKeys = MatrixShape.RowKeys(rowKeys, Rows);
    }

    /// <summary>Builds a matrix from rows (each with one value per column).</summary>
    public static CategoricalMatrix FromRows(
        IReadOnlyList<string> columns,
        IReadOnlyList<string?[]> rows,
        IReadOnlyList<string>? rowKeys = null
    )
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        MatrixShape.EnsureRowWidths(rows, columns.Count);
        var byColumn = Enumerable
            .Range(0, columns.Count)
            .Select(j => (IReadOnlyList<string?>)rows.Select(r => r[j]).ToArray())
            .ToArray();
        return new CategoricalMatrix(columns, byColumn, rowKeys);
    }

    /// <summary>The named categorical columns of a feature table, keyed by customer id.</summary>
    public static CategoricalMatrix FromTable(FeatureTable table, IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(columns);
        return new CategoricalMatrix(columns, columns.Select(table.Categorical).ToArray(), table.CustomerIds);
    }

    /// <summary>The given rows, in the given order, under the given row keys (what a resampled numeric matrix needs
    /// beside it).</summary>
    internal CategoricalMatrix SelectRows(IReadOnlyList<int> rows, IReadOnlyList<string> rowKeys) =>
        new(
            Columns,
            Enumerable
                .Range(0, ColumnCount)
                .Select(j => (IReadOnlyList<string?>)rows.Select(i => this[i, j]).ToArray())
                .ToArray(),
            rowKeys
        );

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Row keys (customer ids), one per row.</summary>
    public IReadOnlyList<string> RowKeys { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>Number of columns.</summary>
    public int ColumnCount => Columns.Count;

    /// <summary>The category at <paramref name="row"/>, <paramref name="column"/> (never null).</summary>
    public string this[int row, int column] => values[row * Columns.Count + column];

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"CategoricalMatrix: {Rows} rows × {Columns.Count} columns");
}
