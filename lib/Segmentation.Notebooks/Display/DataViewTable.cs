using System.Collections;
using Microsoft.ML;

namespace Segmentation.Notebooks.Display;

/// <summary>
/// An ML.NET <see cref="IDataView"/> (a loaded data set, a transformed pipeline's output, predictions) as a
/// <see cref="DisplayTable"/> of its first rows, vector columns shown as their values. Counting the rows reads the view
/// once.
/// </summary>
internal static class DataViewTable
{
    public static DisplayTable Create(IDataView view, int rowLimit)
    {
        var preview = view.Preview(rowLimit);
        // A transform that replaces a column hides the old one under the same name: pick columns by position, not name.
        var visible = preview.Schema.Where(c => !c.IsHidden).Select(c => c.Index).ToArray();
        var header = visible.Select(i => preview.Schema[i].Name).ToArray();
        var rows = preview
            .RowView.Select(r => (IReadOnlyList<string>)visible.Select(i => Format(r.Values[i].Value)).ToArray())
            .ToList();
        return new DisplayTable(header, rows, view.GetRowCount() ?? CountRows(view));
    }

    private static long CountRows(IDataView view)
    {
        long count = 0;
        using var cursor = view.GetRowCursor([]);
        while (cursor.MoveNext())
            count++;
        return count;
    }

    /// <summary>A VBuffer's dense values, comma-separated; anything else as <see cref="DisplayText.Format"/> shows
    /// it.</summary>
    private static string Format(object? value)
    {
        if (
            value is not null
            && value.GetType().Name.StartsWith("VBuffer", StringComparison.Ordinal)
            && value.GetType().GetMethod("DenseValues")?.Invoke(value, null) is IEnumerable values
        )
        {
            return string.Join(", ", values.Cast<object?>().Take(8).Select(DisplayText.Format))
                + (values.Cast<object?>().Skip(8).Any() ? ", …" : "");
        }
        return DisplayText.Format(value);
    }
}
