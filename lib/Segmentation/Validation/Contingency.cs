using Segmentation.Metrics;

namespace Segmentation.Validation;

/// <summary>
/// Sparse contingency table of two labellings: the non-zero cells in row-major order (rows are the
/// first labelling's sorted distinct values, columns the second's), with row and column totals.
/// </summary>
internal sealed class Contingency
{
    private Contingency(int samples, int[] rowTotals, int[] columnTotals, (int Row, int Column, int Count)[] cells)
    {
        Samples = samples;
        RowTotals = rowTotals;
        ColumnTotals = columnTotals;
        Cells = cells;
    }

    public int Samples { get; }
    public int[] RowTotals { get; }
    public int[] ColumnTotals { get; }
    public (int Row, int Column, int Count)[] Cells { get; }

    public static Contingency From(ReadOnlySpan<int> first, ReadOnlySpan<int> second, string metric)
    {
        if (first.Length != second.Length)
            throw new OptionsException(
                FormattableString.Invariant(
                    $"{metric}: truth={first.Length} labels must equal predicted={second.Length} labels"
                )
            );
        if (first.Length == 0)
            throw new OptionsException(FormattableString.Invariant($"{metric}: labels=0 must be >= 1"));
        var rows = LabelCodes.From(first);
        var columns = LabelCodes.From(second);
        var counts = new Dictionary<long, int>();
        for (var i = 0; i < first.Length; i++)
        {
            var key = (long)rows.Codes[i] * columns.Count + columns.Codes[i];
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        var cells = counts
            .OrderBy(cell => cell.Key)
            .Select(cell => ((int)(cell.Key / columns.Count), (int)(cell.Key % columns.Count), cell.Value))
            .ToArray();
        return new Contingency(first.Length, rows.Counts, columns.Counts, cells);
    }
}
