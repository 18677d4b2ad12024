namespace Segmentation.Kernel.Engine;

/// <summary>Completions for the text between <see cref="Start"/> and <see cref="End"/> (UTF-16 indices), best
/// first.</summary>
/// <param name="Items">The candidates.</param>
/// <param name="Start">Where the replaced text starts.</param>
/// <param name="End">Where the replaced text ends (usually the cursor).</param>
public sealed record CompletionResult(IReadOnlyList<CompletionItem> Items, int Start, int End)
{
    /// <summary>No completions at <paramref name="cursor"/>.</summary>
    public static CompletionResult None(int cursor) => new([], cursor, cursor);
}

/// <summary>One completion candidate.</summary>
/// <param name="Text">The text to insert.</param>
/// <param name="Kind">A Jupyter completion type: <c>method</c>, <c>property</c>, <c>field</c>, <c>class</c>,
/// <c>keyword</c>, …</param>
/// <param name="Signature">The symbol's signature, or empty.</param>
public sealed record CompletionItem(string Text, string Kind, string Signature);

/// <summary>What the kernel knows about the symbol under the cursor, as a mime bundle (text/plain and
/// text/markdown).</summary>
/// <param name="Bundle">The description.</param>
public sealed record InspectionResult(MimeBundle Bundle);

/// <summary>Whether a cell is ready to run.</summary>
/// <param name="Status">The verdict.</param>
/// <param name="Indent">For <see cref="Completeness.Incomplete"/>, the indentation for the next line.</param>
public sealed record IsCompleteResult(Completeness Status, string Indent = "");

/// <summary>Jupyter's <c>is_complete</c> verdicts.</summary>
public enum Completeness
{
    /// <summary>Ready to run.</summary>
    Complete,

    /// <summary>More lines are expected (an open brace, an unterminated string).</summary>
    Incomplete,

    /// <summary>Will not compile whatever follows.</summary>
    Invalid,

    /// <summary>The engine cannot tell.</summary>
    Unknown,
}
