using System.Globalization;
using System.Text;

namespace Segmentation.Data.Loading;

/// <summary>
/// Maps an ordinal k (1, 2, 3, …) to the k-th positive integer that is not in a sorted set of excluded lines:
/// the k-th record of a file sits on the k-th line that is neither header, blank nor a continuation line.
/// With x₁ &lt; x₂ &lt; … the excluded lines, line(k) = k + #{i : xᵢ − (i − 1) ≤ k}, a step function with one
/// step per run of excluded lines. Few steps become an inline SQL CASE tree (row-local, order-preserving, no join);
/// many steps become a DuckDB table of buckets of ordinals, each holding the steps inside it, looked up with a hash
/// join on the bucket: the rows stream through the join (no sort of the relation, so nothing of it spills), and each
/// row searches only its bucket's steps, which are about one per bucket (<see cref="BucketBits"/>).
/// </summary>
internal sealed class LineNumbering
{
    /// <summary>Steps beyond which the inline CASE tree gives way to a lookup table.</summary>
    public const int DefaultMaxInlineSteps = 1024;

    private readonly long[] starts;
    private readonly long[] shifts;

    private readonly int bits;

    private LineNumbering(long[] starts, long[] shifts, string? table, int bits = 0)
    {
        this.starts = starts;
        this.shifts = shifts;
        this.bits = bits;
        Table = table;
    }

    /// <summary>The lookup table (columns <c>bucket</c>, <c>starts</c>, <c>shifts</c>, <c>base</c>) when the steps
    /// are too many to inline; null otherwise.</summary>
    public string? Table { get; }

    /// <summary>True when <see cref="Expression"/> can be used (no join needed).</summary>
    public bool Inline => Table is null;

    /// <summary>Builds the step function of <paramref name="excluded"/> (ascending, distinct).</summary>
    public static LineNumbering Create(
        TransactionStore store,
        string table,
        IReadOnlyList<long> excluded,
        int maxInlineSteps = DefaultMaxInlineSteps
    )
    {
        var starts = new List<long>();
        var shifts = new List<long>();
        for (var i = 0; i < excluded.Count; i++)
        {
            var b = excluded[i] - i;
            if (starts.Count > 0 && starts[^1] == b)
                shifts[^1] = i + 1;
            else
            {
                starts.Add(b);
                shifts.Add(i + 1);
            }
        }
        if (starts.Count <= maxInlineSteps)
            return new LineNumbering([.. starts], [.. shifts], null);

        var steps = table + "_steps";
        store.Execute($"CREATE OR REPLACE TEMP TABLE {steps} (b BIGINT, shift BIGINT)");
        using (var appender = store.Connection.CreateAppender(steps))
        {
            for (var i = 0; i < starts.Count; i++)
                appender.CreateRow().AppendValue(starts[i]).AppendValue(shifts[i]).EndRow();
        }
        // One row per bucket up to the last step's: its steps (ascending) and the shift in force before them (the
        // shifts only grow, so the largest of the buckets before it). Ordinals past the last bucket take the last
        // shift.
        var bits = BucketBits(starts[^1], starts.Count);
        store.Execute(
            FormattableString.Invariant(
                $"""
                CREATE OR REPLACE TEMP TABLE {table} AS
                WITH per AS (
                    SELECT b >> {bits} AS bucket, list(b ORDER BY b) AS starts, list(shift ORDER BY b) AS shifts,
                           max(shift) AS top
                    FROM {steps} GROUP BY ALL)
                SELECT r.range AS bucket, coalesce(p.starts, []) AS starts, coalesce(p.shifts, []) AS shifts,
                       coalesce(max(p.top) OVER (ORDER BY r.range ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                           AS base
                FROM range(0, {(starts[^1] >> bits) + 1}) r LEFT JOIN per p ON p.bucket = r.range
                """
            )
        );
        store.Execute($"DROP TABLE {steps}");
        return new LineNumbering([.. starts], [.. shifts], table, bits);
    }

    /// <summary>
    /// Bits of the ordinal that number its bucket: buckets of about <paramref name="lastStart"/> ÷
    /// <paramref name="steps"/> ordinals (at least 64), so there are about as many buckets as steps, and the work of
    /// searching them, at most the ordinals in a bucket times its steps summed over the buckets, stays within about
    /// <paramref name="lastStart"/> comparisons however the steps cluster.
    /// </summary>
    internal static int BucketBits(long lastStart, int steps)
    {
        var perStep = Math.Max(1, lastStart / Math.Max(1, steps));
        return Math.Max(6, 63 - (int)long.LeadingZeroCount(perStep));
    }

    /// <summary>A scalar SQL expression giving the line of <paramref name="ordinal"/> (only when
    /// <see cref="Inline"/>).</summary>
    public string Expression(string ordinal)
    {
        if (!Inline)
            throw new InvalidOperationException("the line numbering has too many steps to inline; use Lined");
        if (starts.Length == 0)
            return ordinal;
        var tree = Shift(ordinal, 0, starts.Length - 1);
        return starts[0] <= 1
            ? $"({ordinal} + {tree})"
            : $"({ordinal} + CASE WHEN {ordinal} >= {Number(starts[0])} THEN {tree} ELSE 0 END)";
    }

    /// <summary>
    /// A SQL relation: every column of <paramref name="relation"/> plus <c>line</c>. With a lookup table the rows are
    /// sorted by <paramref name="ordinal"/> again when <paramref name="keepOrder"/> (a join does not keep order).
    /// </summary>
    public string Lined(string relation, string ordinal, bool keepOrder)
    {
        if (Inline)
            return $"SELECT *, {Expression(ordinal)} AS line FROM ({relation})";
        var o = $"s.{ordinal}";
        var sql =
            $"SELECT s.*, {o} + coalesce(list_extract(g.shifts, len(list_filter(g.starts, lambda x: x <= {o}))), "
            + $"g.base, {Number(shifts[^1])}) AS line FROM ({relation}) s LEFT JOIN {Table} g "
            + FormattableString.Invariant($"ON ({o} >> {bits}) = g.bucket");
        return keepOrder ? sql + $" ORDER BY {o}" : sql;
    }

    /// <summary>The line of <paramref name="ordinal"/> computed here (for tests and small look-ups).</summary>
    public long LineOf(long ordinal)
    {
        var index = Array.BinarySearch(starts, ordinal);
        if (index < 0)
            index = ~index - 1;
        return ordinal + (index < 0 ? 0 : shifts[index]);
    }

    private string Shift(string ordinal, int low, int high)
    {
        if (low == high)
            return Number(shifts[low]);
        var middle = (low + high + 1) / 2;
        var text = new StringBuilder();
        text.Append("CASE WHEN ")
            .Append(ordinal)
            .Append(" >= ")
            .Append(Number(starts[middle]))
            .Append(" THEN ")
            .Append(Shift(ordinal, middle, high))
            .Append(" ELSE ")
            .Append(Shift(ordinal, low, middle - 1))
            .Append(" END");
        return text.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
