using Segmentation.Notebooks.Documents;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// The outputs of one running cell, in order. Found through <see cref="Current"/> (an async-local,
/// so code the cell starts — tasks, console writes, <c>display</c> — lands in this cell). Consecutive
/// stream text of the same name is merged; every change is announced through the session.
/// </summary>
internal sealed class CellContext
{
    /// <summary>The cell running on this logical thread of execution.</summary>
    public static readonly AsyncLocal<CellContext?> Current = new();

    private readonly object gate = new();
    private readonly List<CellOutput> outputs = [];
    private readonly Action<CellOutputEventArgs> announce;

    // The last output, while it is stream text still growing: appended to in place and written back to
    // `outputs` once something else happens (so printing n lines costs O(n), not O(n²)).
    private readonly System.Text.StringBuilder tail = new();
    private string? tailName;
    private bool completed;

    public CellContext(int executionCount, CancellationToken cancellationToken, Action<CellOutputEventArgs> announce)
    {
        ExecutionCount = executionCount;
        CancellationToken = cancellationToken;
        this.announce = announce;
        Out = new CellStreamWriter(text => AppendStream(StreamOutput.StandardOutput, text));
        Error = new CellStreamWriter(text => AppendStream(StreamOutput.StandardError, text));
    }

    public int ExecutionCount { get; }

    /// <summary>How the cell's session displays a value (<c>value.Display()</c>).</summary>
    public Func<object?, Display.DisplayHandle>? Display { get; init; }

    /// <summary>Set when the session stopped waiting for the cell (time limit, cancellation): its later state is
    /// discarded.</summary>
    public bool Abandoned { get; set; }

    /// <summary>Cancelled when the cell's time limit passes or its caller cancels.</summary>
    public CancellationToken CancellationToken { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Adds an output after flushing pending stream text (so order is kept).</summary>
    public void Add(CellOutput output)
    {
        FlushStreams();
        lock (gate)
        {
            SealTail();
            if (!completed)
                outputs.Add(output);
        }
        announce(new CellOutputEventArgs(ExecutionCount, output, OutputChange.Added));
    }

    /// <summary>Replaces the display with the output's display id (if it is in this cell) and announces the
    /// update.</summary>
    public void Update(DisplayDataOutput output)
    {
        lock (gate)
        {
            SealTail();
            var index = outputs.FindIndex(o => o is DisplayDataOutput d && d.DisplayId == output.DisplayId);
            if (index >= 0)
                outputs[index] = output;
        }
        announce(new CellOutputEventArgs(ExecutionCount, output, OutputChange.Updated));
    }

    /// <summary>Flushes the streams and returns the outputs; later outputs are only announced.</summary>
    public IReadOnlyList<CellOutput> Complete()
    {
        FlushStreams();
        lock (gate)
        {
            SealTail();
            completed = true;
            return outputs.ToArray();
        }
    }

    /// <summary>Writes the growing stream text back into its output. Call under <c>gate</c>.</summary>
    private void SealTail()
    {
        if (tailName is null)
            return;
        outputs[^1] = new StreamOutput(tailName, tail.ToString());
        tail.Clear();
        tailName = null;
    }

    private void FlushStreams()
    {
        Out.Flush();
        Error.Flush();
    }

    private void AppendStream(string name, string text)
    {
        (name == StreamOutput.StandardOutput ? Error : Out).Flush();
        var chunk = new StreamOutput(name, text);
        lock (gate)
        {
            if (!completed)
            {
                if (tailName != name)
                {
                    SealTail();
                    outputs.Add(chunk);
                    tailName = name;
                }
                tail.Append(text);
            }
        }
        announce(new CellOutputEventArgs(ExecutionCount, chunk, OutputChange.Added));
    }
}
