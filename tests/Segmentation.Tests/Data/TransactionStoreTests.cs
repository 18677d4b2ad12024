using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Generation;
using Segmentation.Data.Loading;
using Segmentation.Data.Sql;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Data;

public sealed class TransactionStoreTests
{
    [Fact]
    public void Typed_rows_round_trip_through_the_clean_table()
    {
        var rows = new[]
        {
            new Transaction("c1", "o1", new DateTime(2024, 1, 2, 10, 30, 0), 2m, 3.5m)
            {
                LineNumber = 2,
                Channel = "online",
                Category = "books",
            },
            new Transaction("c2", "o2", new DateTime(2024, 2, 3), 1m, 10.25m) { LineNumber = 3, IsOutlier = true },
        };

        using var store = TransactionStore.FromTransactions(rows);
        var back = store.Read().ToList();

        Assert.Equal(rows, back);
        Assert.Equal(2, store.Count(TransactionStore.CleanTable));
        Assert.Equal(0, store.Count(TransactionStore.ReturnsTable));
        Assert.Equal(17.25m, back.Sum(t => t.Amount));
    }
}

/// <summary>A generated log of 400,000 lines (35 MB): its load needs more than 300MB in DuckDB.</summary>
public sealed class SpillingLog : IDisposable
{
    private readonly ScratchDirectory scratch = new();

    public SpillingLog()
    {
        RetailSimulator.Write(new GeneratorOptions { Lines = 400_000, Seed = 7 }, scratch.Path);
        Path = System.IO.Path.Combine(scratch.Path, "transactions.csv");
        CustomersPath = System.IO.Path.Combine(scratch.Path, "customers.csv");
    }

    public string Path { get; }

    /// <summary>The customer file written with the log.</summary>
    public string CustomersPath { get; }

    public void Dispose() => scratch.Dispose();
}

public sealed class StoreMemoryLimitTests(SpillingLog log) : IClassFixture<SpillingLog>
{
    // Below about 300MB DuckDB cannot allocate the CSV reader's buffer (16 × the 16 MiB longest line).
    private const string Tiny = "300MB";

