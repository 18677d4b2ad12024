using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Execution;

/// <summary>What one execution produced.</summary>
/// <param name="ExecutionCount">The session's execution count for this cell (1, 2, …).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Outputs">Its outputs in order (streams merged; displays in their final state).</param>
/// <param name="Duration">Wall-clock time.</param>
public sealed record CellResult(
    int ExecutionCount,
    CellStatus Status,
    IReadOnlyList<CellOutput> Outputs,
    TimeSpan Duration
)
{
    /// <summary>True when the cell ran to the end.</summary>
    public bool Succeeded => Status == CellStatus.Ok;

    /// <summary>The error output of a failed cell, or null.</summary>
    public ErrorOutput? Error => Outputs.OfType<ErrorOutput>().LastOrDefault();
}
