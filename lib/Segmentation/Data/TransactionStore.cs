using System.Collections.Concurrent;
using System.Globalization;
using DuckDB.NET.Data;
using DuckDB.NET.Native;
using Segmentation.Data.Sql;

namespace Segmentation.Data;

/// <summary>
/// The workspace's DuckDB database: where loaded and cleaned data live as SQL tables, so that
/// cleaning, features and ad-hoc SQL scale to logs larger than memory. Table and column names are
/// the constants of this type and of <see cref="TransactionColumns"/> and <see cref="CustomerColumns"/>.
/// </summary>
public sealed class TransactionStore : IDisposable
{
    /// <summary>Clean order lines: the input of every feature.</summary>
    public const string CleanTable = "clean";

    /// <summary>Cancellations and returns, set aside (not lost): features use the return rate.</summary>
    public const string ReturnsTable = "returns";

    /// <summary>Rows that could not be used, each with its line number, reason and raw values.</summary>
    public const string QuarantineTable = "quarantine";

    /// <summary>The customer table (attributes, acquisition, survey answers), when one was loaded.</summary>
    public const string CustomersTable = "customers";

    /// <summary>SQL column list of the clean and returns tables, in order.</summary>
    public const string TransactionTableSchema =
        "line_number BIGINT, customer_id VARCHAR, order_id VARCHAR, \"timestamp\" TIMESTAMP, product_id VARCHAR, "
        + "category VARCHAR, quantity DECIMAL(18,3), unit_price DECIMAL(18,4), channel VARCHAR, brand_origin VARCHAR, "
        + "price_tier VARCHAR, country VARCHAR, city VARCHAR, is_outlier BOOLEAN";

    /// <summary>
    /// SQL column list of the quarantine table: the 1-based physical line of the row in its file, a readable
    /// reason, the raw values, which input it came from (<c>transactions</c> or <c>customers</c>), the rule that
    /// took it, and the column and value at fault (null when the whole line is at fault).
    /// </summary>
    public const string QuarantineTableSchema =
        "line_number BIGINT, reason VARCHAR, raw VARCHAR, source VARCHAR, rule VARCHAR, column_name "
        + "VARCHAR, \"value\" VARCHAR";

    /// <summary>
    /// SQL column list of the known columns of the customers table, in order. Loading a customer file adds the
    /// file's unknown columns after these, as VARCHAR.
    /// </summary>
    public const string CustomerTableSchema =
        "line_number BIGINT, customer_id VARCHAR, signup_date DATE, age INTEGER, gender VARCHAR, occupation VARCHAR, "
        + "income DECIMAL(18,2), city VARCHAR, city_tier INTEGER, acquisition_channel VARCHAR, "
        + "acquisition_cost DECIMAL(18,2), "
        + "lifestyle VARCHAR, price_sensitivity INTEGER, satisfaction INTEGER, purchase_driver VARCHAR";

    /// <summary>The spill directories of the stores not yet disposed (<see cref="RemoveSpillDirectories()"/>).
    /// </summary>
    private static readonly ConcurrentDictionary<string, byte> OpenSpillDirectories = new(StringComparer.Ordinal);

    private readonly string spillDirectory;

    /// <summary>True when no memory limit was given: the limit then follows the size of the inputs loaded.</summary>
    private readonly bool memorySizedToInputs;

    /// <summary>Bytes of each input loaded, by full path (<see cref="PrepareForInput"/>).</summary>
    private readonly Dictionary<string, long> inputSizes = new(StringComparer.Ordinal);

    /// <summary>Bytes of input from which the store's tables move to a database file (<see cref="StoreOptions"/>).
    /// </summary>
    private readonly long diskFromInputBytes;

    private TransactionStore(DuckDBConnection connection, string spillDirectory, StoreOptions options)
    {
        Connection = connection;
        this.spillDirectory = spillDirectory;
        memorySizedToInputs = options.MemoryLimit is null;
        diskFromInputBytes = options.DiskFromInputBytes;
    }

