using Segmentation.Data.Sql;

namespace Segmentation.Data.Warehouse;

/// <summary>
/// The servers a warehouse log is read from: one server (which may hold a <c>Distributed</c> table over its cluster),
/// or every shard of a table sharded by customer id, each read through its local table. With shards, every statement
/// runs on each of them at once, and a query's rows are each shard's rows, in shard order: a per-customer query is
/// aggregated where the lines are and only its customers' rows travel, and a reader of a whole-log figure (a count, a
/// maximum) folds the shards' rows. Sharding by customer keeps every customer's lines, and so every exact duplicate,
/// on one shard; the feature queries check that no customer came back from two.
/// </summary>
public sealed class ClickHouseShards : ISqlEngine, IDisposable
{
    private readonly bool ownsServers;

    /// <summary>The servers, in the order their rows are read; disposed with this object when it owns them.</summary>
    public ClickHouseShards(IReadOnlyList<ClickHouseEngine> servers, bool ownsServers = true)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (servers.Count == 0)
            throw new ArgumentException("at least one server", nameof(servers));
        Servers = servers;
        this.ownsServers = ownsServers;
    }

    /// <summary>One server, not owned (its owner disposes it).</summary>
    public static ClickHouseShards Of(ClickHouseEngine server) => new([server], ownsServers: false);

    /// <summary>The servers: one, or the shards of a table sharded by customer id.</summary>
    public IReadOnlyList<ClickHouseEngine> Servers { get; }

    /// <summary>True when the log is read shard by shard.</summary>
    public bool IsSharded => Servers.Count > 1;

    /// <inheritdoc />
    public SqlDialect Dialect => SqlDialect.ClickHouse;

    /// <summary>Runs a statement that returns no rows on every server.</summary>
    public void Execute(string sql) => OnEach(server => server.Execute(sql));

    /// <summary>Each server's rows of <paramref name="sql"/> as text (null for NULL), in server order.</summary>
    public IReadOnlyList<List<string?[]>> RowsOfEach(string sql) => OnEach(server => server.Rows(sql));

    /// <inheritdoc />
    public void ForEachRow(string sql, Action<SqlRow> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!IsSharded)
        {
            Servers[0].ForEachRow(sql, read);
            return;
        }
        var row = new TextRow();
        foreach (var rows in RowsOfEach(sql))
        {
            foreach (var values in rows)
            {
                row.Values = values;
                read(row);
            }
        }
    }

    /// <summary>The servers, without credentials.</summary>
    public override string ToString() => string.Join(", ", Servers.Select(s => s.Endpoint.ToString()));

    /// <inheritdoc />
    public void Dispose()
    {
        if (!ownsServers)
            return;
        foreach (var server in Servers)
            server.Dispose();
    }

    // Runs on every server at once; the first failure in server order is the one reported, so the message does not
    // depend on which server answered first.
    private List<T> OnEach<T>(Func<ClickHouseEngine, T> run)
    {
        if (!IsSharded)
            return [run(Servers[0])];
        var tasks = Servers.Select(server => Task.Run(() => run(server))).ToArray();
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException)
        {
            var failed = tasks.First(t => t.IsFaulted);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failed.Exception!.InnerException!).Throw();
        }
        return tasks.Select(t => t.Result).ToList();
    }

    private void OnEach(Action<ClickHouseEngine> run) =>
        OnEach(server =>
        {
            run(server);
            return 0;
        });
}
