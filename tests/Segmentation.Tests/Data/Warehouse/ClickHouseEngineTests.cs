using System.Globalization;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Generation;
using Segmentation.Data.Loading;
using Segmentation.Data.Warehouse;
using Segmentation.Features;
using Segmentation.Testing;
using Segmentation.Tests.Cli;
using Segmentation.Tests.Data.Loading;
using Xunit.Abstractions;

namespace Segmentation.Tests.Data.Warehouse;

/// <summary>
/// The warehouse engine against a real two-shard ClickHouse cluster (Debian's 18.16.1): the cleaning rules and every
/// per-customer feature computed by SQL over a <c>Distributed</c> table equal DuckDB's on the same records; faults are
/// one line naming what failed.
/// </summary>
[Collection(ClickHouseCollection.Name)]
public sealed class ClickHouseEngineTests(ClickHouseCluster cluster, ITestOutputHelper output)
{
    private static readonly CleaningOptions Options = new() { ProfileColumns = false };

    /// <summary>A transaction log's columns as ClickHouse types them; the last is the unit price.</summary>
    private static readonly (string, string)[] LogColumns =
    [
        ("customer_id", "Nullable(String)"),
        ("order_id", "Nullable(String)"),
        ("timestamp", "Nullable(DateTime)"),
        ("quantity", "Nullable(Decimal(18, 3))"),
        ("unit_price", "Nullable(Decimal(18, 4))"),
    ];

    [Fact]
    public void Features_computed_in_clickhouse_equal_duckdbs_on_the_bundled_sample()
    {
        var path = TestPaths.Sample("transactions.csv");

        var (duck, house, shards) = BothEngines("sample_log", path, ColumnMapping.Workspace);

        AssertSameFeatures(duck, house);
        AssertSameFeatures(duck, shards);
        Assert.All(cluster.LinesPerShard("sample_log"), lines => Assert.True(lines > 1000, "both shards hold lines"));
    }

    [Fact]
    public void Features_computed_in_clickhouse_equal_duckdbs_on_a_one_million_line_generated_log()
    {
        using var scratch = new ScratchDirectory();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        RetailSimulator.Write(new GeneratorOptions { Lines = 1_000_000, Seed = 7 }, scratch.Path);
        output.WriteLine($"generated in {clock.Elapsed.TotalSeconds:F1} s");
        var path = Path.Combine(scratch.Path, RetailSimulator.TransactionsFile);

        var (duck, house, shards) = BothEngines("million_log", path, ColumnMapping.Workspace);

        Assert.True(duck.Rows.Count > 1000);
        AssertSameFeatures(duck, house);
        AssertSameFeatures(duck, shards);
    }

    [Fact]
    public void Every_cleaning_rule_counts_the_same_lines_in_clickhouse_as_in_the_duckdb_load()
    {
        // One example line per declared check (TransactionRulesTests' table), a duplicate of a return and a repeated
        // line without a customer (taken before the duplicate rule by default, after it when reversed).
        var text =
            Segmentation.Tests.Data.Cleaning.TransactionRulesTests.ExampleFile(CleaningOptions.Default)
            + "1003,A3,CUP,-1,1/6/2025 10:00,2.00,17850,United Kingdom\n1008,A3,CUP,1,1/6/2025 10:00,2.00,,Iceland\n";
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("t.csv", text);
        foreach (
            var order in new[] { CleaningOptions.Default.Rules, CleaningOptions.Default.Rules.Reverse().ToList(), [] }
        )
        {
            var options = Options with { Rules = order, OutlierFence = null };
            using var store = TransactionStore.InMemory();
            var expected = TransactionLoader.Load(store, path, ColumnMapping.OnlineRetail, options);
            var (columns, rows) = WarehouseRows.FromFile(path, ColumnMapping.OnlineRetail, options);
            cluster.CreateLog("rules_log", columns, rows);

            var counted = WarehouseLog.Open(cluster.Engine, "rules_log", options).Clean();

            Assert.Equal(
                (expected.RowsIn, expected.Clean, expected.Returns, expected.Quarantined),
                (counted.RowsIn, counted.Clean, counted.Returns, counted.Quarantined)
            );
            Assert.Equal(
                expected.Rules.Select(r => (r.Rule, r.Rows, r.Description)),
                counted.Rules.Select(r => (r.Rule, r.Rows, r.Description))
            );
        }
    }

