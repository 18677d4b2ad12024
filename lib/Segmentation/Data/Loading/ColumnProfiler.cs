using System.Globalization;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Loading;

/// <summary>A staged column to profile: its workspace name, source name (null when absent), SQL type and typed alias
/// (null for text).</summary>
internal sealed record ProfiledColumn(string Column, string? SourceColumn, string Type, string? TypedAlias);

/// <summary>Profiles staged columns in one aggregate query: missing, unreadable, exact distinct count, min and
/// max.</summary>
internal static class ColumnProfiler
{
    /// <summary>One profile per column, in the given order.</summary>
    public static List<ColumnProfile> Profile(
        TransactionStore store,
        StagedSource staged,
        IReadOnlyList<ProfiledColumn> columns
    )
    {
        var present = columns.Where(c => c.SourceColumn is not null).ToList();
        var aggregates = new List<string>();
        foreach (var column in present)
        {
            var text = SqlText.Identifier(column.Column);
            aggregates.Add($"count(*) FILTER (WHERE {text} IS NULL)");
            aggregates.Add($"count(DISTINCT {text})");
            if (column.TypedAlias is { } typed)
            {
                aggregates.Add($"count(*) FILTER (WHERE {text} IS NOT NULL AND {typed} IS NULL)");
                aggregates.Add($"CAST(min({typed}) AS VARCHAR)");
                aggregates.Add($"CAST(max({typed}) AS VARCHAR)");
            }
            else
            {
                aggregates.Add("0::BIGINT");
                aggregates.Add($"min({text})");
                aggregates.Add($"max({text})");
            }
        }
        var values = new Dictionary<string, (long Missing, long Distinct, long Invalid, string? Min, string? Max)>(
            StringComparer.Ordinal
        );
        if (present.Count > 0)
        {
            using var command = store.Connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", aggregates)} FROM {staged.Table}";
            using var reader = command.ExecuteReader();
            reader.Read();
            for (var i = 0; i < present.Count; i++)
            {
                var o = i * 5;
                values[present[i].Column] = (
                    Long(reader.GetValue(o)),
                    Long(reader.GetValue(o + 1)),
                    Long(reader.GetValue(o + 2)),
                    reader.IsDBNull(o + 3) ? null : reader.GetString(o + 3),
                    reader.IsDBNull(o + 4) ? null : reader.GetString(o + 4)
                );
            }
        }
        var rows = staged.Rows;
        return columns
            .Select(c =>
            {
                var v = values.TryGetValue(c.Column, out var found)
                    ? found
                    : (Missing: rows, Distinct: 0L, Invalid: 0L, Min: (string?)null, Max: (string?)null);
                return new ColumnProfile(
                    c.Column,
                    c.SourceColumn,
                    c.Type,
                    v.Missing,
                    rows == 0 ? 0 : (double)v.Missing / rows,
                    v.Invalid,
                    v.Distinct,
                    v.Min,
                    v.Max
                );
            })
            .ToList();
    }

    private static long Long(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);
}
