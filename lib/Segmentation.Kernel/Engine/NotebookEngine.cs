using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// The kernel's engine: an adapter over the notebook runtime's <see cref="NotebookSession"/>, so the
/// kernel and the headless runner execute cells the same way and produce the same mime bundles.
/// Streams and displays go to the kernel as the session announces them; the trailing value and the
/// error of a cell come back in its outcome. Completion and inspection bind the cell being typed as the
/// session's next submission.
/// </summary>
public sealed class NotebookEngine : IKernelEngine
{
    private readonly NotebookSession session;
    private readonly EditorContext editor;
    private readonly Lock gate = new();
    private IOutputSink? sink;
    private int cellCount;

    /// <summary>Starts a session; <paramref name="options"/> as for the headless runner (default base directory: the
    /// current one, which Jupyter sets to the notebook's).</summary>
    public NotebookEngine(NotebookSessionOptions? options = null)
    {
        this.session = new NotebookSession((options ?? new NotebookSessionOptions()) with { ReadInput = ReadInput });
        this.session.OutputProduced += Forward;
        editor = new EditorContext(this.session);
    }

    /// <inheritdoc />
    public async Task<ExecutionOutcome> ExecuteAsync(
        string code,
        IOutputSink output,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(output);
        lock (gate)
        {
            this.sink = output;
            cellCount = this.session.ExecutionCount + 1;
        }
        CellResult result;
        try
        {
            result = await this.session.ExecuteAsync(code, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
                sink = null;
        }

        if (result.Error is { } error)
            return ExecutionOutcome.Failed(new ExecutionError(error.Name, error.Value, error.Traceback));
        return result.Outputs.OfType<ExecuteResultOutput>().LastOrDefault() is { } value
            ? ExecutionOutcome.Succeeded(new MimeBundle(value.Data, value.Metadata))
            : ExecutionOutcome.Succeeded();
    }

    /// <inheritdoc />
    public CompletionResult Complete(string code, int cursor)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (MagicCompletion.Complete(code, cursor) is { } magic)
            return magic;
        if (CellCode.Parse(code) is not { } csharp || csharp.ToCode(cursor) is not { } position)
            return CompletionResult.None(cursor);
        var result = CSharpCompletion.Complete(editor, csharp.Code, position);
        return result with { Start = csharp.ToCell(result.Start), End = csharp.ToCell(result.End) };
    }

    /// <inheritdoc />
    public InspectionResult? Inspect(string code, int cursor, int detailLevel) =>
        CellCode.Parse(code) is { } csharp && csharp.ToCode(cursor) is { } position
            ? CSharpInspection.Inspect(editor, csharp.Code, position, detailLevel)
            : null;

    /// <inheritdoc />
    public IsCompleteResult IsComplete(string code) =>
        CellCode.Parse(code) is { } csharp
            ? CSharpCompleteness.Check(csharp.Code)
            : new IsCompleteResult(Completeness.Complete);

    /// <summary>
    /// <c>Kernel.GetInputAsync</c>, <c>Kernel.GetPasswordAsync</c>, <c>@input:</c> and <c>@password:</c>: an
    /// <c>input_request</c> on the stdin channel for the running cell (<c>password: true</c> masks it in the frontend).
    /// </summary>
    private string ReadInput(string prompt, bool password)
    {
        IOutputSink? sink;
        lock (gate)
            sink = this.sink;
        return (
            sink ?? throw new InvalidOperationException("no cell is running: input can only be asked for by a cell")
        ).ReadLine(prompt, password);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        this.session.OutputProduced -= Forward;
        this.session.Dispose();
    }

    /// <summary>
    /// Streams and displays of the running cell go out as they appear; display updates go out whichever
    /// cell made the display (a progress bar of an earlier cell). Late output of an abandoned cell is dropped.
    /// </summary>
    private void Forward(object? sender, CellOutputEventArgs e)
    {
        IOutputSink? sink;
        lock (gate)
        {
            sink = this.sink;
            if (sink is null || (e.Change == OutputChange.Added && e.ExecutionCount != cellCount))
                return;
        }
        switch (e.Output)
        {
            case StreamOutput stream when e.Change == OutputChange.Added:
                sink.WriteStream(stream.Name, stream.Text);
                break;
            case DisplayDataOutput { DisplayId: { } id } display when e.Change == OutputChange.Updated:
                sink.UpdateDisplay(new MimeBundle(display.Data, display.Metadata), id);
                break;
            case DisplayDataOutput display when e.Change == OutputChange.Added:
                sink.Display(new MimeBundle(display.Data, display.Metadata), display.DisplayId);
                break;
        }
    }
}
