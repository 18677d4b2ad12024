namespace Segmentation.Notebooks.Documents;

/// <summary>A cell that failed: compile error, exception, time limit or interruption.</summary>
/// <param name="Name">The error name (nbformat <c>ename</c>), e.g. the exception type.</param>
/// <param name="Value">The message (nbformat <c>evalue</c>).</param>
/// <param name="Traceback">Lines of detail (nbformat <c>traceback</c>).</param>
public sealed record ErrorOutput(string Name, string Value, IReadOnlyList<string> Traceback) : CellOutput
{
    /// <inheritdoc />
    public override string OutputType => "error";
}
