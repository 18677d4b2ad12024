using System.Text;
using Segmentation.Common.Text;
using Segmentation.Reports;

namespace Segmentation.Notebooks.Display;

/// <summary>
/// A table shown in a notebook: the first rows of something larger, with a caption that states the
/// limit ("showing 20 of 4,338 rows"). Renders as HTML and as aligned plain text.
/// </summary>
internal sealed class DisplayTable
{
    public DisplayTable(
        IReadOnlyList<string> header,
        IReadOnlyList<IReadOnlyList<string>> rows,
        long totalRows,
        string? totalRowsText = null
    )
    {
        Header = header;
        Rows = rows;
        TotalRows = totalRows;
        TotalRowsText = totalRowsText ?? DisplayText.Count(totalRows);
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    public long TotalRows { get; }

    public string TotalRowsText { get; }

    /// <summary>
    /// "showing 20 of 4,338 rows × 8 columns" or "3 rows × 2 columns", in <see cref="Language.Current"/> (the notebook
    /// session's language).
    /// </summary>
    public string Caption
    {
        get
        {
            var t = Language.Current;
            var columns = t.Format(
                Header.Count == 1 ? "Table_Column" : "Table_Columns",
                DisplayText.Count(Header.Count)
            );
            return Rows.Count < TotalRows || TotalRowsText != DisplayText.Count(TotalRows)
                ? t.Format("Table_Showing", DisplayText.Count(Rows.Count), TotalRowsText, columns)
                : t.Format(TotalRows == 1 ? "Table_Row" : "Table_Rows", TotalRowsText, columns);
        }
    }

    public string ToHtml() => "<div class=\"seg-table\">" + HtmlPage.HtmlTable(Header, Rows, Caption) + "</div>";

    public string ToText()
    {
        var widths = Header.Select(h => h.Length).ToArray();
        foreach (var row in Rows)
        {
            for (var i = 0; i < widths.Length && i < row.Count; i++)
                widths[i] = Math.Max(widths[i], OneLine(row[i]).Length);
        }
        var text = new StringBuilder();
        AppendRow(text, Header, widths);
        text.AppendJoin("  ", widths.Select(w => new string('-', w))).Append('\n');
        foreach (var row in Rows)
            AppendRow(text, row, widths);
        text.Append('(').Append(Caption).Append(')');
        return DisplayText.Shorten(text.ToString());
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        for (var i = 0; i < widths.Length; i++)
        {
            if (i > 0)
                text.Append("  ");
            var cell = i < cells.Count ? OneLine(cells[i]) : "";
            text.Append(i == widths.Length - 1 ? cell : cell.PadRight(widths[i]));
        }
        text.Append('\n');
    }

    private static string OneLine(string cell) => cell.Replace('\n', ' ').Replace('\r', ' ');
}
