using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Execution;

/// <summary>Whether an output event adds an output or replaces one with the same display id.</summary>
public enum OutputChange
{
    /// <summary>A new output (a stream event carries only the new text).</summary>
    Added,

    /// <summary>A display was updated (<c>update_display_data</c>); <see cref="DisplayDataOutput.DisplayId"/> names
    /// it.</summary>
    Updated,
}

/// <summary>An output as it appears, for a kernel to stream to its client.</summary>
public sealed class CellOutputEventArgs : EventArgs
{
    /// <summary>Creates the event.</summary>
    public CellOutputEventArgs(int executionCount, CellOutput output, OutputChange change)
    {
        ExecutionCount = executionCount;
        Output = output;
        Change = change;
    }

    /// <summary>The execution count of the cell that produced it.</summary>
    public int ExecutionCount { get; }

    /// <summary>The output (for <see cref="OutputChange.Updated"/>, the new content).</summary>
    public CellOutput Output { get; }

    /// <summary>Added or updated.</summary>
    public OutputChange Change { get; }
}
