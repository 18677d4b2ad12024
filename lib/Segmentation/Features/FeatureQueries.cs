using System.Data.Common;
using System.Globalization;
using Segmentation.Common;
using Segmentation.Data;
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
    private const string Timestamp = "\"timestamp\"";

    /// <summary>The day after the date of the last timestamp in the clean lines.</summary>
    public static DateOnly DefaultAsOf(TransactionStore store) => DefaultAsOf(FeatureSource.Of(store));

    /// <inheritdoc cref="DefaultAsOf(TransactionStore)"/>
    public static DateOnly DefaultAsOf(FeatureSource source)
    {
        var d = source.Dialect;
        long? lastDay = null;
        source.Engine.ForEachRow($"SELECT {d.DayNumber(d.ToDate($"max({Timestamp})"))} FROM {source.Clean}", r =>
            lastDay = r.IsNull(0) ? lastDay : Math.Max(lastDay ?? long.MinValue, r.Long(0))
        );
        if (lastDay is not { } day)
            throw new SegmentationException(
                $"{source.Name} is empty: no customer to compute features for (load and clean a transaction log first)"
            );
        return DateOnly.FromDayNumber(checked((int)day) + 1);
    }

    /// <summary>True when the clean table has a line with a customer (dated on or before <paramref name="asOf"/> when
    /// given).</summary>
    public static bool HasCleanLines(TransactionStore store, DateOnly? asOf)
    {
        var filter = asOf is { } date ? " AND " + UpTo(SqlDialect.DuckDb, date) : "";
        return store.Count($"{TransactionStore.CleanTable} WHERE {TransactionColumns.CustomerId} IS NOT NULL{filter}")
            > 0;
    }

    /// <summary>The error when no clean line is dated on or before the as-of date.</summary>
    public static SegmentationException NoCustomers(DateOnly asOf) =>
        new(
            FormattableString.Invariant(
                $"no clean line is dated on or before the as-of date {asOf:yyyy-MM-dd}: no customer to "
            ) + "compute features for"
        );

    /// <summary>The filter that keeps lines dated on or before the as-of date.</summary>
    public static string UpTo(SqlDialect dialect, DateOnly asOf) =>
        $"{Timestamp} < {dialect.Timestamp(asOf.AddDays(1).ToDateTime(TimeOnly.MinValue))}";

    /// <summary>A DATE literal (DuckDB).</summary>
    public static string DateLiteral(DateOnly date) => SqlDialect.DuckDb.Date(date);

    /// <summary>
    /// The orders up to the as-of date: one row per (customer, order) with its first and last timestamp, order date (of
    /// its first line), exact amount and units. A subquery (ClickHouse 18.16 has no common table expressions).
    /// </summary>
    private static string OrdersRelation(FeatureSource source, DateOnly asOf) =>
        $"""
            (
                SELECT customer_id, order_id, min({Timestamp}) AS first_ts, max({Timestamp}) AS last_ts,
                       {source.Dialect.ToDate(
                $"min({Timestamp})"
            )} AS order_date, sum({Amount}) AS amount, sum(quantity) AS units{GapColumn(source.Dialect)}
                FROM {source.Clean}
                WHERE {UpTo(source.Dialect, asOf)}
                GROUP BY customer_id, order_id
            ) AS orders
            """;

    /// <summary>With window functions: the gap in days from the customer's previous order (by first line), as a column
    /// of the orders.</summary>
    private static string GapColumn(SqlDialect d) =>
        d.PreviousStep(d.DayNumber(d.ToDate($"min({Timestamp})")), "customer_id", $"min({Timestamp})") is { } step
            ? $", {step} AS gap"
            : "";

    /// <summary>The sum of the squared gaps: over the gap column with window functions, else from the sorted order
    /// days.</summary>
    private static string GapSquareSum(SqlDialect d) =>
        GapColumn(d).Length > 0
            ? d.ToBigInt("coalesce(sum(gap * gap), 0)")
            : d.SumOfSquaredSteps(d.DayNumber("order_date"));

    /// <summary>Recency (days from the last purchase date), distinct orders and exact monetary, aggregated over the
    /// orders.</summary>
    private static string RfmColumns(SqlDialect d, DateOnly asOf) =>
        $"{d.DaysBetween(d.ToDate("max(last_ts)"), d.Date(asOf))} AS recency_days, count(*) AS frequency, "
        + "sum(amount) AS monetary";

    /// <summary>Recency (days), distinct orders and exact monetary per customer, sorted by customer id
    /// (ordinal).</summary>
    public static List<CustomerRfm> Rfm(TransactionStore store, DateOnly asOf) => Rfm(FeatureSource.Of(store), asOf);

    /// <inheritdoc cref="Rfm(TransactionStore, DateOnly)"/>
    public static List<CustomerRfm> Rfm(FeatureSource source, DateOnly asOf)
    {
        var rows = new List<CustomerRfm>();
        source.Engine.ForEachRow(
            $"SELECT customer_id, {RfmColumns(source.Dialect, asOf)} FROM {OrdersRelation(source, asOf)} "
                + "GROUP BY customer_id",
            r => rows.Add(ReadRfm(r))
        );
        rows.Sort((a, b) => string.CompareOrdinal(a.CustomerId, b.CustomerId));
        OneRowPerCustomer(source, rows, r => r.CustomerId);
        return rows;
    }

    /// <summary>Per-customer RFM and order statistics (orders are dated by their first line).</summary>
    public sealed record CustomerOrders(
        CustomerRfm Rfm,
        int FirstPurchaseDay,
        int ActiveMonths,
        decimal Units,
        long GapCount,
        long GapSum,
        long GapSquareSum
    );

    /// <summary>
    /// RFM, first purchase, active months, units and exact sums of the gaps (in days) between consecutive order dates,
    /// per customer, sorted by customer id (ordinal): one pass over the lines. The gaps of a customer are the steps
    /// between its sorted order dates: n − 1 of them, summing to the span, and the squares summed by the dialect.
    /// </summary>
    public static List<CustomerOrders> Orders(FeatureSource source, DateOnly asOf)
    {
        var d = source.Dialect;
        var result = new List<CustomerOrders>();
        var sql = $"""
            SELECT customer_id, {RfmColumns(d, asOf)},
                   {d.DayNumber("min(order_date)")} AS first_day,
                   {d.CountDistinct(d.MonthStart("order_date"))} AS active_months,
                   sum(units) AS total_units,
                   count(*) - 1 AS gap_count,
                   {d.DaysBetween("min(order_date)", "max(order_date)")} AS gap_sum,
                   {GapSquareSum(d)} AS gap_square_sum
            FROM {OrdersRelation(source, asOf)}
            GROUP BY customer_id
            """;
        source.Engine.ForEachRow(sql, r =>
            result.Add(
                new CustomerOrders(ReadRfm(r), r.Int(4), r.Int(5), r.Decimal(6), r.Long(7), r.Long(8), r.Long(9))
            )
        );
        result.Sort((a, b) => string.CompareOrdinal(a.Rfm.CustomerId, b.Rfm.CustomerId));
        OneRowPerCustomer(source, result, r => r.Rfm.CustomerId);
        return result;
    }

    // A source read shard by shard (ClickHouseShards) returns each shard's customers: a customer from two shards means
    // the table is not sharded by customer id, and its figures would be split. Readers of whole-log figures fold the
    // shards' rows (a maximum, sums), so they hold for one source and for shards alike.
    private static void OneRowPerCustomer<T>(FeatureSource source, List<T> sorted, Func<T, string> id)
    {
        for (var i = 1; i < sorted.Count; i++)
        {
            if (id(sorted[i]) == id(sorted[i - 1]))
                throw new SegmentationException(
                    $"customer '{id(sorted[i])}' has lines on more than one shard of {source.Name}: read shard by "
                        + "shard, the table must be sharded by customer id (or give one server, e.g. the Distributed "
                        + "table's)"
                );
        }
    }

    private static CustomerRfm ReadRfm(SqlRow r) => new(r.Text(0), r.Int(1), r.Int(2), r.Decimal(3));

    /// <summary>Number of lines up to the as-of date with a value in each optional column of the clean lines.</summary>
    public static Dictionary<string, long> FilledCounts(
        FeatureSource source,
        DateOnly asOf,
        IReadOnlyList<string> columns
    )
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var list = string.Join(", ", columns.Select(c => $"count({Quote(c)})"));
        source.Engine.ForEachRow($"SELECT {list} FROM {source.Clean} WHERE {UpTo(source.Dialect, asOf)}", r =>
        {
            for (var i = 0; i < columns.Count; i++)
                counts[columns[i]] = counts.GetValueOrDefault(columns[i]) + r.Long(i);
        });
        return counts;
    }

    /// <summary>
    /// Per customer, for each group (a column and its expected values) in turn: the share of each value (compared
    /// case-insensitive, trimmed) in the spend with a known value in the column, null when none is known. One scan of
    /// the lines for all groups, and one array per customer: at millions of customers a dictionary per group of the
    /// spends, in decimals, took gigabytes.
    /// </summary>
    public static Dictionary<string, double?[]> SpendShares(
        FeatureSource source,
        DateOnly asOf,
        IReadOnlyList<(string Column, string[] Values)> groups
    )
    {
        var d = source.Dialect;
        var result = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        if (groups.Count == 0)
            return result;
        var projected = new List<string>();
        var parts = new List<string>();
        for (var g = 0; g < groups.Count; g++)
        {
            var (column, values) = groups[g];
            projected.Add($"{d.Lower(d.Trim(Quote(column)))} AS v{g}");
            parts.Add(d.SumIf("line_amount", $"v{g} IS NOT NULL"));
            parts.AddRange(values.Select(v => d.SumIf("line_amount", $"v{g} = {d.Literal(v)}")));
        }
        var width = groups.Sum(g => g.Values.Length);
        var sql = $"""
            SELECT customer_id, {string.Join(", ", parts)}
            FROM (
                SELECT customer_id, {Amount} AS line_amount, {string.Join(", ", projected)}
                FROM {source.Clean}
                WHERE {UpTo(d, asOf)}
            ) AS lines
            GROUP BY customer_id
            """;
        source.Engine.ForEachRow(sql, r =>
        {
            var shares = new double?[width];
            var ordinal = 1;
            var at = 0;
            foreach (var (_, values) in groups)
            {
                var known = r.NullableDecimal(ordinal++);
                for (var i = 0; i < values.Length; i++, ordinal++, at++)
                {
                    if (known is { } k && k > 0)
                        shares[at] = (double)((r.NullableDecimal(ordinal) ?? 0m) / k);
                }
            }
            result.Add(r.Text(0), shares);
        });
        return result;
    }

    /// <summary>Per customer: the value of <paramref name="column"/> with the largest spend (ties: the first value in
    /// byte order).</summary>
    public static Dictionary<string, string> TopBySpend(FeatureSource source, DateOnly asOf, string column)
    {
        var d = source.Dialect;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var quoted = Quote(column);
        var sql = $"""
            SELECT customer_id, {d.ArgMin("top_value", "-spend", "top_value")}
            FROM (
                SELECT customer_id, {quoted} AS top_value, sum({Amount}) AS spend
                FROM {source.Clean}
                WHERE {UpTo(d, asOf)} AND {quoted} IS NOT NULL AND {d.Trim(quoted)} <> ''
                GROUP BY customer_id, {quoted}
            ) AS spends
            GROUP BY customer_id
            """;
        // A few hundred labels over millions of customers: one string per label, not per customer.
        var labels = new TextPool();
        source.Engine.ForEachRow(sql, r => result.Add(r.Text(0), labels.Share(r.Text(1))));
        return result;
    }

    /// <summary>Per customer: returned value, the sum of |quantity × unit price| over returned lines up to the as-of
    /// date.</summary>
    public static Dictionary<string, decimal> ReturnedValue(FeatureSource source, DateOnly asOf)
    {
        var result = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var sql =
            $"SELECT customer_id, sum(abs({Amount})) FROM {source.Returns} WHERE "
            + $"{UpTo(source.Dialect, asOf)} GROUP BY customer_id";
        source.Engine.ForEachRow(sql, r => result.Add(r.Text(0), r.Decimal(1)));
        return result;
    }

    /// <summary>Number of returned lines up to the as-of date.</summary>
    public static long ReturnLines(FeatureSource source, DateOnly asOf)
    {
        long count = 0;
        source.Engine.ForEachRow($"SELECT count(*) FROM {source.Returns} WHERE {UpTo(source.Dialect, asOf)}", r =>
            count += r.Long(0)
        );
        return count;
    }

    /// <summary>Runs a query and calls <paramref name="read"/> once per row.</summary>
    public static void ForEachRow(TransactionStore store, string sql, Action<DbDataReader> read)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
            read(reader);
    }

    /// <summary>A double-quoted SQL identifier.</summary>
    public static string Quote(string identifier) => SqlText.Identifier(identifier);

    /// <summary>An integer column as <see cref="int"/>.</summary>
    public static int ToInt(DbDataReader reader, int ordinal) =>
        Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    /// <summary>An integer column as <see cref="long"/>.</summary>
    public static long ToLong(DbDataReader reader, int ordinal) =>
        Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);
}