    /// <summary>True once the store's tables live in a DuckDB database file in its own directory (see
    /// <see cref="StoreOptions.DiskFromInputBytes"/>); false while they live in memory.</summary>
    public bool OnDisk { get; private set; }

    /// <summary>Name of the database file of a store on disk, in its own directory.</summary>
    internal const string DatabaseFileName = "store.duckdb";

    /// <summary>The catalog a store on disk attaches its database file as (and uses from then on).</summary>
    private const string DiskCatalog = "store_disk";

    /// <summary>The open DuckDB connection (for SQL on the workspace tables).</summary>
    public DuckDBConnection Connection { get; }

    /// <summary>
    /// Opens an in-memory store with empty clean, returns and quarantine tables (memory bounded as
    /// <see cref="StoreOptions"/> says).
    /// </summary>
    /// <param name="threads">DuckDB worker threads; null keeps DuckDB's default (all cores).</param>
    public static TransactionStore InMemory(int? threads = null) => Open(new StoreOptions { Threads = threads });

    /// <summary>
    /// Opens a store with empty clean, returns, quarantine and customers tables, in memory until its inputs reach
    /// <see cref="StoreOptions.DiskFromInputBytes"/> (then in a database file, <see cref="OnDisk"/>), with DuckDB's
    /// threads, memory limit and spill directory set from <paramref name="options"/>: data larger than the limit
    /// spills to a fresh directory, which also holds the database file, removed on <see cref="Dispose"/>. Results
    /// keep insertion order (<c>preserve_insertion_order</c>).
    /// </summary>
    public static TransactionStore Open(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        // DuckDB creates the directory when it first spills (a store that never spills leaves nothing behind); its
        // parent must exist.
        var parent = options.TempDirectory is { } directory
            ? Directory.CreateDirectory(directory).FullName
            : Path.GetTempPath();
        var spill = Path.Combine(parent, "seg-duckdb-" + Guid.NewGuid().ToString("N"));
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var store = new TransactionStore(connection, spill, options);
        OpenSpillDirectories[spill] = 0;
        store.Execute("SET preserve_insertion_order = true");
        if (options.Threads is { } t)
            store.Execute(FormattableString.Invariant($"SET threads = {t}"));
        if (options.MemoryLimit is { } limit)
            store.SetMemoryLimit(SqlText.Literal(limit));
        store.Execute($"SET temp_directory = {SqlText.Literal(spill)}");
        store.Execute($"CREATE TABLE {CleanTable} ({TransactionTableSchema})");
        store.Execute($"CREATE TABLE {ReturnsTable} ({TransactionTableSchema})");
        store.Execute($"CREATE TABLE {QuarantineTable} ({QuarantineTableSchema})");
        store.Execute($"CREATE TABLE {CustomersTable} ({CustomerTableSchema})");
        return store;
    }

