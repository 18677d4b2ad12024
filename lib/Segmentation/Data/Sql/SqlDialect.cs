using System.Globalization;
using System.Text;

namespace Segmentation.Data.Sql;

/// <summary>
/// The parts of SQL that differ between engines: quoting, literals, date arithmetic, casts, conditional aggregates and
/// the few functions whose names or semantics differ. Cleaning rules (<c>Data.Cleaning.TransactionRules</c>) and the
/// feature queries are written once against this class and rendered for DuckDB (the one-machine engine) or ClickHouse
/// (the warehouse engine). A third engine (Spark SQL, BigQuery, …) is one more subclass; see docs/scale.md.
/// </summary>
public abstract class SqlDialect
{
    /// <summary>DuckDB (the embedded engine of <see cref="TransactionStore"/>).</summary>
    public static SqlDialect DuckDb { get; } = new DuckDbDialect();

    /// <summary>ClickHouse (tested against Debian's 18.16.1).</summary>
    public static SqlDialect ClickHouse { get; } = new ClickHouseDialect();

    /// <summary>The engine's name, as in <c>--engine</c>.</summary>
    public abstract string Name { get; }

    /// <summary>A quoted identifier.</summary>
    public virtual string Identifier(string name) => SqlText.Identifier(name);

    /// <summary>A string literal.</summary>
    public abstract string Literal(string value);

    /// <summary>A timestamp literal (whole seconds in ClickHouse).</summary>
    public abstract string Timestamp(DateTime value);

    /// <summary>A date literal.</summary>
    public abstract string Date(DateOnly value);

    /// <summary>True when the text <paramref name="text"/> is absent (NULL, or empty where the engine keeps empty
    /// strings).</summary>
    public abstract string IsMissing(string text);

    /// <summary>True when the text <paramref name="text"/> starts with <paramref name="prefix"/> (byte-wise on
    /// UTF-8).</summary>
    public abstract string StartsWith(string text, string prefix);

    /// <summary>The date of a timestamp.</summary>
    public abstract string ToDate(string timestamp);

    /// <summary>Whole days from date <paramref name="from"/> to date <paramref name="to"/>.</summary>
    public abstract string DaysBetween(string from, string to);

    /// <summary>The day number of a date: days since 0001-01-01 (<see cref="DateOnly.DayNumber"/>), a 64-bit
    /// integer.</summary>
    public abstract string DayNumber(string date);

    /// <summary>The first day of the month of a date.</summary>
    public abstract string MonthStart(string date);

    /// <summary>A cast to a 64-bit integer.</summary>
    public abstract string ToBigInt(string expression);

    /// <summary>A cast to a double.</summary>
    public abstract string ToDouble(string expression);

    /// <summary>A cast to text.</summary>
    public abstract string ToText(string expression);

    /// <summary>An aggregate: the sum of <paramref name="value"/> over the rows where <paramref name="condition"/>
    /// holds (NULL when none).</summary>
    public abstract string SumIf(string value, string condition);

    /// <summary>An aggregate: the number of distinct values.</summary>
    public virtual string CountDistinct(string value) => $"count(DISTINCT {value})";

    /// <summary>Text with the spaces at both ends removed.</summary>
    public abstract string Trim(string text);

    /// <summary>Lower-case text.</summary>
    public virtual string Lower(string text) => $"lower({text})";

    /// <summary>An aggregate: the sum of the squared differences between consecutive values of the integer
    /// <paramref name="value"/> in sorted order (0 for one value).</summary>
    public abstract string SumOfSquaredSteps(string value);

    /// <summary>
    /// The step from the previous row's <paramref name="value"/> (rows of one <paramref name="partition"/> in
    /// <paramref name="order"/>), as a window function over a grouped query; null where the engine has no window
    /// functions (ClickHouse 18.16), whose queries then use <see cref="SumOfSquaredSteps"/> instead. DuckDB's window is
    /// several times cheaper than sorting a list per customer.
    /// </summary>
    public virtual string? PreviousStep(string value, string partition, string order) => null;

    /// <summary>An aggregate: the value of <paramref name="value"/> on the row with the smallest tuple of
    /// <paramref name="keys"/>.</summary>
    public abstract string ArgMin(string value, params string[] keys);

    /// <summary>A text NULL (for a column the source lacks).</summary>
    public abstract string NullText { get; }

    private sealed class DuckDbDialect : SqlDialect
    {
        public override string Name => "duckdb";

