using System.Data.Common;
using System.Globalization;

namespace Segmentation.Data.Sql;

/// <summary>One row of a query's result, read by position (the same reading for every engine).</summary>
public abstract class SqlRow
{
    /// <summary>True when the value at <paramref name="ordinal"/> is NULL.</summary>
    public abstract bool IsNull(int ordinal);

    /// <summary>The value as text.</summary>
    public abstract string Text(int ordinal);

    /// <summary>The value as an exact decimal.</summary>
    public abstract decimal Decimal(int ordinal);

    /// <summary>The value as a 64-bit integer.</summary>
    public abstract long Long(int ordinal);

    /// <summary>The value as a double.</summary>
    public abstract double Double(int ordinal);

    /// <summary>The value as a 32-bit integer.</summary>
    public int Int(int ordinal) => checked((int)Long(ordinal));

    /// <summary>The value as an exact decimal, or null.</summary>
    public decimal? NullableDecimal(int ordinal) => IsNull(ordinal) ? null : Decimal(ordinal);
}

/// <summary>An engine that runs SQL of its <see cref="Dialect"/> and hands the rows back one at a time.</summary>
public interface ISqlEngine
{
    /// <summary>The dialect the engine reads.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Runs <paramref name="sql"/> and calls <paramref name="read"/> once per row (the row object is
    /// reused).</summary>
    void ForEachRow(string sql, Action<SqlRow> read);
}

/// <summary>The DuckDB engine of a <see cref="TransactionStore"/>.</summary>
public sealed class DuckDbEngine(TransactionStore store) : ISqlEngine
{
    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.DuckDb;

    /// <summary>The store the queries run in.</summary>
    public TransactionStore Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>
    /// Runs <paramref name="sql"/> and calls <paramref name="read"/> once per row (the row object is reused). The
    /// queries behind features and CLV each scan the whole log and hand back a row per customer, which the caller
    /// keeps: on a store on disk (a log past a GiB) DuckDB's cache goes back after each
    /// (<see cref="TransactionStore.ReleaseCache"/>) rather than sit beside millions of those rows.
    /// </summary>
    public void ForEachRow(string sql, Action<SqlRow> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using (var command = Store.Connection.CreateCommand())
        {
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            var row = new ReaderRow(reader);
            while (reader.Read())
                read(row);
        }
        Store.ReleaseCache();
    }

    private sealed class ReaderRow(DbDataReader reader) : SqlRow
    {
        public override bool IsNull(int ordinal) => reader.IsDBNull(ordinal);

        public override string Text(int ordinal) =>
            Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? "";

        public override decimal Decimal(int ordinal) => reader.GetDecimal(ordinal);

        public override long Long(int ordinal) =>
            Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

        public override double Double(int ordinal) => reader.GetDouble(ordinal);
    }
}

/// <summary>A row of text values (as text formats such as ClickHouse's TabSeparated give them), parsed with the
/// invariant culture.</summary>
public sealed class TextRow : SqlRow
{
    /// <summary>The values of the current row; null for NULL.</summary>
    public IReadOnlyList<string?> Values { get; set; } = [];

    /// <inheritdoc />
    public override bool IsNull(int ordinal) => Values[ordinal] is null;

    /// <inheritdoc />
    public override string Text(int ordinal) =>
        Values[ordinal]
        ?? throw new InvalidOperationException(FormattableString.Invariant($"column {ordinal} is NULL"));

    /// <inheritdoc />
    public override decimal Decimal(int ordinal) =>
        decimal.Parse(Text(ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override long Long(int ordinal) =>
        long.Parse(Text(ordinal), NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override double Double(int ordinal) =>
        Text(ordinal) switch
        {
            "inf" or "+inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            "nan" or "-nan" => double.NaN,
            var text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
}
