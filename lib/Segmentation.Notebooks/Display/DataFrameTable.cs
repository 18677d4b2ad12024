using Microsoft.Data.Analysis;

namespace Segmentation.Notebooks.Display;

/// <summary>A Microsoft.Data.Analysis <see cref="DataFrame"/> as a <see cref="DisplayTable"/> of its first
/// rows.</summary>
internal static class DataFrameTable
{
    public static DisplayTable Create(DataFrame frame, int rowLimit)
    {
        var total = frame.Rows.Count;
        var shown = (int)Math.Min(total, rowLimit);
        var header = frame.Columns.Select(c => c.Name).ToArray();
        var rows = new List<IReadOnlyList<string>>(shown);
        for (var r = 0; r < shown; r++)
        {
            rows.Add(frame.Columns.Select(c => DisplayText.Format(c[r])).ToArray());
        }
        return new DisplayTable(header, rows, total);
    }
}
