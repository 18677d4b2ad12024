namespace Segmentation.Notebooks.Execution;

/// <summary>
/// Starts cell code on a thread of its own instead of the thread pool. A cell that never ends (a loop that does not
/// look at its cancellation token, abandoned after an interrupt or its time limit) then keeps only that thread: later
/// cells, timers and socket completions still find pool threads at once (on a 2-core machine the pool starts with two,
/// and once abandoned loops held them, later work waited until the pool added threads, which it does slowly). The
/// thread runs the code up to its first <c>await</c> that does not complete at once and then ends; what follows such an
/// <c>await</c> runs where .NET resumes it (the pool).
/// </summary>
public static class CellThread
{
    /// <summary>Calls <paramref name="start"/> on a new background thread named <paramref name="name"/>; the task ends
    /// with the one it returns.</summary>
    public static Task<T> Start<T>(Func<Task<T>> start, string name)
    {
        ArgumentNullException.ThrowIfNull(start);
        var started = new TaskCompletionSource<Task<T>>();
        var thread = new Thread(() =>
        {
            try
            {
                started.SetResult(start());
            }
#pragma warning disable CA1031 // Whatever the code throws before its first await belongs to the task, as with Task.Run.
            catch (Exception e)
#pragma warning restore CA1031
            {
                started.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return started.Task.Unwrap();
    }
}
