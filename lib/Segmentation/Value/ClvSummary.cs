using System.Globalization;
using Segmentation.Common.Text;
using Segmentation.Data;
using Segmentation.Data.Sql;

namespace Segmentation.Value;

/// <summary>
/// Per-customer summaries for the customer-lifetime-value models, built from the clean transaction log
/// the way the lifetimes library's <c>summary_data_from_transaction_data</c> and
/// <c>calibration_and_holdout_data</c> build them (with daily periods and exact, unrounded ages):
/// purchases on the same calendar day count once and their amounts are summed; only customers whose first
/// purchase falls on or before the calibration end are summarised.
/// </summary>
/// <param name="Customers">One row per customer, sorted by customer id (ordinal).</param>
/// <param name="Unit">Unit of recency, T and the holdout duration.</param>
/// <param name="CalibrationEnd">Last day of the calibration period (inclusive; the time of day is ignored).</param>
/// <param name="HoldoutEnd">Last day of the holdout period (inclusive), or null when there is no holdout.</param>
public sealed record ClvSummary(
    IReadOnlyList<CustomerSummary> Customers,
    TimeUnit Unit,
    DateTime CalibrationEnd,
    DateTime? HoldoutEnd
)
{
    /// <summary>Length of the holdout period (calibration end, holdout end] in <see cref="Unit"/>; 0 without a
    /// holdout.</summary>
    public double HoldoutDuration =>
        HoldoutEnd is { } end ? (end.Date - CalibrationEnd.Date).Days / TimeUnits.DaysPerPeriod(Unit) : 0.0;

    /// <summary>Summarises typed order lines (tests, notebooks, data that fits in memory).</summary>
    /// <param name="transactions">Clean order lines; the line amount is <see cref="Transaction.Amount"/>.</param>
    /// <param name="calibrationEnd">Last day of the calibration period (inclusive).</param>
    /// <param name="holdoutEnd">Last day of the holdout period (inclusive), or null for no holdout.</param>
    /// <param name="unit">Unit of recency and T.</param>
    public static ClvSummary FromTransactions(
        IEnumerable<Transaction> transactions,
        DateTime calibrationEnd,
        DateTime? holdoutEnd,
        TimeUnit unit
    )
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ValidatePeriods(calibrationEnd, holdoutEnd, unit);
        var calibrationDay = calibrationEnd.Date;
        var holdoutDay = holdoutEnd?.Date;
        var calibration = new Dictionary<string, SortedDictionary<DateTime, decimal>>(StringComparer.Ordinal);
        var holdout = new Dictionary<string, HashSet<DateTime>>(StringComparer.Ordinal);
        foreach (var line in transactions)
        {
            var day = line.Timestamp.Date;
            if (day <= calibrationDay)
            {
                if (!calibration.TryGetValue(line.CustomerId, out var days))
                    calibration[line.CustomerId] = days = [];
                days[day] = days.GetValueOrDefault(day) + line.Amount;
            }
            else if (holdoutDay is { } end && day <= end)
            {
                if (!holdout.TryGetValue(line.CustomerId, out var days))
                    holdout[line.CustomerId] = days = [];
                days.Add(day);
            }
        }

        var rows = calibration.Select(pair =>
        {
            var days = pair.Value;
            var first = days.First();
            var last = days.Keys.Last();
            return new CustomerDays(
                pair.Key,
                PurchaseDays: days.Count,
                RecencyDays: (last - first.Key).Days,
                AgeDays: (calibrationDay - first.Key).Days,
                RepeatAmount: days.Values.Sum() - first.Value,
                HoldoutDays: holdout.TryGetValue(pair.Key, out var h) ? h.Count : 0
            );
        });
        return Build(rows, unit, calibrationEnd, holdoutEnd);
    }

    /// <summary>
    /// Summarises the <see cref="TransactionStore.CleanTable"/> of a store in SQL (DuckDB), for logs larger than
    /// memory. Gives exactly the rows <see cref="FromTransactions"/> gives for the same lines.
    /// </summary>
    public static ClvSummary FromStore(
        TransactionStore store,
        DateTime calibrationEnd,
        DateTime? holdoutEnd,
        TimeUnit unit
    )
    {
        ArgumentNullException.ThrowIfNull(store);
        if (holdoutEnd is null)
            return FromEngine(new DuckDbEngine(store), TransactionStore.CleanTable, calibrationEnd, unit);
        ValidatePeriods(calibrationEnd, holdoutEnd, unit);
        var calibrationDay = SqlDate(calibrationEnd);
        // Without a holdout the holdout window is empty: (calibration end, calibration end].
        var holdoutDay = SqlDate(holdoutEnd ?? calibrationEnd);
        const string customer = TransactionColumns.CustomerId;
        var day = $"CAST(\"{TransactionColumns.Timestamp}\" AS DATE)";
        var sql = $"""
            WITH days AS (
                SELECT {customer}, {day} AS day,
                       SUM({TransactionColumns.Quantity} * {TransactionColumns.UnitPrice}) AS amount
                FROM {TransactionStore.CleanTable}
                WHERE {customer} IS NOT NULL AND {day} <= {calibrationDay}
                GROUP BY {customer}, day
            ), customers AS (
                SELECT {customer},
                       COUNT(*) AS purchase_days,
                       date_diff('day', MIN(day), MAX(day)) AS recency_days,
                       date_diff('day', MIN(day), {calibrationDay}) AS age_days,
                       SUM(amount) - arg_min(amount, day) AS repeat_amount
                FROM days
                GROUP BY {customer}
            ), holdout AS (
                SELECT {customer}, COUNT(DISTINCT {day}) AS holdout_days
                FROM {TransactionStore.CleanTable}
                WHERE {customer} IS NOT NULL AND {day} > {calibrationDay} AND {day} <= {holdoutDay}
                GROUP BY {customer}
            )
            SELECT c.{customer}, c.purchase_days, c.recency_days, c.age_days, c.repeat_amount,
                   COALESCE(h.holdout_days, 0) AS holdout_days
            FROM customers c LEFT JOIN holdout h ON c.{customer} = h.{customer}
            """;
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<CustomerDays>();
        while (reader.Read())
        {
            rows.Add(
                new CustomerDays(
                    reader.GetString(0),
                    PurchaseDays: Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture),
                    RecencyDays: Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture),
                    AgeDays: Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
                    RepeatAmount: reader.IsDBNull(4) ? 0m : reader.GetDecimal(4),
                    HoldoutDays: Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture)
                )
            );
        }
        return Build(rows, unit, calibrationEnd, holdoutEnd);
    }

    /// <summary>
    /// Summarises the clean lines in <paramref name="clean"/> (a table or subquery in the workspace columns) in the SQL
    /// of <paramref name="engine"/>, without a holdout period: DuckDB, or a warehouse when the log does not fit one
    /// machine.
    /// </summary>
    public static ClvSummary FromEngine(ISqlEngine engine, string clean, DateTime calibrationEnd, TimeUnit unit)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(clean);
        ValidatePeriods(calibrationEnd, null, unit);
        var d = engine.Dialect;
        var calibrationDay = d.Date(DateOnly.FromDateTime(calibrationEnd));
        const string customer = TransactionColumns.CustomerId;
        var day = d.ToDate($"\"{TransactionColumns.Timestamp}\"");
        var sql = $"""
            SELECT {customer}, count(*) AS purchase_days,
                   {d.DaysBetween("min(purchase_day)", "max(purchase_day)")} AS recency_days,
                   {d.DaysBetween("min(purchase_day)", calibrationDay)} AS age_days,
                   sum(day_amount) - {d.ArgMin("day_amount", "purchase_day")} AS repeat_amount
            FROM (
                SELECT {customer}, {day} AS purchase_day,
                    sum({TransactionColumns.Quantity} * {TransactionColumns.UnitPrice}) AS day_amount
                FROM {clean}
                WHERE {customer} IS NOT NULL AND {day} <= {calibrationDay}
                GROUP BY {customer}, {day}
            ) AS days
            GROUP BY {customer}
            """;
        var rows = new List<CustomerDays>();
        engine.ForEachRow(sql, r =>
            rows.Add(
                new CustomerDays(
                    r.Text(0),
                    PurchaseDays: r.Int(1),
                    RecencyDays: r.Int(2),
                    AgeDays: r.Int(3),
                    RepeatAmount: r.IsNull(4) ? 0m : r.Decimal(4),
                    HoldoutDays: 0
                )
            )
        );
        return Build(rows, unit, calibrationEnd, null);
    }

    /// <summary>The day of the last clean order line (a natural calibration end when there is no holdout), or null when
    /// the table is empty.</summary>
    public static DateTime? LastPurchaseDay(TransactionStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"SELECT max(\"{TransactionColumns.Timestamp}\") FROM {TransactionStore.CleanTable}";
        var value = command.ExecuteScalar();
        return value is DateTime last ? last.Date : null;
    }

    /// <summary>The customers with at least one repeat purchase (the ones the Gamma–Gamma model is fitted
    /// on).</summary>
    public IReadOnlyList<CustomerSummary> RepeatCustomers() => Customers.Where(c => c.Frequency > 0).ToList();

    /// <summary>
    /// "2489 customers, 2207 with at least one repeat purchase; holdout of 26.3 weeks" in <paramref name="language"/>
    /// (default <see cref="Language.Current"/>); without a holdout the sentence ends after the repeat buyers.
    /// </summary>
    public string Summary(Language? language = null)
    {
        var t = language ?? Language.Current;
        var repeat = Customers.Count(c => c.Frequency > 0);
        return HoldoutEnd is null
            ? t.Format("Summary_ClvSummary", Customers.Count, repeat)
            : t.Format("Summary_ClvSummaryHoldout", Customers.Count, repeat, HoldoutDuration, t["Units_" + Unit]);
    }

    private sealed record CustomerDays(
        string CustomerId,
        int PurchaseDays,
        int RecencyDays,
        int AgeDays,
        decimal RepeatAmount,
        int HoldoutDays
    );

    // The one place where day counts become model inputs, shared by the LINQ and SQL paths.
    private static ClvSummary Build(
        IEnumerable<CustomerDays> rows,
        TimeUnit unit,
        DateTime calibrationEnd,
        DateTime? holdoutEnd
    )
    {
        var daysPerPeriod = TimeUnits.DaysPerPeriod(unit);
        var customers = rows.Select(row =>
            {
                var frequency = row.PurchaseDays - 1;
                var monetary = frequency > 0 ? (double)(row.RepeatAmount / frequency) : 0.0;
                return new CustomerSummary(
                    row.CustomerId,
                    frequency,
                    row.RecencyDays / daysPerPeriod,
                    row.AgeDays / daysPerPeriod,
                    monetary
                )
                {
                    HoldoutFrequency = row.HoldoutDays,
                };
            })
            .OrderBy(c => c.CustomerId, StringComparer.Ordinal)
            .ToList();
        return new ClvSummary(customers, unit, calibrationEnd, holdoutEnd);
    }

    private static void ValidatePeriods(DateTime calibrationEnd, DateTime? holdoutEnd, TimeUnit unit)
    {
        TimeUnits.DaysPerPeriod(unit);
        if (holdoutEnd is { } end && end.Date <= calibrationEnd.Date)
            throw new OptionsException(
                FormattableString.Invariant(
                    $"holdoutEnd={end:yyyy-MM-dd} must be after calibrationEnd={calibrationEnd:yyyy-MM-dd}"
                )
            );
    }

    private static string SqlDate(DateTime value) =>
        "DATE '" + value.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";
}
