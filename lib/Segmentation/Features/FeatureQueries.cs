using System.Data.Common;
using System.Globalization;
using Segmentation.Data;

namespace Segmentation.Features;

/// <summary>
/// The SQL of the features: every aggregation runs in DuckDB over the clean, returns and customers
/// tables, and only one row per customer comes back. Money stays DECIMAL (exact, so sums do not depend
/// on the thread count); days are integers; gap statistics are exact integer sums.
/// </summary>
internal static class FeatureQueries
{
    private const string Amount = "quantity * unit_price";

    /// <summary>The day after the date of the last timestamp in the clean table.</summary>
    public static DateOnly DefaultAsOf(TransactionStore store)
    {
        long? lastDay = null;
        ForEachRow(store, $"SELECT date_diff('day', DATE '0001-01-01', CAST(max(\"timestamp\") AS DATE)) FROM {TransactionStore.CleanTable}",
            r => lastDay = r.IsDBNull(0) ? null : Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture));
        if (lastDay is not { } day)
            throw new SegmentationException("the clean table is empty: no customer to compute features for (load and clean a transaction log first)");
        return DateOnly.FromDayNumber(checked((int)day) + 1);
    }

    /// <summary>The filter that keeps lines dated on or before the as-of date.</summary>
    public static string UpTo(DateOnly asOf) =>
        $"\"timestamp\" < TIMESTAMP '{asOf.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    /// <summary>A DATE literal.</summary>
    public static string DateLiteral(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    /// <summary>Recency (days), distinct orders and exact monetary per customer.</summary>
    public static List<CustomerRfm> Rfm(TransactionStore store, DateOnly asOf)
    {
        var rows = new List<CustomerRfm>();
        var sql = $"""
            SELECT customer_id,
                   date_diff('day', CAST(max("timestamp") AS DATE), {DateLiteral(asOf)}) AS recency_days,
                   count(DISTINCT order_id) AS frequency,
                   sum({Amount}) AS monetary
            FROM {TransactionStore.CleanTable}
            WHERE {UpTo(asOf)}
            GROUP BY customer_id
            """;
        ForEachRow(store, sql, r => rows.Add(new CustomerRfm(r.GetString(0), ToInt(r, 1), ToInt(r, 2), r.GetDecimal(3))));
        rows.Sort((a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
        return rows;
    }

    /// <summary>Per-customer order statistics (orders are dated by their first line).</summary>
    public sealed record OrderStatistics(int FirstPurchaseDay, int ActiveMonths, decimal Units, long GapCount, long GapSum, long GapSquareSum);

    /// <summary>First purchase, active months, units and exact sums of the gaps (in days) between consecutive order dates.</summary>
    public static Dictionary<string, OrderStatistics> Orders(TransactionStore store, DateOnly asOf)
    {
        var result = new Dictionary<string, OrderStatistics>(StringComparer.Ordinal);
        var sql = $"""
            WITH orders AS (
                SELECT customer_id, order_id, CAST(min("timestamp") AS DATE) AS order_date, sum(quantity) AS units
                FROM {TransactionStore.CleanTable}
                WHERE {UpTo(asOf)}
                GROUP BY customer_id, order_id
            ), gaps AS (
                SELECT customer_id, order_date, units,
                       date_diff('day', lag(order_date) OVER (PARTITION BY customer_id ORDER BY order_date), order_date) AS gap
                FROM orders
            )
            SELECT customer_id,
                   date_diff('day', DATE '0001-01-01', min(order_date)) AS first_day,
                   count(DISTINCT date_trunc('month', order_date)) AS active_months,
                   sum(units) AS units,
                   count(gap) AS gap_count,
                   CAST(coalesce(sum(gap), 0) AS BIGINT) AS gap_sum,
                   CAST(coalesce(sum(gap * gap), 0) AS BIGINT) AS gap_square_sum
            FROM gaps
            GROUP BY customer_id
            """;
        ForEachRow(store, sql, r => result.Add(r.GetString(0),
            new OrderStatistics(ToInt(r, 1), ToInt(r, 2), r.GetDecimal(3), ToLong(r, 4), ToLong(r, 5), ToLong(r, 6))));
        return result;
    }

    /// <summary>Number of lines up to the as-of date with a value in each optional column of the clean table.</summary>
    public static Dictionary<string, long> FilledCounts(TransactionStore store, DateOnly asOf, IReadOnlyList<string> columns)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var list = string.Join(", ", columns.Select(c => $"count({Quote(c)})"));
        ForEachRow(store, $"SELECT {list} FROM {TransactionStore.CleanTable} WHERE {UpTo(asOf)}", r =>
        {
            for (var i = 0; i < columns.Count; i++) counts[columns[i]] = ToLong(r, i);
        });
        return counts;
    }

    /// <summary>Per customer: spend with a known value in <paramref name="column"/>, and spend on each of <paramref name="values"/> (case-insensitive).</summary>
    public static Dictionary<string, decimal?[]> SpendShares(TransactionStore store, DateOnly asOf, string column, IReadOnlyList<string> values)
    {
        var result = new Dictionary<string, decimal?[]>(StringComparer.Ordinal);
        var quoted = Quote(column);
        var parts = values.Select(v => $", sum({Amount}) FILTER (WHERE lower(trim({quoted})) = '{v}')");
        var sql = $"""
            SELECT customer_id, sum({Amount}) FILTER (WHERE {quoted} IS NOT NULL){string.Concat(parts)}
            FROM {TransactionStore.CleanTable}
            WHERE {UpTo(asOf)}
            GROUP BY customer_id
            """;
        ForEachRow(store, sql, r =>
        {
            var spend = new decimal?[values.Count + 1];
            for (var i = 0; i < spend.Length; i++) spend[i] = r.IsDBNull(i + 1) ? null : r.GetDecimal(i + 1);
            result.Add(r.GetString(0), spend);
        });
        return result;
    }

    /// <summary>Per customer: the value of <paramref name="column"/> with the largest spend (ties: the first value in byte order).</summary>
    public static Dictionary<string, string> TopBySpend(TransactionStore store, DateOnly asOf, string column)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var quoted = Quote(column);
        var sql = $"""
            SELECT customer_id, {quoted}
            FROM {TransactionStore.CleanTable}
            WHERE {UpTo(asOf)} AND {quoted} IS NOT NULL AND trim({quoted}) <> ''
            GROUP BY customer_id, {quoted}
            QUALIFY row_number() OVER (PARTITION BY customer_id ORDER BY sum({Amount}) DESC, {quoted}) = 1
            """;
        ForEachRow(store, sql, r => result.Add(r.GetString(0), r.GetString(1)));
        return result;
    }

    /// <summary>Per customer: returned value, the sum of |quantity × unit price| over returned lines up to the as-of date.</summary>
    public static Dictionary<string, decimal> ReturnedValue(TransactionStore store, DateOnly asOf)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var sql = $"""
            SELECT customer_id, sum(abs({Amount}))
            FROM {TransactionStore.ReturnsTable}
            WHERE {UpTo(asOf)}
            GROUP BY customer_id
            """;
        ForEachRow(store, sql, r => result.Add(r.GetString(0), r.GetDecimal(1)));
        return result;
    }

    /// <summary>Number of returned lines up to the as-of date.</summary>
    public static long ReturnLines(TransactionStore store, DateOnly asOf)
    {
        long count = 0;
        ForEachRow(store, $"SELECT count(*) FROM {TransactionStore.ReturnsTable} WHERE {UpTo(asOf)}", r => count = ToLong(r, 0));
        return count;
    }

    /// <summary>Runs a query and calls <paramref name="read"/> once per row.</summary>
    public static void ForEachRow(TransactionStore store, string sql, Action<DbDataReader> read)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read()) read(reader);
    }

    /// <summary>A double-quoted SQL identifier.</summary>
    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>An integer column as <see cref="int"/>.</summary>
    public static int ToInt(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>An integer column as <see cref="long"/>.</summary>
    public static long ToLong(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
