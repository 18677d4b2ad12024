using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Segmentation.Data.Warehouse;

namespace Segmentation.Tests.Data.Warehouse;

/// <summary>The tests that need the two-shard ClickHouse cluster share one, started once per test run.</summary>
[CollectionDefinition(Name)]
public sealed class ClickHouseCollection : ICollectionFixture<ClickHouseCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "clickhouse";
}

/// <summary>
/// Two Debian <c>clickhouse-server</c> processes on free loopback ports, each a shard of the cluster <c>seg</c>, with
/// their own configuration and data under a temporary folder (so they run as root or as any user, beside any system
/// server). Tables are created on both shards with a <c>Distributed</c> table in front; the processes are stopped and
/// the folder deleted when the test run ends. A missing server is a failure, never a skip: <c>tests/setup.sh</c>
/// installs it.
/// </summary>
public sealed class ClickHouseCluster : IDisposable
{
    private const string Server = "/usr/sbin/clickhouse-server";
    private readonly List<Process> servers = [];
    private readonly string directory = Path.Combine(
        Path.GetTempPath(),
        "seg-clickhouse-" + Guid.NewGuid().ToString("N")
    );
    private readonly int[] httpPorts;
    private readonly int[] tcpPorts;

    public ClickHouseCluster()
    {
        if (!File.Exists(Server))
            throw new InvalidOperationException(
                $"{Server} is missing: run tests/setup.sh (installs Debian's clickhouse-server and clickhouse-client)"
            );
        var ports = FreePorts(4);
        httpPorts = [ports[0], ports[1]];
        tcpPorts = [ports[2], ports[3]];
        try
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, "users.xml"), UsersXml);
            for (var shard = 0; shard < 2; shard++)
                servers.Add(Start(shard));
            Shards = httpPorts
                .Select(p => new ClickHouseEngine(
                    ClickHouseEndpoint.Parse(FormattableString.Invariant($"http://127.0.0.1:{p}/"))
                ))
                .ToArray();
            var deadline = Stopwatch.StartNew();
            foreach (var (engine, shard) in Shards.Select((e, i) => (e, i)))
            {
                while (true)
                {
                    try
                    {
                        engine.Rows("SELECT 1");
                        break;
                    }
                    catch (SegmentationException)
                        when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !servers[shard].HasExited)
                    {
                        Thread.Sleep(200);
                    }
                }
            }
            StartupSeconds = deadline.Elapsed.TotalSeconds;
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>A client of each shard; the first is where the <c>Distributed</c> tables are queried.</summary>
    public ClickHouseEngine[] Shards { get; } = [];

    /// <summary>The client the tests query through (shard 1, which holds the <c>Distributed</c> tables).</summary>
    public ClickHouseEngine Engine => Shards[0];

    /// <summary>The connection URI of <see cref="Engine"/>, as <c>--connection</c> takes it.</summary>
    public string Connection => FormattableString.Invariant($"http://127.0.0.1:{httpPorts[0]}/?database=default");

    /// <summary>Every shard's connection URI, comma-separated, as <c>--connection</c> takes the shards of a
    /// table.</summary>
    public string ShardConnections =>
        string.Join(",", httpPorts.Select(p => FormattableString.Invariant($"http://127.0.0.1:{p}/?database=default")));

    /// <summary>Seconds until both servers answered.</summary>
    public double StartupSeconds { get; }

    /// <summary>
    /// Creates <paramref name="table"/> as a <c>Distributed</c> table over <c>{table}_local</c> on both shards (sharded
    /// by customer id), with <paramref name="columns"/> (name, ClickHouse type), and inserts <paramref name="rows"/>
    /// through it.
    /// </summary>
    public void CreateLog(
        string table,
        IReadOnlyList<(string Name, string Type)> columns,
        IEnumerable<IReadOnlyList<string?>> rows
    )
    {
        var definition = string.Join(", ", columns.Select(c => $"{Engine.Dialect.Identifier(c.Name)} {c.Type}"));
        foreach (var shard in Shards)
        {
            shard.Execute($"DROP TABLE IF EXISTS {table}_local");
            shard.Execute($"CREATE TABLE {table}_local ({definition}) ENGINE = MergeTree ORDER BY tuple()");
        }
        Engine.Execute($"DROP TABLE IF EXISTS {table}");
        Engine.Execute(
            $"CREATE TABLE {table} AS {table}_local ENGINE = Distributed(seg, default, {table}_local, "
                + "cityHash64(ifNull(customer_id, '')))"
        );
        foreach (var batch in rows.Chunk(250_000))
            Engine.Insert(table, columns.Select(c => c.Name).ToList(), batch);
    }

    /// <summary>The lines of <paramref name="table"/> on each shard's local table (both shards must hold
    /// some).</summary>
    public long[] LinesPerShard(string table) =>
        Shards
            .Select(s => long.Parse(s.Rows($"SELECT count() FROM {table}_local")[0][0]!, CultureInfo.InvariantCulture))
            .ToArray();

    public void Dispose()
    {
        foreach (var shard in Shards)
            shard.Dispose();
        foreach (var server in servers)
        {
            try
            {
                if (!server.HasExited)
                    server.Kill(entireProcessTree: true);
                server.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            server.Dispose();
        }
        servers.Clear();
        try
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A server still flushing; the folder is under the temporary directory.
        }
    }

    private Process Start(int shard)
    {
        var home = Path.Combine(directory, FormattableString.Invariant($"shard{shard + 1}"));
        foreach (var sub in new[] { "data", "tmp", "log" })
            Directory.CreateDirectory(Path.Combine(home, sub));
        var config = Path.Combine(home, "config.xml");
        var logger =
            $"<logger><level>warning</level><log>{home}/log/server.log</log>"
            + $"<errorlog>{home}/log/error.log</errorlog><console>0</console></logger>";
        File.WriteAllText(
            config,
            FormattableString.Invariant(
                $"""
                <?xml version="1.0"?>
                <yandex>
                  {logger}
                  <http_port>{httpPorts[shard]}</http_port>
                  <tcp_port>{tcpPorts[shard]}</tcp_port>
                  <listen_host>127.0.0.1</listen_host>
                  <path>{home}/data/</path>
                  <tmp_path>{home}/tmp/</tmp_path>
                  <users_config>{directory}/users.xml</users_config>
                  <timezone>UTC</timezone>
                  <mark_cache_size>67108864</mark_cache_size>
                  <max_concurrent_queries>20</max_concurrent_queries>
                  <default_profile>default</default_profile>
                  <default_database>default</default_database>
                  <remote_servers>
                    <seg>
                      <shard><replica><host>127.0.0.1</host><port>{tcpPorts[0]}</port></replica></shard>
                      <shard><replica><host>127.0.0.1</host><port>{tcpPorts[1]}</port></replica></shard>
                    </seg>
                  </remote_servers>
                </yandex>
                """
            )
        );
        var start = new ProcessStartInfo(Server)
        {
            ArgumentList = { "--config-file=" + config },
            WorkingDirectory = home,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Server} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private const string UsersXml = $"""
        <?xml version="1.0"?>
        <yandex>
          {Profiles}
          {Users}
          {Quotas}
        </yandex>
        """;

    private const string Profiles =
        "<profiles><default><max_memory_usage>4000000000</max_memory_usage><max_threads>2</max_threads></default>"
        + "</profiles>";

    private const string Users =
        "<users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks>"
        + "<profile>default</profile><quota>default</quota></default></users>";

    private const string Quotas =
        "<quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>"
        + "<result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval>"
        + "</default></quotas>";
}
