using System.Data.Common;
using System.Globalization;
using Segmentation.Data;
using Segmentation.Data.Loading;
using Segmentation.Data.Sql;

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

    /// <summary>True when the clean table has a line with a customer (dated on or before <paramref name="asOf"/> when given).</summary>
    public static bool HasCleanLines(TransactionStore store, DateOnly? asOf)
    {
        var filter = asOf is { } date ? " AND " + UpTo(date) : "";
        return store.Count($"{TransactionStore.CleanTable} WHERE {TransactionColumns.CustomerId} IS NOT NULL{filter}") > 0;
    }

    /// <summary>The error when no clean line is dated on or before the as-of date.</summary>
    public static SegmentationException NoCustomers(DateOnly asOf) => new(FormattableString.Invariant(
        $"no clean line is dated on or before the as-of date {asOf:yyyy-MM-dd}: no customer to compute features for"));

    /// <summary>The filter that keeps lines dated on or before the as-of date.</summary>
    public static string UpTo(DateOnly asOf) =>
        $"\"timestamp\" < TIMESTAMP '{asOf.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    /// <summary>A DATE literal.</summary>
    public static string DateLiteral(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    /// <summary>The orders up to the as-of date: one row per (customer, order) with its first and last timestamp, exact amount and units.</summary>
    private static string OrdersCte(DateOnly asOf) => $"""
        orders AS (
            SELECT customer_id, order_id, min("timestamp") AS first_ts, max("timestamp") AS last_ts,
                   sum({Amount}) AS amount, sum(quantity) AS units
            FROM {TransactionStore.CleanTable}
            WHERE {UpTo(asOf)}
            GROUP BY customer_id, order_id
        )
        """;

    /// <summary>Recency (days from the last purchase date), distinct orders and exact monetary, aggregated over <c>orders</c>.</summary>
    private static string RfmColumns(DateOnly asOf) =>
        $"date_diff('day', CAST(max(last_ts) AS DATE), {DateLiteral(asOf)}) AS recency_days, count(*) AS frequency, sum(amount) AS monetary";

    /// <summary>Recency (days), distinct orders and exact monetary per customer, sorted by customer id (ordinal).</summary>
    public static List<CustomerRfm> Rfm(TransactionStore store, DateOnly asOf)
    {
        var rows = new List<CustomerRfm>();
        var sql = $"""
            WITH {OrdersCte(asOf)}
            SELECT customer_id, {RfmColumns(asOf)}
            FROM orders
            GROUP BY customer_id
            """;
        ForEachRow(store, sql, r => rows.Add(ReadRfm(r)));
        rows.Sort((a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
        return rows;
    }

    /// <summary>Per-customer RFM and order statistics (orders are dated by their first line).</summary>
    public sealed record CustomerOrders(CustomerRfm Rfm, int FirstPurchaseDay, int ActiveMonths, decimal Units, long GapCount, long GapSum, long GapSquareSum);

    /// <summary>
    /// RFM, first purchase, active months, units and exact sums of the gaps (in days) between consecutive order dates,
    /// per customer, sorted by customer id (ordinal): one pass over the lines.
    /// </summary>
    public static List<CustomerOrders> Orders(TransactionStore store, DateOnly asOf)
    {
        var result = new List<CustomerOrders>();
        var sql = $"""
            WITH {OrdersCte(asOf)}, gaps AS (
                SELECT customer_id, last_ts, amount, units, CAST(first_ts AS DATE) AS order_date,
                       date_diff('day', lag(CAST(first_ts AS DATE)) OVER (PARTITION BY customer_id ORDER BY first_ts), CAST(first_ts AS DATE)) AS gap
                FROM orders
            )
            SELECT customer_id, {RfmColumns(asOf)},
                   date_diff('day', DATE '0001-01-01', min(order_date)) AS first_day,
                   count(DISTINCT date_trunc('month', order_date)) AS active_months,
                   sum(units) AS units,
                   count(gap) AS gap_count,
                   CAST(coalesce(sum(gap), 0) AS BIGINT) AS gap_sum,
                   CAST(coalesce(sum(gap * gap), 0) AS BIGINT) AS gap_square_sum
            FROM gaps
            GROUP BY customer_id
            """;
        ForEachRow(store, sql, r => result.Add(
            new CustomerOrders(ReadRfm(r), ToInt(r, 4), ToInt(r, 5), r.GetDecimal(6), ToLong(r, 7), ToLong(r, 8), ToLong(r, 9))));
        result.Sort((a, b) => string.CompareOrdinal(a.Rfm.CustomerId, b.Rfm.CustomerId));
        return result;
    }

    private static CustomerRfm ReadRfm(DbDataReader r) => new(r.GetString(0), ToInt(r, 1), ToInt(r, 2), r.GetDecimal(3));

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

    /// <summary>
    /// For each group (a column and its expected values), per customer: the spend with a known value in the column, then
    /// the spend on each value (case-insensitive, trimmed). One scan of the lines for all groups.
    /// </summary>
    public static Dictionary<string, decimal?[]>[] SpendShares(TransactionStore store, DateOnly asOf, IReadOnlyList<(string Column, string[] Values)> groups)
    {
        var result = groups.Select(_ => new Dictionary<string, decimal?[]>(StringComparer.Ordinal)).ToArray();
        if (groups.Count == 0) return result;
        var projected = new List<string>();
        var parts = new List<string>();
        for (var g = 0; g < groups.Count; g++)
        {
            var (column, values) = groups[g];
            projected.Add($"lower(trim({Quote(column)})) AS v{g}");
            parts.Add($"sum(amount) FILTER (WHERE v{g} IS NOT NULL)");
            parts.AddRange(values.Select(v => $"sum(amount) FILTER (WHERE v{g} = '{v}')"));
        }
        var sql = $"""
            SELECT customer_id, {string.Join(", ", parts)}
            FROM (
                SELECT customer_id, {Amount} AS amount, {string.Join(", ", projected)}
                FROM {TransactionStore.CleanTable}
                WHERE {UpTo(asOf)}
            )
            GROUP BY customer_id
            """;
        ForEachRow(store, sql, r =>
        {
            var ordinal = 1;
            for (var g = 0; g < groups.Count; g++)
            {
                var spend = new decimal?[groups[g].Values.Length + 1];
                for (var i = 0; i < spend.Length; i++, ordinal++) spend[i] = r.IsDBNull(ordinal) ? null : r.GetDecimal(ordinal);
                result[g].Add(r.GetString(0), spend);
            }
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
    public static string Quote(string identifier) => SqlText.Identifier(identifier);

    /// <summary>An integer column as <see cref="int"/>.</summary>
    public static int ToInt(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>An integer column as <see cref="long"/>.</summary>
    public static long ToLong(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
