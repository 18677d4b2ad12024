using System.Runtime.ExceptionServices;

namespace Segmentation.Data.Loading;

/// <summary>
/// Reads the blocks of a file on worker threads and hands them out in file order, with at most a fixed number read
/// ahead of the one being merged (so memory stays bounded). With one worker the blocks are read on the caller's thread
/// when asked for. What a block holds never depends on how many workers there are or which one read it.
/// </summary>
internal sealed class BlockPipeline : IDisposable
{
    private readonly Func<int, int, RecordBlock, RecordBlock> read;
    private readonly int count;
    private readonly RecordBlock?[] ready;
    private readonly Stack<RecordBlock> free = new();
    private readonly Thread[] threads;
    private readonly object gate = new();
    private Exception? failure;
    private int next,
        merged;
    private bool stopped;

    /// <summary>
    /// Reads blocks 0 to <paramref name="count"/> - 1 with <paramref name="read"/> (worker, block index, a block to
    /// fill) on
    /// <paramref name="workers"/> threads, at most <paramref name="ahead"/> of them waiting to be taken.
    /// </summary>
    public BlockPipeline(int count, int workers, int ahead, Func<int, int, RecordBlock, RecordBlock> read)
    {
        this.read = read;
        this.count = count;
        ready = new RecordBlock?[Math.Max(1, ahead)];
        threads = workers <= 1 ? [] : new Thread[workers];
        for (var i = 0; i < threads.Length; i++)
        {
            var worker = i;
            threads[i] = new Thread(() => Work(worker)) { IsBackground = true, Name = "seg block reader " + i };
            threads[i].Start();
        }
    }

    /// <summary>
    /// Block <paramref name="index"/>, read; blocks must be taken in order and given back with <see cref="Release"/>.
    /// </summary>
    public RecordBlock Take(int index)
    {
        if (threads.Length == 0)
            return read(0, index, Rent());
        lock (gate)
        {
            while (ready[index % ready.Length] is null && failure is null)
                Monitor.Wait(gate);
            // A reader's failure is the load's: it is thrown here, on the merging thread, as it was thrown.
            if (failure is not null)
                ExceptionDispatchInfo.Capture(failure).Throw();
            var block = ready[index % ready.Length]!;
            ready[index % ready.Length] = null;
            merged = index + 1;
            Monitor.PulseAll(gate);
            return block;
        }
    }

    /// <summary>Gives a merged block back for reuse.</summary>
    public void Release(RecordBlock block)
    {
        lock (gate)
            free.Push(block);
    }

    private RecordBlock Rent()
    {
        lock (gate)
            return free.Count > 0 ? free.Pop() : new RecordBlock();
    }

    private void Work(int worker)
    {
        while (true)
        {
            int index;
            lock (gate)
            {
                while (!stopped && next < count && next >= merged + ready.Length)
                    Monitor.Wait(gate);
                if (stopped || next >= count)
                    return;
                index = next++;
            }
            try
            {
                var block = read(worker, index, Rent());
                lock (gate)
                {
                    ready[index % ready.Length] = block;
                    Monitor.PulseAll(gate);
                }
            }
            catch (Exception e)
            {
                lock (gate)
                {
                    failure = e;
                    stopped = true;
                    Monitor.PulseAll(gate);
                }
                return;
            }
        }
    }

    /// <summary>Stops the workers (blocks not yet taken are dropped) and waits for them.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            stopped = true;
            Monitor.PulseAll(gate);
        }
        foreach (var thread in threads)
            thread.Join();
    }
}
