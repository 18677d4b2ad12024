using Segmentation.Data;
using Segmentation.Data.Loading;
using Segmentation.Tests.Data;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Cli;

/// <summary>
/// A run stopped with Ctrl+C or SIGTERM never disposes its store, so <c>seg</c>'s signal handler removes the spill
/// directories of the stores still open (<see cref="TransactionStore.RemoveSpillDirectories()"/>): at 100M lines they
/// hold tens of GB.
/// </summary>
public sealed class StopTests(SpillingLog log) : IClassFixture<SpillingLog>
{
    [Fact]
    public void Removing_the_spill_directories_takes_those_of_open_stores_and_leaves_disposed_ones_alone()
    {
        using var scratch = new ScratchDirectory();
        var parent = Path.Combine(scratch.Path, "spill");
        var options = new StoreOptions { MemoryLimit = "300MB", TempDirectory = parent };
        using var open = TransactionStore.Open(options);
        TransactionLoader.Load(open, log.Path);
        // DuckDB made the store's spill directory when the load outgrew 300MB (it frees the blocks afterwards).
        Assert.Single(Directory.GetDirectories(parent));
        using (var disposed = TransactionStore.Open(options))
            disposed.Execute("SELECT 1");

        // Only this test's stores: the public call takes every open store's, and other tests run alongside.
        TransactionStore.RemoveSpillDirectories(parent);

        Assert.Empty(Directory.GetFileSystemEntries(parent));
        // The store itself still answers (DuckDB holds what it had in memory) and disposes cleanly.
        Assert.True(open.Count(TransactionStore.CleanTable) > 0);
    }
}
