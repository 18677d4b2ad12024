namespace Segmentation.Kernel.Engine;

/// <summary>
/// What the kernel needs from a C# session: run a cell with shared state, and answer the editor's
/// questions (completion, inspection, completeness) in the context of the cells run so far.
/// The kernel calls <see cref="ExecuteAsync"/> for one cell at a time; the other members may be
/// called between cells.
/// </summary>
public interface IKernelEngine : IDisposable
{
    /// <summary>
    /// Runs one cell. Output produced while it runs goes to <paramref name="output"/>; the value of a
    /// trailing expression and any failure come back in the outcome. Cancellation means the user
    /// interrupted the cell.
    /// </summary>
    Task<ExecutionOutcome> ExecuteAsync(string code, IOutputSink output, CancellationToken cancellationToken);

    /// <summary>Completions at <paramref name="cursor"/> (a UTF-16 index into <paramref name="code"/>).</summary>
    CompletionResult Complete(string code, int cursor);

    /// <summary>Type and documentation of the symbol at <paramref name="cursor"/>, or null when there is
    /// none.</summary>
    /// <param name="code">The cell text.</param>
    /// <param name="cursor">A UTF-16 index into <paramref name="code"/>.</param>
    /// <param name="detailLevel">0 for a summary, 1 for everything known.</param>
    InspectionResult? Inspect(string code, int cursor, int detailLevel);

    /// <summary>Whether <paramref name="code"/> is a complete submission (for consoles that decide when Enter
    /// runs).</summary>
    IsCompleteResult IsComplete(string code);
}

/// <summary>Where a running cell's output goes. Implementations are thread-safe: cell code may write from any
/// thread.</summary>
public interface IOutputSink
{
    /// <summary>Text written to <c>stdout</c> or <c>stderr</c>.</summary>
    void WriteStream(string name, string text);

    /// <summary>A displayed value; <paramref name="displayId"/> names it for later <see cref="UpdateDisplay"/>
    /// calls.</summary>
    void Display(MimeBundle bundle, string? displayId);

    /// <summary>Replaces an earlier display with the same id (progress bars).</summary>
    void UpdateDisplay(MimeBundle bundle, string displayId);

    /// <summary>
    /// Asks the user for one line of input (Jupyter's <c>input_request</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The frontend does not accept input requests.</exception>
    /// <exception cref="OperationCanceledException">The cell was interrupted while waiting.</exception>
    string ReadLine(string prompt, bool password);
}