    [Fact]
    public void A_customer_on_two_shards_is_one_line_naming_it_and_a_distributed_table_is_refused_shard_by_shard()
    {
        cluster.CreateLog("split_log", LogColumns, []);
        // The same customer's lines written straight into both shards' local tables: not sharded by customer.
        var names = LogColumns.Select(c => c.Item1).ToList();
        cluster
            .Shards[0]
            .Insert(
                "split_log_local",
                names,
                [
                    ["c1", "o1", "2024-01-02 10:00:00", "1", "2.5"],
                ]
            );
        cluster
            .Shards[1]
            .Insert(
                "split_log_local",
                names,
                [
                    ["c1", "o2", "2024-01-03 10:00:00", "2", "1.5"],
                ]
            );
        // A Distributed table on every server, as clusters usually have them.
        cluster
            .Shards[1]
            .Execute(
                "CREATE TABLE split_log AS split_log_local ENGINE = Distributed(seg, default, split_log_local, rand())"
            );
        using var shards = new ClickHouseShards(cluster.Shards, ownsServers: false);
        using var log = WarehouseLog.Open(shards, "split_log_local", Options);
        using var empty = TransactionStore.InMemory();

        var split = Assert.Throws<SegmentationException>(() =>
            CustomerFeatureSet.Compute(FeatureSource.Of(log), empty)
        );
        var distributed = Assert.Throws<OptionsException>(() => WarehouseLog.Open(shards, "split_log", Options));

        Assert.StartsWith(
            "customer 'c1' has lines on more than one shard of the clean lines of ClickHouse table 'split_log_local'",
            split.Message,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "--table 'split_log' must be each shard's local table, but at http://127.0.0.1:",
            distributed.Message,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain('\n', split.Message + distributed.Message);
        Assert.Equal(2, log.Clean().Clean); // the counts fold over the shards
    }

    [Fact]
    public void A_list_of_shard_connections_is_parsed_and_redacted_piece_by_piece()
    {
        const string list = "http://127.0.0.1:8123/?database=a&password=one,clickhouse://u:two@127.0.0.2/b";

        var endpoints = ClickHouseEndpoint.ParseList(list);
        var redacted = ClickHouseEndpoint.Redacted(list);

        Assert.Equal(
            ["http://127.0.0.1:8123/?database=a", "http://127.0.0.2:8123/?database=b"],
            endpoints.Select(e => e.ToString())
        );
        Assert.Equal(["one", "two"], endpoints.Select(e => e.Password));
        Assert.Equal("http://127.0.0.1:8123/?database=a&password=***,clickhouse://u:***@127.0.0.2/b", redacted);
        // A comma inside one URI (in its password) does not split it.
        Assert.Equal("x,y", Assert.Single(ClickHouseEndpoint.ParseList("clickhouse://u:x,y@127.0.0.1/d")).Password);
    }

    [Theory]
    [InlineData("not a uri", "--connection 'not a uri' is not a URI")]
    [InlineData("ftp://127.0.0.1/", "scheme 'ftp' is not http, https or clickhouse")]
    [InlineData(
        "clickhouse://u:secret@127.0.0.1:8123/a/b",
        "--connection 'clickhouse://u:***@127.0.0.1:8123/a/b': the path must be one database name"
    )]
    [InlineData("http://127.0.0.1:8123/?db=x", "unknown parameter 'db'")]
    public void A_bad_connection_string_is_one_line_naming_it_and_never_its_password(string connection, string message)
    {
        var error = Assert.Throws<OptionsException>(() => ClickHouseEndpoint.Parse(connection));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_server_that_is_down_is_one_line_naming_the_address()
    {
        using var engine = new ClickHouseEngine(ClickHouseEndpoint.Parse("http://127.0.0.1:9/"));

        var error = Assert.Throws<SegmentationException>(() => WarehouseLog.Open(engine, "t"));

        Assert.StartsWith(
            "ClickHouse at http://127.0.0.1:9/ did not answer: ",
            error.Message,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_missing_table_and_a_missing_column_are_one_line_naming_them()
    {
        cluster.CreateLog(
            "no_price_log",
            LogColumns[..^1],
            [
                ["c1", "o1", "2024-01-02 10:00:00", "1"],
            ]
        );

        var table = Assert.Throws<SegmentationException>(() => WarehouseLog.Open(cluster.Engine, "no_such_log"));
        var column = Assert.Throws<SegmentationException>(() => WarehouseLog.Open(cluster.Engine, "no_price_log"));

        Assert.EndsWith(
            "table 'no_such_log' does not exist in database 'default'",
            table.Message,
            StringComparison.Ordinal
        );
        Assert.StartsWith(
            "ClickHouse table 'no_price_log' has no column 'unit_price' (it has customer_id, order_id, "
                + "timestamp, quantity)",
            column.Message,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain('\n', table.Message + column.Message);
    }

    [Fact]
    public void The_cli_takes_the_clickhouse_engine_and_fails_in_one_line_with_exit_code_2()
    {
        using var scratch = new ScratchDirectory();
        var path = TestPaths.Sample("transactions.csv");
        var (columns, rows) = WarehouseRows.FromFile(path, ColumnMapping.Workspace, Options);
        cluster.CreateLog("cli_log", columns, rows.Take(20_000));

        var ok = Seg("rfm", cluster.Connection, "cli_log", Path.Combine(scratch.Path, "rfm"));
        var features = Seg("features", cluster.Connection, "cli_log", Path.Combine(scratch.Path, "features"));
        var segment = Seg(
            "segment",
            cluster.Connection,
            "cli_log",
            Path.Combine(scratch.Path, "segment"),
            "--k",
            "3",
            "--progress"
        );
        var badUri = Seg("segment", "ftp://x", "cli_log", scratch.Path);
        var down = Seg("features", "http://127.0.0.1:9/", "cli_log", scratch.Path);
        var missing = Seg("rfm", cluster.Connection, "nope", scratch.Path);
        var sharded = Seg("features", cluster.ShardConnections, "cli_log_local", Path.Combine(scratch.Path, "sharded"));

        Assert.True(ok.Code == 0, ok.Error);
        Assert.True(File.Exists(Path.Combine(scratch.Path, "rfm", "rfm.csv")));
        Assert.True(features.Code == 0, features.Error);
        Assert.True(File.Exists(Path.Combine(scratch.Path, "features", "features.csv")));
        Assert.True(sharded.Code == 0, sharded.Error);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(scratch.Path, "features", "features.csv")),
            File.ReadAllBytes(Path.Combine(scratch.Path, "sharded", "features.csv"))
        );
        Assert.True(segment.Code == 0, segment.Error);
        Assert.True(File.Exists(Path.Combine(scratch.Path, "segment", "report.html")));
        // the phases, on stderr with --progress
        Assert.Contains("in ClickHouse", segment.Error, StringComparison.Ordinal);
        foreach (var (code, _, error) in new[] { badUri, down, missing })
        {
            Assert.Equal(2, code);
            Assert.Single(error.Trim().Split('\n'));
        }
        Assert.Contains("did not answer", down.Error, StringComparison.Ordinal);
        Assert.Contains("table 'nope' does not exist", missing.Error, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>seg COMMAND --engine clickhouse --connection CONNECTION --table TABLE</c>, then
    /// <paramref name="options"/>, then <c>--out OUT</c>.</summary>
    private static (int Code, string Output, string Error) Seg(
        string command,
        string connection,
        string table,
        string output,
        params string[] options
    ) =>
        SegProcess.Run([
            command,
            "--engine",
            "clickhouse",
            "--connection",
            connection,
            "--table",
            table,
            .. options,
            "--out",
            output,
        ]);

    /// <summary>Loads <paramref name="path"/> into DuckDB (the full load) and into the cluster, and computes both
    /// feature sets.</summary>
    private (CustomerFeatureSet Duck, CustomerFeatureSet House, CustomerFeatureSet Shards) BothEngines(
        string table,
        string path,
        ColumnMapping mapping
    )
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string what)
        {
            output.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:F1} s");
            clock.Restart();
        }
        using var store = TransactionStore.InMemory();
        var cleaning = TransactionLoader.Load(store, path, mapping, Options);
        Phase("duckdb load and clean");
        var duck = CustomerFeatureSet.Compute(store);
        Phase("duckdb features");
        var (columns, rows) = WarehouseRows.FromFile(path, mapping, Options);
        cluster.CreateLog(table, columns, rows);
        Phase($"typed rows inserted into ClickHouse (startup of the cluster was {cluster.StartupSeconds:F1} s)");

        using var log = WarehouseLog.Open(cluster.Engine, table, Options);
        var counted = log.Clean();
        Phase("clickhouse rule counts");
        log.Stage();
        Phase("clickhouse clean and returned lines staged");
        using var empty = TransactionStore.InMemory();
        var house = CustomerFeatureSet.Compute(FeatureSource.Of(log), empty);
        Phase("clickhouse features (over the Distributed table, aggregated on the receiving server)");

        using var shards = new ClickHouseShards(cluster.Shards, ownsServers: false);
        using var local = WarehouseLog.Open(shards, $"{table}_local", Options);
        var countedByShard = local.Clean();
        Phase("clickhouse rule counts, shard by shard");
        local.Stage();
        Phase("clickhouse clean and returned lines staged on each shard");
        var byShard = CustomerFeatureSet.Compute(FeatureSource.Of(local), empty);
        Phase("clickhouse features, shard by shard (each shard aggregates its customers)");
        Assert.Equal(counted.Rules.Select(r => (r.Rule, r.Rows)), countedByShard.Rules.Select(r => (r.Rule, r.Rows)));
        Assert.Equal(
            (counted.RowsIn, counted.Clean, counted.Returns),
            (countedByShard.RowsIn, countedByShard.Clean, countedByShard.Returns)
        );

        // Malformed lines never reach a warehouse table; every other line is counted by the same rules.
        var malformed = store.Count(
            $"{TransactionStore.QuarantineTable} WHERE reason LIKE '{TransactionLoader.MalformedReasonPrefix}%'"
        );
        Assert.Equal(
            (cleaning.RowsIn - malformed, cleaning.Clean, cleaning.Returns),
            (counted.RowsIn, counted.Clean, counted.Returns)
        );
        return (duck, house, byShard);
    }

    /// <summary>Same customers, same computable columns, money to the cent and every other number to 1e-9, same
    /// labels.</summary>
    private static void AssertSameFeatures(CustomerFeatureSet duck, CustomerFeatureSet house)
    {
        Assert.Equal(duck.AsOf, house.AsOf);
        Assert.Equal(duck.Rows.Select(r => r.CustomerId), house.Rows.Select(r => r.CustomerId));
        Assert.Equal(duck.Columns.Select(c => c.Name), house.Columns.Select(c => c.Name));
        Assert.Equal(duck.NotComputable.Select(n => n.Name), house.NotComputable.Select(n => n.Name));
        Assert.Equal(duck.Rows.Select(r => r.Monetary), house.Rows.Select(r => r.Monetary));
        foreach (var column in duck.NumericColumns)
        {
            var (a, b) = (duck.Numeric(column), house.Numeric(column));
            for (var i = 0; i < a.Length; i++)
            {
                if (a[i] is null || b[i] is null)
                {
                    Assert.True(
                        a[i] is null && b[i] is null,
                        $"{column} of {duck.Rows[i].CustomerId}: {a[i]} vs {b[i]}"
                    );
                    continue;
                }
                var tolerance = 1e-9 * Math.Max(1, Math.Abs(a[i]!.Value));
                Assert.True(
                    Math.Abs(a[i]!.Value - b[i]!.Value) <= tolerance,
                    string.Create(
                        CultureInfo.InvariantCulture,
                        $"{column} of {duck.Rows[i].CustomerId}: {a[i]} (duckdb) vs {b[i]} (clickhouse)"
                    )
                );
            }
        }
        foreach (var column in duck.CategoricalColumns)
            Assert.Equal(duck.Categorical(column), house.Categorical(column));
    }
}
