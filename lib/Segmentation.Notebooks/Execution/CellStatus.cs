namespace Segmentation.Notebooks.Execution;

/// <summary>How a cell ended.</summary>
public enum CellStatus
{
    /// <summary>It ran to the end.</summary>
    Ok,

    /// <summary>It failed: compile error, exception, SQL error or unresolvable <c>#r</c>.</summary>
    Error,

    /// <summary>It exceeded the session's per-cell time limit.</summary>
    TimedOut,

    /// <summary>The caller cancelled it (a kernel's interrupt).</summary>
    Cancelled,
}
