using Segmentation.Notebooks.Execution;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// A cell's C# code as the runtime compiles it (magic and <c>#r</c> lines blanked by
/// <see cref="ParsedCell"/>), with cursor positions mapped between the cell text the editor
/// sends and that code. Lines keep their order, so a position maps by line and column.
/// </summary>
internal sealed class CellCode
{
    private readonly int[] _cellLineStarts;
    private readonly int[] _codeLineStarts;
    private readonly int[] _codeLineLengths;
    private readonly string _cell;

    private CellCode(string cell, string code)
    {
        _cell = cell;
        Code = code;
        _cellLineStarts = LineStarts(cell);
        _codeLineStarts = LineStarts(code);
        _codeLineLengths = code.Split('\n').Select(l => l.Length).ToArray();
    }

    /// <summary>The code the compiler sees.</summary>
    public string Code { get; }

    /// <summary>The C# code of a cell (its C# parts), or null for a cell with no C# part.</summary>
    public static CellCode? Parse(string cell)
    {
        var normalized = cell.Replace("\r\n", "\n", StringComparison.Ordinal);
        var parsed = ParsedCell.Parse(normalized);
        return parsed.Parts.Count == 0 || parsed.Parts.Any(p => p.Language == CellLanguage.CSharp) ? new CellCode(normalized, parsed.Code) : null;
    }

    /// <summary>Where <paramref name="cursor"/> of the cell text falls in <see cref="Code"/>; null on a blanked line.</summary>
    public int? ToCode(int cursor)
    {
        var line = LineOf(_cellLineStarts, Math.Clamp(cursor, 0, _cell.Length));
        if (line >= _codeLineStarts.Length) return null;
        var column = cursor - _cellLineStarts[line];
        return column > _codeLineLengths[line] ? null : _codeLineStarts[line] + column;
    }

    /// <summary>The cell-text position of a position in <see cref="Code"/>.</summary>
    public int ToCell(int position)
    {
        var line = LineOf(_codeLineStarts, Math.Clamp(position, 0, Code.Length));
        return _cellLineStarts[line] + (position - _codeLineStarts[line]);
    }

    private static int[] LineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n') starts.Add(i + 1);
        }
        return [.. starts];
    }

    private static int LineOf(int[] starts, int position)
    {
        var index = Array.BinarySearch(starts, position);
        return index >= 0 ? index : ~index - 1;
    }
}
