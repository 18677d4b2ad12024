using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Running;

/// <summary>The cell that stopped a notebook.</summary>
/// <param name="CellNumber">1-based position among all cells (markdown included), as a reader counts them.</param>
/// <param name="FirstLine">The cell's first non-blank line.</param>
/// <param name="Error">Its error output.</param>
public sealed record CellFailure(int CellNumber, string FirstLine, ErrorOutput Error)
{
    /// <summary>"cell 4 (`var x = Foo();`) failed: System.InvalidOperationException: boom".</summary>
    public override string ToString()
    {
        var line = FirstLine.Length > 60 ? FirstLine[..57] + "..." : FirstLine;
        return FormattableString.Invariant($"cell {CellNumber} (`{line}`) failed: {Error.Name}: {Error.Value}");
    }
}