    /// <summary>
    /// The memory limit a store without one takes once it has loaded <paramref name="inputBytes"/> of input on a
    /// machine with <paramref name="memoryBytes"/> of RAM: <see cref="InputMemoryFactor"/> times the input, at least
    /// <see cref="MinimumMemoryBytes"/> (DuckDB's CSV reader needs about 300 MB), at most
    /// <see cref="MaximumMemoryShare"/> of the RAM. Unbounded, DuckDB holds about 5.5 times a CSV log while loading
    /// it (the staged all-text table and the clean table at once: 4.2 GB for a 745 MiB, 10M-line log) where pandas
    /// needs about 4.5 times; bounded at three times, the load spills the rest and peaks below pandas
    /// (docs/performance.md).
    /// </summary>
    public static long MemoryLimitFor(long inputBytes, long memoryBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryBytes);
        var maximum = (long)(memoryBytes * MaximumMemoryShare);
        var wanted = inputBytes > long.MaxValue / InputMemoryFactor ? long.MaxValue : inputBytes * InputMemoryFactor;
        return Math.Min(maximum, Math.Max(MinimumMemoryBytes, wanted));
    }

    /// <summary>How many times the input's size a store without a memory limit lets DuckDB hold.</summary>
    public const long InputMemoryFactor = 3;

    /// <summary>The least memory limit a store without one takes (1 GiB).</summary>
    public const long MinimumMemoryBytes = 1L << 30;

    /// <summary>The largest share of the RAM a store without a memory limit lets DuckDB hold.</summary>
    public const double MaximumMemoryShare = 0.4;

    /// <summary>
    /// Called by the loaders before DuckDB reads an input of <paramref name="bytes"/>. Once the inputs loaded so far
    /// reach <see cref="StoreOptions.DiskFromInputBytes"/>, the tables move to a database file (<see cref="OnDisk"/>).
    /// A store opened without a memory limit sets DuckDB's to <see cref="MemoryLimitFor"/> those inputs and the RAM
    /// the process may use; a store given a limit keeps it.
    /// </summary>
    /// <param name="input">The input as the user named it: loading the same input again (a notebook re-running a cell,
    /// <c>seg rfm</c> falling back to the full load) counts it once, at its latest size.</param>
    /// <param name="bytes">What DuckDB reads of it (the transcoded copy of a GB18030 file or an Excel sheet).</param>
    internal void PrepareForInput(string input, long bytes)
    {
        inputSizes[Path.GetFullPath(input)] = bytes;
        if (!OnDisk && InputBytes >= diskFromInputBytes)
            MoveToDisk();
        if (memorySizedToInputs)
            SetMemoryLimit(LoadMemoryLimit);
    }

    /// <summary>Bytes of the inputs loaded so far (what DuckDB read: a transcoded copy where there is one).</summary>
    private long InputBytes => inputSizes.Values.Sum();

    /// <summary>The memory limit of a load, for the inputs loaded so far and the RAM the process may use.</summary>
    private long LoadMemoryLimit => MemoryLimitFor(InputBytes, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    private void SetMemoryLimit(long bytes) =>
        SetMemoryLimit(FormattableString.Invariant($"'{bytes / (1L << 20)}MiB'"));

    /// <summary>Sets DuckDB's memory limit to <paramref name="literal"/> (an SQL string literal such as '4GiB') and
    /// remembers it for <see cref="ReleaseCache"/>.</summary>
    private void SetMemoryLimit(string literal)
    {
        Execute($"SET memory_limit = {literal}");
        memoryLimit = literal;
    }

    /// <summary>The memory limit last set, as an SQL literal; null while DuckDB's default holds.</summary>
    private string? memoryLimit;

    /// <summary>
    /// Gives back what DuckDB's buffer pool holds, for a caller about to need the memory on the .NET side (the
    /// clustering of millions of customers): a store on disk reads its tables back from the file when a query needs
    /// them, so all the cache costs is a re-read. The limit drops to <see cref="CacheFloorBytes"/>, which makes DuckDB
    /// evict, and is set back. In memory the tables are the pool: nothing happens.
    /// </summary>
    public void ReleaseCache()
    {
        if (!OnDisk)
            return;
        var limit = memoryLimit;
        try
        {
            Execute(FormattableString.Invariant($"SET memory_limit = '{CacheFloorBytes / (1L << 20)}MiB'"));
        }
        catch (Exception e) when (e is DuckDBException or ResourceException)
        {
            // More than the floor could not be evicted: what could was.
        }
        Execute(limit is null ? "RESET memory_limit" : $"SET memory_limit = {limit}");
    }

    /// <summary>The memory limit <see cref="ReleaseCache"/> passes through (1 MiB: whatever can be evicted
    /// is).</summary>
    public const long CacheFloorBytes = 1L << 20;

    /// <summary>
    /// Called by the loaders when DuckDB has read an input (loaded or not). A store on disk sized to its inputs lowers
    /// DuckDB's memory limit to a third of the load's (<see cref="AfterLoadMemoryFactor"/>, at least
    /// <see cref="MinimumMemoryBytes"/>): its tables are in the file, so the buffer pool gives back what the load
    /// cached, and what follows (features, clustering) has the memory; the next load raises it again.
    /// </summary>
    internal void FinishInput()
    {
        if (!OnDisk || !memorySizedToInputs)
            return;
        try
        {
            SetMemoryLimit(MemoryLimitAfterLoad(LoadMemoryLimit));
        }
        catch (Exception e) when (e is DuckDBException or ResourceException)
        {
            // DuckDB could not free that much (what it holds cannot be evicted): the load's limit stays, which only
            // costs memory.
        }
    }

    /// <summary>The memory limit a store on disk takes after a load bounded by <paramref name="loadLimit"/>:
    /// <see cref="AfterLoadMemoryFactor"/> of it, but not below <see cref="MinimumMemoryBytes"/> (nor above the load's
    /// own).</summary>
    public static long MemoryLimitAfterLoad(long loadLimit) =>
        Math.Max(Math.Min(loadLimit, MinimumMemoryBytes), (long)(loadLimit * AfterLoadMemoryFactor));

    /// <summary>Share of the load's memory limit a store on disk keeps once the load is done.</summary>
    public const double AfterLoadMemoryFactor = 1.0 / 3;

    /// <summary>
    /// Moves every table of the in-memory database into a database file in the store's own directory (removed on
    /// <see cref="Dispose"/>) and makes it the default catalog, so the tables a load creates from then on live there
    /// too: DuckDB keeps them compressed and reads them through its buffer pool, where in memory it holds them
    /// uncompressed and spills what outgrows the memory limit, uncompressed (docs/scale.md).
    /// </summary>
    private void MoveToDisk()
    {
        Directory.CreateDirectory(spillDirectory);
        var file = Path.Combine(spillDirectory, DatabaseFileName);
        var tables = Strings(
            $"SELECT table_name FROM duckdb_tables() WHERE database_name = {SqlText.Literal(MemoryCatalog)} "
                + "AND schema_name = 'main' AND NOT temporary ORDER BY table_name"
        );
        // Every table is copied before any is dropped: a copy that fails (no room on the disk) leaves the store as it
        // was, in memory, and a later load may try again.
        Execute($"ATTACH {SqlText.Literal(file)} AS {DiskCatalog}");
        try
        {
            foreach (var table in tables.Select(SqlText.Identifier))
                Execute($"CREATE TABLE {DiskCatalog}.main.{table} AS SELECT * FROM {MemoryCatalog}.main.{table}");
        }
        catch
        {
            Execute($"DETACH {DiskCatalog}");
            File.Delete(file);
            File.Delete(file + ".wal");
            throw;
        }
        Execute($"USE {DiskCatalog}");
        foreach (var table in tables.Select(SqlText.Identifier))
            Execute($"DROP TABLE {MemoryCatalog}.main.{table}");
        OnDisk = true;
    }

    /// <summary>The catalog of the in-memory database a store opens with.</summary>
    private const string MemoryCatalog = "memory";

    /// <summary>A store whose clean table holds <paramref name="clean"/> (tests, notebooks, small data).</summary>
    public static TransactionStore FromTransactions(
        IEnumerable<Transaction> clean,
        IEnumerable<Transaction>? returns = null
    )
    {
        var store = InMemory();
        store.Append(CleanTable, clean);
        if (returns is not null)
            store.Append(ReturnsTable, returns);
        return store;
    }

    /// <summary>Appends typed rows to the clean or returns table.</summary>
    public void Append(string table, IEnumerable<Transaction> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var appender = Connection.CreateAppender(table);
        foreach (var t in rows)
        {
            appender
                .CreateRow()
                .AppendValue(t.LineNumber)
                .AppendValue(t.CustomerId)
                .AppendValue(t.OrderId)
                .AppendValue(t.Timestamp)
                .AppendValue(t.ProductId)
                .AppendValue(t.Category)
                .AppendValue(t.Quantity)
                .AppendValue(t.UnitPrice)
                .AppendValue(t.Channel)
                .AppendValue(t.BrandOrigin)
                .AppendValue(t.PriceTier)
                .AppendValue(t.Country)
                .AppendValue(t.City)
                .AppendValue(t.IsOutlier)
                .EndRow();
        }
    }

    /// <summary>Reads a transaction table back as typed rows, in line-number order.</summary>
    public IEnumerable<Transaction> Read(string table = CleanTable)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {table} ORDER BY line_number, customer_id, order_id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new Transaction(
                reader.GetString(1),
                reader.GetString(2),
                reader.GetDateTime(3),
                reader.GetDecimal(6),
                reader.GetDecimal(7)
            )
            {
                LineNumber = reader.GetInt64(0),
                ProductId = NullableString(reader, 4),
                Category = NullableString(reader, 5),
                Channel = NullableString(reader, 8),
                BrandOrigin = NullableString(reader, 9),
                PriceTier = NullableString(reader, 10),
                Country = NullableString(reader, 11),
                City = NullableString(reader, 12),
                IsOutlier = !reader.IsDBNull(13) && reader.GetBoolean(13),
            };
        }
    }

    /// <summary>Number of rows in a table.</summary>
    public long Count(string table)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {table}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Runs a SQL query that returns one value (null when it is SQL NULL).</summary>
    public object? Scalar(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    /// <summary>The first column of every row of <paramref name="sql"/>, as text (NULL rows skipped).</summary>
    public List<string> Strings(string sql)
    {
        var values = new List<string>();
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (!reader.IsDBNull(0))
                values.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }
        return values;
    }

    /// <summary>Runs a SQL statement that returns no rows. DuckDB running out of spill disk or memory is a
    /// <see cref="ResourceException"/> naming the spill directory and the options that give more room.</summary>
    public void Execute(string sql)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        try
        {
            command.ExecuteNonQuery();
        }
        catch (DuckDBException e) when (e.ErrorType is DuckDBErrorType.Io or DuckDBErrorType.OutOfMemory)
        {
            throw new ResourceException(
                $"DuckDB ran out of room ({FirstLine(e.Message)}); its spill directory was {spillDirectory}: give "
                    + "--temp-dir a disk with more free space or --memory-limit more memory",
                e
            );
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    /// <summary>Drops every table of <paramref name="tables"/> that exists (work tables of a load).</summary>
    internal void DropTables(params IEnumerable<string> tables)
    {
        foreach (var table in tables)
            Execute($"DROP TABLE IF EXISTS {table}");
    }

    /// <summary>
    /// Removes the spill directories of every store not yet disposed, for a process that is being stopped (Ctrl+C,
    /// SIGTERM: <c>seg</c> calls it from its signal handler) and will not dispose them: at 100M lines they hold tens
    /// of GB. A file that cannot be removed is left for the system's temporary cleanup.
    /// </summary>
    public static void RemoveSpillDirectories() => RemoveSpillDirectories(null);

    /// <summary>
    /// <see cref="RemoveSpillDirectories()"/> for the open stores whose spill directory is directly under
    /// <paramref name="parent"/> (all when null): a test removes its own stores' directories without those of the
    /// stores other tests have open in the same process.
    /// </summary>
    internal static void RemoveSpillDirectories(string? parent)
    {
        var root = parent is null ? null : Path.GetFullPath(parent);
        foreach (var directory in OpenSpillDirectories.Keys)
        {
            if (root is not null && !string.Equals(Path.GetDirectoryName(directory), root, StringComparison.Ordinal))
                continue;
            try
            {
                if (Directory.Exists(directory))
                    Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // DuckDB may still be writing into it while the process ends.
            }
        }
    }

    /// <summary>Closes DuckDB and removes the store's spill directory.</summary>
    public void Dispose()
    {
        Connection.Dispose();
        OpenSpillDirectories.TryRemove(spillDirectory, out _);
        if (Directory.Exists(spillDirectory))
            Directory.Delete(spillDirectory, recursive: true);
    }

    private static string? NullableString(System.Data.Common.DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
