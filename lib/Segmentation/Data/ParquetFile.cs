using DuckDB.NET.Data;
using Segmentation.Data.Sql;

namespace Segmentation.Data;

/// <summary>
/// A column of a file written by <see cref="ParquetFile.Write{TRow}"/>: its name, its SQL type and how a row gives its
/// value.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
public sealed class ParquetColumn<TRow>
{
    private ParquetColumn(string name, string sqlType, Func<IDuckDBAppenderRow, TRow, IDuckDBAppenderRow> append)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        SqlType = sqlType;
        Append = append;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The column's DuckDB type (VARCHAR, DOUBLE, DECIMAL(38,s)).</summary>
    public string SqlType { get; }

    internal Func<IDuckDBAppenderRow, TRow, IDuckDBAppenderRow> Append { get; }

    /// <summary>A VARCHAR column (null = NULL).</summary>
    public static ParquetColumn<TRow> Text(string name, Func<TRow, string?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, "VARCHAR", (line, row) => line.AppendValue(value(row)));
    }

    /// <summary>A DOUBLE column (null = NULL).</summary>
    public static ParquetColumn<TRow> Double(string name, Func<TRow, double?> value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(name, "DOUBLE", (line, row) => line.AppendValue(value(row)));
    }

    /// <summary>A DECIMAL(38, <paramref name="scale"/>) column.</summary>
    public static ParquetColumn<TRow> Decimal(string name, Func<TRow, decimal> value, int scale)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, 38);
        return new(name, $"DECIMAL(38,{scale})", (line, row) => line.AppendValue(value(row)));
    }
}

/// <summary>
/// Writes rows as a Parquet file through an in-memory DuckDB database (one thread, rows in the order given), so the
/// same rows give the same bytes. DuckDB is Data's engine: the writers in Reports describe columns, this writes them.
/// </summary>
public static class ParquetFile
{
    /// <summary>Writes <paramref name="rows"/> to <paramref name="path"/>, one column per entry of
    /// <paramref name="columns"/>.</summary>
    public static void Write<TRow>(string path, IReadOnlyList<ParquetColumn<TRow>> columns, IEnumerable<TRow> rows)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (columns.Count == 0)
            throw new ArgumentException("a Parquet file needs at least one column", nameof(columns));
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "SET threads = 1");
        var schema = string.Join(", ", columns.Select(c => $"{SqlText.Identifier(c.Name)} {c.SqlType}"));
        Execute(connection, $"CREATE TABLE parquet_rows ({schema})");
        using (var appender = connection.CreateAppender("parquet_rows"))
        {
            foreach (var row in rows)
            {
                var line = appender.CreateRow();
                foreach (var column in columns)
                    line = column.Append(line, row);
                line.EndRow();
            }
        }
        var target = SqlText.Literal(Path.GetFullPath(path));
        Execute(connection, $"COPY (SELECT * FROM parquet_rows ORDER BY rowid) TO {target} (FORMAT parquet)");
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
