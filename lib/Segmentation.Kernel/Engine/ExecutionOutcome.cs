namespace Segmentation.Kernel.Engine;

/// <summary>How a cell ended: with an optional result value, or with an error.</summary>
public sealed record ExecutionOutcome
{
    private ExecutionOutcome(MimeBundle? result, ExecutionError? error)
    {
        Result = result;
        Error = error;
    }

    /// <summary>The displayed value of the cell's trailing expression, or null.</summary>
    public MimeBundle? Result { get; }

    /// <summary>The failure (compile error, exception, interruption), or null when the cell succeeded.</summary>
    public ExecutionError? Error { get; }

    /// <summary>A successful cell, with the value of its trailing expression when it has one.</summary>
    public static ExecutionOutcome Succeeded(MimeBundle? result = null) => new(result, null);

    /// <summary>A failed cell.</summary>
    public static ExecutionOutcome Failed(ExecutionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(null, error);
    }
}

/// <summary>A cell's failure as Jupyter shows it.</summary>
/// <param name="Name">The error name (<c>ename</c>), e.g. the exception type or <c>CompilationError</c>.</param>
/// <param name="Value">The message (<c>evalue</c>).</param>
/// <param name="Traceback">Lines of detail (<c>traceback</c>).</param>
public sealed record ExecutionError(string Name, string Value, IReadOnlyList<string> Traceback)
{
    /// <summary>The error name of a cell stopped by the user.</summary>
    public const string InterruptedName = "Interrupted";

    /// <summary>The error of a cell stopped by an interrupt request.</summary>
    public static ExecutionError Interrupted { get; } =
        new(InterruptedName, "the cell was interrupted", ["Interrupted: the cell was interrupted"]);
}
