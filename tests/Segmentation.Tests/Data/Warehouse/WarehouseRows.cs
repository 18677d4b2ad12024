using System.Globalization;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Data.Sql;

namespace Segmentation.Tests.Data.Warehouse;

/// <summary>
/// A CSV log as a warehouse would hold it: every record DuckDB's reader splits (malformed lines stay out, as a loader
/// would reject them), trimmed text with empty as NULL, the mapped roles typed by the loader's own casts (NULL when
/// unreadable), under workspace names; the other columns as text under <c>x_</c> names (they count for duplicates).
/// </summary>
internal static class WarehouseRows
{
    public static (List<(string Name, string Type)> Columns, IEnumerable<IReadOnlyList<string?>> Rows) FromFile(
        string path,
        ColumnMapping mapping,
        CleaningOptions options
    )
    {
        using var store = TransactionStore.InMemory();
        var source =
            $"read_csv({SqlText.Literal(path)}, header = true, all_varchar = true, ignore_errors = true, "
            + "delim = ',', quote = '\"', escape = '\"')";
        var header = new List<string>();
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = $"DESCRIBE SELECT * FROM {source}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                header.Add(reader.GetString(0));
        }
        var roles = mapping.Columns.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);
        var columns = new List<(string Name, string Type)>();
        var select = new List<string>();
        foreach (var name in header)
        {
            var text = $"nullif(trim({SqlText.Identifier(name)}), '')";
            var role = roles.GetValueOrDefault(name);
            switch (role)
            {
                case TransactionColumns.Timestamp:
                    columns.Add((role, "Nullable(DateTime)"));
                    var ts = TransactionLoader.TimestampSql(text, mapping, options);
                    select.Add(
                        $"CASE WHEN {ts} >= TIMESTAMP '1970-01-02' AND {ts} < TIMESTAMP '2105-01-01' THEN "
                            + $"strftime({ts}, '%Y-%m-%d %H:%M:%S') END"
                    );
                    break;
                case TransactionColumns.Quantity:
                    columns.Add((role, "Nullable(Decimal(18, 3))"));
                    select.Add($"CAST({TransactionLoader.QuantitySql(text)} AS VARCHAR)");
                    break;
                case TransactionColumns.UnitPrice:
                    columns.Add((role, "Nullable(Decimal(18, 4))"));
                    select.Add($"CAST({TransactionLoader.UnitPriceSql(text)} AS VARCHAR)");
                    break;
                case null:
                    columns.Add(
                        (
                            "x_"
                                + new string(
                                    name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_')
                                        .ToArray()
                                ),
                            "Nullable(String)"
                        )
                    );
                    select.Add(text);
                    break;
                default:
                    columns.Add((role, "Nullable(String)"));
                    select.Add(text);
                    break;
            }
        }
        var rows = new List<IReadOnlyList<string?>>();
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = $"SELECT {string.Join(", ", select)} FROM {source}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = new string?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                    row[i] = reader.IsDBNull(i)
                        ? null
                        : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                rows.Add(row);
            }
        }
        return (columns, rows);
    }
}
