using System.Collections.Concurrent;

namespace Segmentation.Notebooks.Execution;

/// <summary>Serialises work on one cache directory across threads (a semaphore) and processes (an exclusive lock
/// file).</summary>
internal sealed class DirectoryLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate;
    private readonly FileStream file;

    private DirectoryLock(SemaphoreSlim gate, FileStream file)
    {
        this.gate = gate;
        this.file = file;
    }

    public static async Task<DirectoryLock> AcquireAsync(string directory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var gate = Gates.GetOrAdd(Path.GetFullPath(directory), _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var path = Path.Combine(directory, ".lock");
            while (true)
            {
                try
                {
                    return new DirectoryLock(
                        gate,
                        new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None)
                    );
                }
                catch (IOException)
                {
                    await Task.Delay(200, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public void Dispose()
    {
        file.Dispose();
        gate.Release();
    }
}
