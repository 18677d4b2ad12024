using Segmentation.Notebooks.Execution;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// A cell's C# code as the runtime compiles it (magic and <c>#r</c> lines blanked by
/// <see cref="ParsedCell"/>), with cursor positions mapped between the cell text the editor
/// sends and that code. Lines keep their order, so a position maps by line and column.
/// </summary>
internal sealed class CellCode
{
    private readonly int[] cellLineStarts;
    private readonly int[] codeLineStarts;
    private readonly int[] codeLineLengths;
    private readonly string cell;

    private CellCode(string cell, string code)
    {
        this.cell = cell;
        Code = code;
        cellLineStarts = LineStarts(cell);
        codeLineStarts = LineStarts(code);
        codeLineLengths = code.Split('\n').Select(l => l.Length).ToArray();
    }

    /// <summary>The code the compiler sees.</summary>
    public string Code { get; }

    /// <summary>The C# code of a cell (its C# parts), or null for a cell with no C# part.</summary>
    public static CellCode? Parse(string cell)
    {
        var normalized = cell.Replace("\r\n", "\n", StringComparison.Ordinal);
        var parsed = ParsedCell.Parse(normalized);
        return parsed.Parts.Count == 0 || parsed.Parts.Any(p => p.Language == CellLanguage.CSharp)
            ? new CellCode(normalized, parsed.Code)
            : null;
    }

    /// <summary>Where <paramref name="cursor"/> of the cell text falls in <see cref="Code"/>; null on a blanked
    /// line.</summary>
    public int? ToCode(int cursor)
    {
        var line = LineOf(cellLineStarts, Math.Clamp(cursor, 0, this.cell.Length));
        if (line >= codeLineStarts.Length)
            return null;
        var column = cursor - cellLineStarts[line];
        return column > codeLineLengths[line] ? null : codeLineStarts[line] + column;
    }

    /// <summary>The cell-text position of a position in <see cref="Code"/>.</summary>
    public int ToCell(int position)
    {
        var line = LineOf(codeLineStarts, Math.Clamp(position, 0, Code.Length));
        return cellLineStarts[line] + (position - codeLineStarts[line]);
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
                starts.Add(i + 1);
        }
        return [.. starts];
    }

    private static int LineOf(int[] starts, int position)
    {
        var index = Array.BinarySearch(starts, position);
        return index >= 0 ? index : ~index - 1;
    }
}
