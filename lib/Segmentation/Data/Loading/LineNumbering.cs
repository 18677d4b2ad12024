using System.Globalization;
using System.Text;

namespace Segmentation.Data.Loading;

/// <summary>
/// Maps an ordinal k (1, 2, 3, …) to the k-th positive integer that is not in a sorted set of excluded lines:
/// the k-th record of a file sits on the k-th line that is neither header, blank nor a continuation line.
/// With x₁ &lt; x₂ &lt; … the excluded lines, line(k) = k + #{i : xᵢ − (i − 1) ≤ k}, a step function with one
/// step per run of excluded lines. Few steps become an inline SQL CASE tree (row-local, order-preserving, no join);
/// many steps become a DuckDB table looked up with an ASOF join.
/// </summary>
internal sealed class LineNumbering
{
    /// <summary>Steps beyond which the inline CASE tree gives way to a lookup table.</summary>
    public const int DefaultMaxInlineSteps = 1024;

    private readonly long[] starts;
    private readonly long[] shifts;

    private LineNumbering(long[] starts, long[] shifts, string? table)
    {
        this.starts = starts;
        this.shifts = shifts;
        Table = table;
    }

    /// <summary>The lookup table (columns <c>b</c>, <c>shift</c>) when the steps are too many to inline; null
    /// otherwise.</summary>
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

        store.Execute($"CREATE OR REPLACE TEMP TABLE {table} (b BIGINT, shift BIGINT)");
        using (var appender = store.Connection.CreateAppender(table))
        {
            for (var i = 0; i < starts.Count; i++)
                appender.CreateRow().AppendValue(starts[i]).AppendValue(shifts[i]).EndRow();
        }
        return new LineNumbering([.. starts], [.. shifts], table);
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
        var sql =
            $"SELECT s.*, s.{ordinal} + coalesce(g.shift, 0) AS line FROM ({relation}) s ASOF LEFT JOIN "
            + $"{Table} g ON s.{ordinal} >= g.b";
        return keepOrder ? sql + $" ORDER BY s.{ordinal}" : sql;
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
