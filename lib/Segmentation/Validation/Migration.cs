using Segmentation.Common.Text;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Validation;

/// <summary>One flow between two periods, ready for a Sankey chart (a node is a period and a segment).</summary>
/// <param name="FromPeriod">Index of the earlier period.</param>
/// <param name="From">Segment in the earlier period, or <see cref="Migration.NewSegment"/>.</param>
/// <param name="ToPeriod">Index of the later period (<paramref name="FromPeriod"/> + 1).</param>
/// <param name="To">Segment in the later period, or <see cref="Migration.LapsedSegment"/>.</param>
/// <param name="Count">Customers moving along this link (always &gt; 0).</param>
public sealed record MigrationLink(int FromPeriod, string From, int ToPeriod, string To, int Count);

/// <summary>
/// Transition matrix between two periods: rows are earlier segments plus <see cref="Migration.NewSegment"/>
/// (customers seen only later), columns are later segments plus <see cref="Migration.LapsedSegment"/>
/// (customers seen only earlier). Real segments are the union of both periods' segments, in the same
/// order on both axes, so the diagonal is "stayed".
/// </summary>
/// <param name="FromPeriod">Index of the earlier period.</param>
/// <param name="ToPeriod">Index of the later period.</param>
/// <param name="From">Row names.</param>
/// <param name="To">Column names.</param>
/// <param name="Counts">Customers per (row, column).</param>
/// <param name="RowShares">Counts divided by their row total, each non-empty row summing to 1 (an empty row is all
/// 0).</param>
/// <param name="Links">The non-zero cells, row by row, as Sankey links.</param>
public sealed record MigrationMatrix(
    int FromPeriod,
    int ToPeriod,
    IReadOnlyList<string> From,
    IReadOnlyList<string> To,
    IReadOnlyList<IReadOnlyList<int>> Counts,
    IReadOnlyList<IReadOnlyList<double>> RowShares,
    IReadOnlyList<MigrationLink> Links
)
{
    /// <summary>Customers that moved from <paramref name="from"/> to <paramref name="to"/> (0 if either name is
    /// absent).</summary>
    public int Count(string from, string to)
    {
        var row = IndexOf(From, from);
        var column = IndexOf(To, to);
        return row < 0 || column < 0 ? 0 : Counts[row][column];
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.Ordinal))
                return i;
        return -1;
    }
}

/// <summary>Migration across several periods: one matrix per consecutive pair and every link in order.</summary>
/// <param name="Periods">Period names, oldest first.</param>
/// <param name="Transitions">Matrix of period t → t + 1, for t = 0..periods − 2.</param>
/// <param name="Links">Every transition's links, transition by transition.</param>
public sealed record MigrationPath(
    IReadOnlyList<string> Periods,
    IReadOnlyList<MigrationMatrix> Transitions,
    IReadOnlyList<MigrationLink> Links
);

/// <summary>
/// How customers move between segments from one period to the next. Assignments are keyed by
/// customer id (ordinal comparison). Ordering is deterministic: segments named in
/// <c>segmentOrder</c> first, in that order, then the others in ordinal order; the pseudo-segments
/// come last.
/// </summary>
public static class Migration
{
    /// <summary>Row of customers present in the later period only.</summary>
    public const string NewSegment = "new";

    /// <summary>Column of customers present in the earlier period only.</summary>
    public const string LapsedSegment = "lapsed";

    /// <summary>
    /// A row or column of a migration as people read it in <paramref name="language"/> (default
    /// <see cref="Language.Current"/>): <see cref="NewSegment"/> and <see cref="LapsedSegment"/> in its words, a named
    /// RFM segment by <see cref="RfmSegmentRules.Text"/>, any other segment as written.
    /// </summary>
    public static string SegmentText(string segment, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var t = language ?? Language.Current;
        return segment is NewSegment or LapsedSegment ? t["Migration_" + segment] : RfmSegmentRules.Text(segment, t);
    }