        public override string Literal(string value) => SqlText.Literal(value);

        public override string Timestamp(DateTime value) => SqlText.Timestamp(value);

        public override string Date(DateOnly value) =>
            "DATE '" + value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "'";

        public override string IsMissing(string text) => $"{text} IS NULL";

        public override string StartsWith(string text, string prefix) => $"starts_with({text}, {Literal(prefix)})";

        public override string ToDate(string timestamp) => $"CAST({timestamp} AS DATE)";

        public override string DaysBetween(string from, string to) => $"date_diff('day', {from}, {to})";

        public override string MonthStart(string date) => $"date_trunc('month', {date})";

        public override string ToBigInt(string expression) => $"CAST({expression} AS BIGINT)";

        public override string ToText(string expression) => $"CAST({expression} AS VARCHAR)";

        public override string ToDouble(string expression) => $"CAST({expression} AS DOUBLE)";

        public override string SumIf(string value, string condition) => $"sum({value}) FILTER (WHERE {condition})";

        public override string DayNumber(string date) => $"date_diff('day', DATE '0001-01-01', {date})";

        public override string Trim(string text) => $"trim({text})";

        public override string SumOfSquaredSteps(string value)
        {
            var sorted = $"list_sort(list({value}))";
            return $"CAST(coalesce(list_sum(list_transform(range(1, len({sorted})), lambda i: ({sorted}[i + 1] - "
                + $"{sorted}[i]) * ({sorted}[i + 1] - {sorted}[i]))), 0) AS BIGINT)";
        }

        public override string ArgMin(string value, params string[] keys) =>
            $"arg_min({value}, ({string.Join(", ", keys)}))";

        public override string? PreviousStep(string value, string partition, string order) =>
            $"{value} - lag({value}) OVER (PARTITION BY {partition} ORDER BY {order})";

        public override string NullText => "NULL::VARCHAR";
    }

    private sealed class ClickHouseDialect : SqlDialect
    {
        public override string Name => "clickhouse";

        // ClickHouse reads backslash escapes in string literals: both the quote and the backslash are escaped.
        public override string Literal(string value)
        {
            var text = new StringBuilder("'");
            foreach (var c in value)
            {
                if (c is '\'' or '\\')
                    text.Append('\\');
                text.Append(c);
            }
            return text.Append('\'').ToString();
        }

        public override string Timestamp(DateTime value) =>
            "toDateTime('" + value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "')";

        public override string Date(DateOnly value) =>
            "toDate('" + value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "')";

        public override string IsMissing(string text) => $"({text} IS NULL OR {text} = '')";

        public override string StartsWith(string text, string prefix) =>
            FormattableString.Invariant(
                $"substring({text}, 1, {Encoding.UTF8.GetByteCount(prefix)}) = {Literal(prefix)}"
            );

        public override string ToDate(string timestamp) => $"toDate({timestamp})";

        public override string DaysBetween(string from, string to) => $"({ToDayNumber(to)} - {ToDayNumber(from)})";

        public override string MonthStart(string date) => $"toStartOfMonth({date})";

        public override string ToBigInt(string expression) => $"toInt64({expression})";

        public override string ToText(string expression) => $"toString({expression})";

        public override string ToDouble(string expression) => $"toFloat64({expression})";

        public override string SumIf(string value, string condition) =>
            $"if(countIf({condition}) = 0, NULL, sumIf({value}, {condition}))";

        public override string CountDistinct(string value) => $"uniqExact({value})";

        // 18.16 has no trim(): a regular expression removes the spaces at both ends.
        public override string Trim(string text) => $"replaceRegexpAll({text}, '^ +| +$', '')";

        public override string SumOfSquaredSteps(string value) =>
            $"arraySum(arrayMap(x -> x * x, arrayDifference(arraySort(groupArray(toInt64({value}))))))";

        public override string ArgMin(string value, params string[] keys) =>
            $"argMin({value}, tuple({string.Join(", ", keys)}))";

        public override string NullText => "CAST(NULL AS Nullable(String))";

        // toRelativeDayNum counts days from 1970-01-01 (DateOnly day number 719162); dates before 1970 do not exist
        // here.
        private static string ToDayNumber(string date) => $"toInt64(toRelativeDayNum({date}))";

        public override string DayNumber(string date) =>
            FormattableString.Invariant(
                $"({ToDayNumber(date)} + {DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber})"
            );
    }
}