    [Fact]
    public void A_load_outgrowing_a_tiny_memory_limit_spills_and_writes_the_bytes_of_an_unbounded_or_one_thread_load()
    {
        using var scratch = new ScratchDirectory();
        var spillParent = Path.Combine(scratch.Path, "spill");
        var bounded = Path.Combine(scratch.Path, "bounded");
        var unbounded = Path.Combine(scratch.Path, "unbounded");
        var oneThread = Path.Combine(scratch.Path, "one-thread");

        using (var store = TransactionStore.Open(new StoreOptions { MemoryLimit = Tiny, TempDirectory = spillParent }))
        {
            // The load does not fit in the limit: with no room to spill it fails.
            store.Execute("SET max_temp_directory_size = '0KB'");
            // One line naming DuckDB's error, the spill directory and the options that give more room (seg prints it
            // without a stack trace).
            var error = Assert.Throws<ResourceException>(() => TransactionLoader.Load(store, log.Path));
            Assert.Contains("Out of Memory", error.Message, StringComparison.Ordinal);
            Assert.Contains(spillParent, error.Message, StringComparison.Ordinal);
            Assert.Contains("--temp-dir", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        using (var store = TransactionStore.Open(new StoreOptions { MemoryLimit = Tiny, TempDirectory = spillParent }))
            TransactionLoader.Load(store, log.Path).WriteOutputs(store, bounded);
        using (var store = TransactionStore.Open(new StoreOptions { MemoryLimit = "8GB" }))
            TransactionLoader.Load(store, log.Path).WriteOutputs(store, unbounded);
        using (var store = TransactionStore.Open(new StoreOptions { Threads = 1 }))
            TransactionLoader.Load(store, log.Path).WriteOutputs(store, oneThread);

        Assert.Empty(Directory.GetFileSystemEntries(spillParent));
        var files = Directory.GetFiles(unbounded).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([OutputFiles.Clean, OutputFiles.QualityJson, OutputFiles.Quarantine, OutputFiles.Returns], files);
        // Every file byte for byte, the Parquet files included: 400,000 lines make several row groups, and a spilled
        // or parallel insert stores the clean table in row groups cut elsewhere; the copy cuts them the same way.
        foreach (var file in files)
        {
            var expected = File.ReadAllBytes(Path.Combine(unbounded, file!));
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(bounded, file!)));
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(oneThread, file!)));
        }
    }

    [Fact]
    public void A_store_past_its_disk_threshold_moves_its_tables_into_a_file_and_writes_the_bytes_of_one_in_memory()
    {
        using var scratch = new ScratchDirectory();
        var parent = Path.Combine(scratch.Path, "stores");
        var inMemory = Path.Combine(scratch.Path, "in-memory");
        var onDisk = Path.Combine(scratch.Path, "on-disk");
        var customerBytes = new FileInfo(log.CustomersPath).Length;
        var logBytes = new FileInfo(log.Path).Length;

        List<string> memoryCustomers;
        using (var store = TransactionStore.Open(new StoreOptions { TempDirectory = parent }))
        {
            CustomerLoader.Load(store, log.CustomersPath);
            TransactionLoader.Load(store, log.Path).WriteOutputs(store, inMemory);
            // The default threshold (1 GiB) is far above the 35 MB log.
            Assert.False(store.OnDisk);
            Assert.Empty(Directory.GetFileSystemEntries(parent));
            memoryCustomers = CustomerRows(store);
        }
        // The customer file loads in memory; the log takes the inputs past the threshold, so the customers table moves
        // into the file with everything else.
        using (
            var store = TransactionStore.Open(
                new StoreOptions { TempDirectory = parent, DiskFromInputBytes = customerBytes + logBytes }
            )
        )
        {
            CustomerLoader.Load(store, log.CustomersPath);
            Assert.False(store.OnDisk);
            TransactionLoader.Load(store, log.Path).WriteOutputs(store, onDisk);
            Assert.True(store.OnDisk);
            var file = Assert.Single(
                Directory.GetFiles(parent, TransactionStore.DatabaseFileName, SearchOption.AllDirectories)
            );
            Assert.True(new FileInfo(file).Length > 0);
            Assert.Equal(
                "0",
                store.Scalar("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'memory'")!.ToString()
            );
            Assert.Equal(memoryCustomers, CustomerRows(store));
        }

        // The same log loaded twice counts once: a threshold just above it is not reached.
        using (
            var store = TransactionStore.Open(
                new StoreOptions { TempDirectory = parent, DiskFromInputBytes = logBytes + 1 }
            )
        )
        {
            TransactionLoader.Load(store, log.Path);
            TransactionLoader.Load(store, log.Path);
            Assert.False(store.OnDisk);
        }

        Assert.Empty(Directory.GetFileSystemEntries(parent));
        var files = Directory.GetFiles(inMemory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.GetFiles(onDisk).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var name in files)
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(inMemory, name!)),
                File.ReadAllBytes(Path.Combine(onDisk, name!))
            );
    }

    [Fact]
    public void Releasing_the_cache_of_a_store_on_disk_empties_duckdbs_buffer_pool_and_keeps_its_limit_and_tables()
    {
        using var scratch = new ScratchDirectory();
        // Every column of the clean table read.
        const string Totals =
            "SELECT count(DISTINCT customer_id), count(DISTINCT order_id), count(DISTINCT product_id), max(category), "
            + "max(\"timestamp\"), sum(quantity * unit_price), max(channel), max(brand_origin), max(price_tier), "
            + $"max(country), max(city), sum(line_number), count_if(is_outlier) FROM {TransactionStore.CleanTable}";
        using (
            var store = TransactionStore.Open(new StoreOptions { TempDirectory = scratch.Path, DiskFromInputBytes = 0 })
        )
        {
            TransactionLoader.Load(store, log.Path);
            Assert.True(store.OnDisk);
            var limit = Limit(store);
            var totals = Row(store, Totals);
            var cached = Cached(store);
            // The load and the totals query leave the clean table's blocks in the pool (35 MB of log).
            Assert.True(cached > 8 * TransactionStore.CacheFloorBytes, $"cached {cached} bytes before the release");

            store.ReleaseCache();

            Assert.True(Cached(store) <= TransactionStore.CacheFloorBytes, $"cached {Cached(store)} bytes after");
            Assert.Equal(limit, Limit(store));
            // The tables are read back from the file.
            Assert.Equal(totals, Row(store, Totals));
            Assert.True(Cached(store) > 2 * TransactionStore.CacheFloorBytes, $"cached {Cached(store)} bytes again");
            // The engine the feature queries run on gives the cache back after each of them.
            var rows = 0;
            new DuckDbEngine(store).ForEachRow(Totals, _ => rows++);
            Assert.Equal(1, rows);
            Assert.True(
                Cached(store) <= TransactionStore.CacheFloorBytes,
                $"cached {Cached(store)} bytes after a query"
            );
            Assert.Equal(limit, Limit(store));
        }
        // In memory the tables are the pool: nothing is evicted (nothing spills) and the limit stays.
        using (
            var store = TransactionStore.Open(new StoreOptions { TempDirectory = scratch.Path, MemoryLimit = "2GB" })
        )
        {
            TransactionLoader.Load(store, log.Path);
            var cached = Cached(store);
            store.ReleaseCache();
            Assert.Equal(cached, Cached(store));
            Assert.Equal("1.8 GiB", Limit(store));
            Assert.Empty(Directory.GetFileSystemEntries(scratch.Path));
        }
    }

    /// <summary>Bytes DuckDB's buffer pool holds (every tag of duckdb_memory()).</summary>
    private static long Cached(TransactionStore store) =>
        Convert.ToInt64(
            store.Scalar("SELECT CAST(sum(memory_usage_bytes) AS BIGINT) FROM duckdb_memory()"),
            System.Globalization.CultureInfo.InvariantCulture
        );

    private static string Row(TransactionStore store, string sql)
    {
        using var command = store.Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        return string.Join(
            "|",
            Enumerable
                .Range(0, reader.FieldCount)
                .Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))
        );
    }

    [Fact]
    public void A_negative_disk_threshold_is_rejected_naming_the_value()
    {
        var error = Assert.Throws<OptionsException>(() =>
            TransactionStore.Open(new StoreOptions { DiskFromInputBytes = -1 })
        );

        Assert.Equal("DiskFromInputBytes=-1 must be >= 0", error.Message);
    }

    private static List<string> CustomerRows(TransactionStore store) =>
        store.Strings($"SELECT CAST(c AS VARCHAR) FROM {TransactionStore.CustomersTable} c ORDER BY line_number");

    [Fact]
    public void Two_stores_on_one_temp_directory_spill_into_directories_of_their_own()
    {
        using var scratch = new ScratchDirectory();
        var options = new StoreOptions { TempDirectory = scratch.Path };

        using var first = TransactionStore.Open(options);
        using var second = TransactionStore.Open(options);

        var directories = new[] { first, second }
            .Select(s => s.Scalar("SELECT current_setting('temp_directory')")!.ToString())
            .ToList();
        Assert.NotEqual(directories[0], directories[1]);
        Assert.All(directories, d => Assert.Equal(scratch.Path, Path.GetDirectoryName(d)));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("8 gallons")]
    public void A_bad_memory_limit_is_rejected_naming_the_value(string limit)
    {
        var error = Assert.Throws<OptionsException>(() =>
            TransactionStore.Open(new StoreOptions { MemoryLimit = limit })
        );

        Assert.Equal($"memory-limit='{limit}' must be a size such as 8GB, 512MB or 1.5GiB", error.Message);
    }

    [Fact]
    public void Without_a_limit_the_store_keeps_duckdbs_default_until_it_loads_a_file_and_with_one_keeps_it()
    {
        using var bare = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        bare.Open();
        using var command = bare.CreateCommand();
        command.CommandText = "SELECT current_setting('memory_limit')";
        var duckdbs = command.ExecuteScalar()!.ToString();
        using var store = TransactionStore.InMemory();
        using var bounded = TransactionStore.Open(new StoreOptions { MemoryLimit = "2GB" });

        Assert.Equal(duckdbs, Limit(store));
        // 2GB is 2·10⁹ bytes, as DuckDB shows it.
        Assert.Equal("1.8 GiB", Limit(bounded));

        // The 35 MB log asks for 3 × 35 MB, under the 1 GiB floor (unless 40 % of the RAM is less still).
        TransactionLoader.Load(store, log.Path);
        TransactionLoader.Load(bounded, log.Path);
        var expected = TransactionStore.MemoryLimitFor(
            new FileInfo(log.Path).Length,
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes
        );
        Assert.Equal(Math.Min(1L << 30, (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.4)), expected);
        Assert.Equal(Shown(expected), Limit(store));
        Assert.Equal("1.8 GiB", Limit(bounded));
    }

    [Theory]
    // Three times the input between the 1 GiB floor and 40 % of the RAM (24 GiB: 9.6 GiB).
    [InlineData(0L, 24L << 30, 1L << 30)]
    [InlineData(100L << 20, 24L << 30, 1L << 30)]
    [InlineData(745L << 20, 24L << 30, 2235L << 20)]
    [InlineData(7680L << 20, 24L << 30, 10_307_921_510L)]
    [InlineData(long.MaxValue / 2, 24L << 30, 10_307_921_510L)]
    // A machine whose 40 % is below the floor: the share wins.
    [InlineData(100L << 20, 2L << 30, 858_993_459L)]
    public void A_store_without_a_limit_takes_three_times_its_inputs_between_one_gib_and_two_fifths_of_the_ram(
        long input,
        long memory,
        long expected
    ) => Assert.Equal(expected, TransactionStore.MemoryLimitFor(input, memory));

    [Theory]
    // A third of the load's limit (9.6 GiB at 100M lines on 24 GiB: 3.2 GiB), not below 1 GiB nor above the load's
    // own.
    [InlineData(10_307_921_510L, 3_435_973_836L)]
    [InlineData(6L << 30, 2L << 30)]
    [InlineData(3L << 30, 1L << 30)]
    [InlineData(1L << 30, 1L << 30)]
    [InlineData(858_993_459L, 858_993_459L)]
    public void After_a_load_a_store_on_disk_keeps_a_third_of_the_loads_memory_limit_but_at_least_one_gib(
        long load,
        long expected
    ) => Assert.Equal(expected, TransactionStore.MemoryLimitAfterLoad(load));

    private static string Limit(TransactionStore store) =>
        store.Scalar("SELECT current_setting('memory_limit')")!.ToString()!;

    /// <summary>How DuckDB shows a memory limit of <paramref name="bytes"/> (rounded: "1.0 GiB").</summary>
    private static string Shown(long bytes)
    {
        using var store = TransactionStore.Open(new StoreOptions { MemoryLimit = $"{bytes >> 20}MiB" });
        return Limit(store);
    }
}
