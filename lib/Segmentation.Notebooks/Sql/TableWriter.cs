using System.Globalization;
using System.Numerics;
using System.Reflection;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Microsoft.Data.Analysis;

namespace Segmentation.Notebooks.Sql;

/// <summary>Copies a DataFrame or a sequence of records into a DuckDB table (created or replaced), one typed SQL column
/// per column or property.</summary>
internal static partial class TableWriter
{
    public static void Write(DuckDBConnection connection, string table, DataFrame frame)
    {
        var columns = frame.Columns.Select(c => (c.Name, c.DataType)).ToArray();
        Create(connection, table, columns);
        using var appender = connection.CreateAppender(table);
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            var row = appender.CreateRow();
            foreach (var column in frame.Columns)
                Append(row, column[r]);
            row.EndRow();
        }
    }

    public static void Write<T>(DuckDBConnection connection, string table, IEnumerable<T> rows)
    {
        var members = typeof(T)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true })
            .Select(p => (p.Name, Type: p.PropertyType, Read: (Func<object, object?>)p.GetValue))
            .Concat(
                typeof(T)
                    .GetFields(BindingFlags.Public | BindingFlags.Instance)
                    .Select(f => (f.Name, Type: f.FieldType, Read: (Func<object, object?>)f.GetValue))
            )
            .ToArray();
        if (members.Length == 0)
            throw new SqlRegistrationException(
                $"Sql.Register(\"{table}\"): {typeof(T).Name} has no public properties to store as columns"
            );
        Create(connection, table, members.Select(m => (m.Name, m.Type)).ToArray());
        using var appender = connection.CreateAppender(table);
        foreach (var item in rows)
        {
            var row = appender.CreateRow();
            foreach (var member in members)
                Append(row, item is null ? null : member.Read(item));
            row.EndRow();
        }
    }

    /// <summary>Checks a table name: letters, digits and underscores, not starting with a digit.</summary>
    public static void CheckName(string table)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (!Identifier().IsMatch(table))
            throw new SqlRegistrationException(
                $"Sql.Register: table name '{table}' must be letters, digits and underscores, not starting with a digit"
            );
    }

    private static void Create(
        DuckDBConnection connection,
        string table,
        IReadOnlyList<(string Name, Type Type)> columns
    )
    {
        var definitions = columns.Select(c =>
            $"\"{c.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" {SqlType(c.Type)}"
        );
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE OR REPLACE TABLE \"{table}\" ({string.Join(", ", definitions)})";
        command.ExecuteNonQuery();
    }

    private static string SqlType(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(bool))
            return "BOOLEAN";
        if (t == typeof(sbyte))
            return "TINYINT";
        if (t == typeof(byte))
            return "UTINYINT";
        if (t == typeof(short))
            return "SMALLINT";
        if (t == typeof(ushort))
            return "USMALLINT";
        if (t == typeof(int))
            return "INTEGER";
        if (t == typeof(uint))
            return "UINTEGER";
        if (t == typeof(long))
            return "BIGINT";
        if (t == typeof(ulong))
            return "UBIGINT";
        if (t == typeof(float))
            return "FLOAT";
        if (t == typeof(double))
            return "DOUBLE";
        if (t == typeof(decimal))
            return "DECIMAL(38,10)";
        if (t == typeof(DateTime))
            return "TIMESTAMP";
        if (t == typeof(DateOnly))
            return "DATE";
        if (t == typeof(TimeSpan))
            return "INTERVAL";
        if (t == typeof(Guid))
            return "UUID";
        if (t == typeof(BigInteger))
            return "HUGEINT";
        return "VARCHAR";
    }

    private static void Append(IDuckDBAppenderRow row, object? value)
    {
        _ = value switch
        {
            null => row.AppendNullValue(),
            bool v => row.AppendValue(v),
            sbyte v => row.AppendValue(v),
            byte v => row.AppendValue(v),
            short v => row.AppendValue(v),
            ushort v => row.AppendValue(v),
            int v => row.AppendValue(v),
            uint v => row.AppendValue(v),
            long v => row.AppendValue(v),
            ulong v => row.AppendValue(v),
            float v => row.AppendValue(v),
            double v => row.AppendValue(v),
            decimal v => row.AppendValue(v),
            DateTime v => row.AppendValue(v),
            DateOnly v => ((DuckDBAppenderRow)row).AppendValue((DateOnly?)v),
            TimeSpan v => row.AppendValue(v),
            Guid v => row.AppendValue(v),
            BigInteger v => row.AppendValue(v),
            string v => row.AppendValue(v),
            Enum v => row.AppendValue(v.ToString()),
            IFormattable v => row.AppendValue(v.ToString(null, CultureInfo.InvariantCulture)),
            _ => row.AppendValue(value.ToString()),
        };
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