    /// <summary>Transition matrix between two assignments (customer id → segment).</summary>
    public static MigrationMatrix Between(
        IReadOnlyDictionary<string, string> earlier,
        IReadOnlyDictionary<string, string> later,
        IReadOnlyList<string>? segmentOrder = null
    )
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        return Transition(earlier, later, 0, segmentOrder);
    }

    /// <summary>Transition matrix between two assignments given as (customer id, segment) pairs; a repeated id is an
    /// error.</summary>
    public static MigrationMatrix Between(
        IEnumerable<(string CustomerId, string Segment)> earlier,
        IEnumerable<(string CustomerId, string Segment)> later,
        IReadOnlyList<string>? segmentOrder = null
    ) => Between(ToDictionary(earlier, "earlier"), ToDictionary(later, "later"), segmentOrder);

    /// <summary>Migration across two or more periods (oldest first); periods are named "0", "1", … unless names are
    /// given.</summary>
    public static MigrationPath Across(
        IReadOnlyList<IReadOnlyDictionary<string, string>> periods,
        IReadOnlyList<string>? periodNames = null,
        IReadOnlyList<string>? segmentOrder = null
    )
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count < 2)
            throw new OptionsException(FormattableString.Invariant($"periods={periods.Count} must be >= 2"));
        if (periodNames is not null && periodNames.Count != periods.Count)
            throw new OptionsException(
                FormattableString.Invariant($"periodNames={periodNames.Count} must equal periods={periods.Count}")
            );
        var names = periodNames?.ToArray()
            ?? Enumerable
                .Range(0, periods.Count)
                .Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
        var transitions = new MigrationMatrix[periods.Count - 1];
        for (var t = 0; t < transitions.Length; t++)
            transitions[t] = Transition(
                periods[t] ?? throw new ArgumentNullException(nameof(periods)),
                periods[t + 1] ?? throw new ArgumentNullException(nameof(periods)),
                t,
                segmentOrder
            );
        return new MigrationPath(names, transitions, transitions.SelectMany(m => m.Links).ToArray());
    }

    private static MigrationMatrix Transition(
        IReadOnlyDictionary<string, string> earlier,
        IReadOnlyDictionary<string, string> later,
        int period,
        IReadOnlyList<string>? segmentOrder
    )
    {
        var segments = OrderSegments(earlier.Values.Concat(later.Values), segmentOrder);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var s = 0; s < segments.Count; s++)
            index[segments[s]] = s;
        var size = segments.Count + 1;
        var counts = new int[size, size];
        foreach (var (customer, from) in earlier)
        {
            var column = later.TryGetValue(customer, out var to) ? index[to] : segments.Count;
            counts[index[from], column]++;
        }
        foreach (var (customer, to) in later)
            if (!earlier.ContainsKey(customer))
                counts[segments.Count, index[to]]++;

        var rows = segments.Append(NewSegment).ToArray();
        var columns = segments.Append(LapsedSegment).ToArray();
        var countRows = new IReadOnlyList<int>[size];
        var shareRows = new IReadOnlyList<double>[size];
        var links = new List<MigrationLink>();
        for (var r = 0; r < size; r++)
        {
            var row = new int[size];
            var total = 0;
            for (var c = 0; c < size; c++)
            {
                row[c] = counts[r, c];
                total += row[c];
                if (row[c] > 0)
                    links.Add(new MigrationLink(period, rows[r], period + 1, columns[c], row[c]));
            }
            countRows[r] = row;
            shareRows[r] = row.Select(v => total == 0 ? 0.0 : (double)v / total).ToArray();
        }
        return new MigrationMatrix(period, period + 1, rows, columns, countRows, shareRows, links);
    }

    private static List<string> OrderSegments(IEnumerable<string> used, IReadOnlyList<string>? segmentOrder)
    {
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in used)
        {
            if (segment is null)
                throw new OptionsException("a segment is null; expected a segment name");
            if (segment is NewSegment or LapsedSegment)
                throw new OptionsException(
                    $"segment '{segment}' clashes with a pseudo-segment ('{NewSegment}', '{LapsedSegment}'); rename it"
                );
            distinct.Add(segment);
        }
        var ordered = new List<string>();
        foreach (var segment in segmentOrder ?? [])
            if (distinct.Remove(segment))
                ordered.Add(segment);
        ordered.AddRange(distinct.OrderBy(s => s, StringComparer.Ordinal));
        return ordered;
    }

    private static Dictionary<string, string> ToDictionary(
        IEnumerable<(string CustomerId, string Segment)> pairs,
        string name
    )
    {
        ArgumentNullException.ThrowIfNull(pairs, name);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (customer, segment) in pairs)
        {
            if (customer is null)
                throw new OptionsException($"{name}: a customer id is null");
            if (!map.TryAdd(customer, segment))
                throw new OptionsException(
                    $"{name}: customer '{customer}' appears more than once; expected one segment per customer"
                );
        }
        return map;
    }
}
