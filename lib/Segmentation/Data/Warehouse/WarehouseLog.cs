using System.Globalization;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Warehouse;

/// <summary>
/// A transaction log that lives in a warehouse table (a ClickHouse <c>Distributed</c> table over its shards), in the
/// workspace columns (<see cref="TransactionColumns"/>: <c>customer_id</c>, <c>order_id</c>, <c>timestamp</c> as
/// <c>DateTime</c>, <c>quantity</c> and <c>unit_price</c> as numbers, the optional text columns; any other column takes
/// part in the duplicate rule only). The cleaning rules of <see cref="TransactionRules"/> are rendered in the
/// warehouse's dialect: their counts and the clean and returned lines are SQL relations that stay in the warehouse, so
/// the feature queries over them return one row per customer and never the lines. The table is read on one server (a
/// <c>Distributed</c> table gathers the lines there) or, when it is sharded by customer id, on every shard at once
/// through its local table, so the per-customer work runs where the lines are (<see cref="ClickHouseShards"/>).
/// </summary>
public sealed class WarehouseLog : IDisposable
{
    private readonly List<string> staged = [];
    private readonly IReadOnlyList<TransactionCheck> checks;
    private readonly string allColumns;
    private readonly string firstFailed;
    private readonly int? duplicateIndex;

    private WarehouseLog(
        ClickHouseShards engine,
        string table,
        string quotedTable,
        IReadOnlyList<(string Name, string Type)> columns,
        CleaningOptions options
    )
    {
        Engine = engine;
        Table = table;
        QuotedTable = quotedTable;
        Columns = columns;
        Options = options;
        checks = TransactionRules.Checks(options);
        var d = engine.Dialect;
        var names = columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        string Column(RowField field) =>
            d.Identifier(
                field switch
                {
                    RowField.CustomerId => TransactionColumns.CustomerId,
                    RowField.OrderId => TransactionColumns.OrderId,
                    RowField.Timestamp => TransactionColumns.Timestamp,
                    RowField.Quantity => TransactionColumns.Quantity,
                    RowField.UnitPrice => TransactionColumns.UnitPrice,
                    _ => throw new ArgumentOutOfRangeException(nameof(field), field, "no column"),
                }
            );
        // Typed columns are "missing" when NULL; their text (for the missing test) is toString of the value.
        var texts = new CheckColumns(
            f => f is RowField.Timestamp or RowField.Quantity or RowField.UnitPrice ? d.ToText(Column(f)) : Column(f),
            Column,
            null
        );
        var conditions = checks
            .Select((c, i) => (Check: c, Index: i + 1))
            .Where(x => x.Check.Test != RowTest.Duplicate)
            .Select(x => FormattableString.Invariant($"WHEN {x.Check.Condition(d, texts)} THEN {x.Index}"))
            .ToList();
        firstFailed = conditions.Count == 0 ? "0" : $"CASE {string.Join(" ", conditions)} ELSE 0 END";
        var duplicate = checks
            .Select((c, i) => (c, i))
            .Where(x => x.c.Test == RowTest.Duplicate)
            .Select(x => x.i + 1)
            .ToList();
        duplicateIndex = duplicate.Count == 0 ? null : duplicate[0];
        allColumns = string.Join(", ", columns.Select(c => d.Identifier(c.Name)));
        var projected = string.Join(
            ", ",
            TransactionColumns
                .All.Where(c => c != TransactionColumns.Amount)
                .Select(c => names.Contains(c) ? d.Identifier(c) : $"{d.NullText} AS {d.Identifier(c)}")
        );
        PresentColumns = TransactionColumns.All.Where(names.Contains).ToList();

        CleanRelation = Relation(projected, [0], duplicateIndex is not null, "clean_lines");
        var returns = ReturnIndexes();
        var deduplicated = duplicateIndex is { } dup && returns.Count > 0 && dup < returns.Min();
        ReturnsRelation =
            returns.Count == 0
                ? $"(SELECT {projected} FROM {QuotedTable} WHERE 0) AS returned_lines"
                : Relation(projected, returns, deduplicated, "returned_lines");
    }

    /// <summary>The servers the table is read on: one, or every shard of a table sharded by customer id.</summary>
    public ClickHouseShards Engine { get; }

    /// <summary>The table as given (<c>name</c> or <c>database.name</c>).</summary>
    public string Table { get; }

    /// <summary>The table, quoted.</summary>
    public string QuotedTable { get; }

    /// <summary>Every column of the table with its type.</summary>
    public IReadOnlyList<(string Name, string Type)> Columns { get; }

    /// <summary>The workspace columns the table has.</summary>
    public IReadOnlyList<string> PresentColumns { get; }

    /// <summary>The cleaning options whose rules apply.</summary>
    public CleaningOptions Options { get; }

    /// <summary>SQL relation of the clean lines (one copy of each exact duplicate when the duplicate rule is
    /// on).</summary>
    public string CleanRelation { get; private set; }

    /// <summary>SQL relation of the returned lines.</summary>
    public string ReturnsRelation { get; private set; }

    /// <summary>
    /// Computes the clean and returned lines once, into two <c>Memory</c> tables on the server that received the query
    /// (where the per-customer aggregation runs anyway), so the feature queries that follow do not each repeat the
    /// duplicate grouping over the <c>Distributed</c> table. The tables (<c>seg_clean_…</c>, <c>seg_returns_…</c>) are
    /// dropped by <see cref="Dispose"/>; the user needs the right to create tables in the database.
    /// </summary>
    public void Stage()
    {
        if (staged.Count > 0)
            return;
        var suffix = Guid.NewGuid().ToString("N");
        (string Name, string Relation)[] tables =
        [
            ($"seg_clean_{suffix}", CleanRelation),
            ($"seg_returns_{suffix}", ReturnsRelation),
        ];
        foreach (var (name, relation) in tables)
        {
            Engine.Execute(
                $"CREATE TABLE {Engine.Dialect.Identifier(name)} ENGINE = Memory AS SELECT * FROM {relation}"
            );
            staged.Add(name);
        }
        CleanRelation = Engine.Dialect.Identifier(tables[0].Name);
        ReturnsRelation = Engine.Dialect.Identifier(tables[1].Name);
    }

    /// <summary>Drops the tables <see cref="Stage"/> created (the engine stays open: its owner disposes it).</summary>
    public void Dispose()
    {
        foreach (var name in staged)
        {
            try
            {
                Engine.Execute($"DROP TABLE IF EXISTS {Engine.Dialect.Identifier(name)}");
            }
            catch (SegmentationException)
            {
                // The server went away: a Memory table goes with it.
            }
        }
        staged.Clear();
    }

    /// <summary>
    /// Opens <paramref name="table"/> and checks it has the required workspace columns. One-line errors: a table name
    /// that is not <c>name</c> or <c>database.name</c>, a table that does not exist, a required column it lacks (its
    /// columns listed).
    /// </summary>
    public static WarehouseLog Open(ClickHouseEngine engine, string table, CleaningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return Open(ClickHouseShards.Of(engine), table, options);
    }

    /// <summary>
    /// Opens <paramref name="table"/> on every server of <paramref name="servers"/>. With several (the shards of a
    /// table sharded by customer id) it is each shard's local table: one-line errors, besides those of a single server,
    /// when it is a <c>Distributed</c> table on a shard (its lines would be read once per shard) or when the shards'
    /// columns differ.
    /// </summary>
    public static WarehouseLog Open(ClickHouseShards servers, string table, CleaningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var engine = servers.Servers[0];
        options ??= CleaningOptions.Default;
        options.Validate();
        var parts = (table ?? "").Split('.');
        if (
            parts.Length is < 1 or > 2
            || parts.Any(p => p.Length == 0 || p.Any(c => !(char.IsLetterOrDigit(c) || c == '_')))
        )
            throw new OptionsException($"--table '{table}' must be NAME or DATABASE.NAME (letters, digits, _)");
        var quoted = string.Join(".", parts.Select(engine.Dialect.Identifier));
        IReadOnlyList<List<string?[]>> described;
        try
        {
            described = servers.RowsOfEach($"DESCRIBE TABLE {quoted}");
        }
        catch (ClickHouseServerException e) when (e.Code == 60 || e.Code == 81)
        {
            throw new SegmentationException(
                $"ClickHouse at {e.Server}: table '{table}' does not exist in database "
                    + $"'{(parts.Length == 2 ? parts[0] : engine.Endpoint.Database)}'"
            );
        }
        var columns = described[0].Select(r => (Name: r[0]!, Type: r[1]!)).ToList();
        if (servers.IsSharded)
            CheckShards(servers, table!, parts, described, columns);
        var missing = TransactionColumns.Required.FirstOrDefault(c => columns.All(x => x.Name != c));
        if (missing is not null)
            throw new SegmentationException(
                $"ClickHouse table '{table}' has no column '{missing}' (it has "
                    + $"{string.Join(", ", columns.Select(c => c.Name))}); "
                    + $"the log needs {string.Join(", ", TransactionColumns.Required)}"
            );
        return new WarehouseLog(servers, table!, quoted, columns, options);
    }

    /// <summary>
    /// Counts, in the warehouse, the lines each rule takes, by the same checks as the full load: every line goes to
    /// exactly one place. Exact duplicates are counted per group of identical lines (every column of the table), the
    /// first copy judged by the later checks. The result has no quarantine rows (they stay in the warehouse) and no
    /// outlier flags.
    /// </summary>
    public CleaningResult Clean()
    {
        var sql = duplicateIndex is null
            ? $"SELECT check_id, count() AS groups, count() AS line_count FROM (SELECT {firstFailed} AS "
                + $"check_id FROM {QuotedTable}) GROUP BY check_id"
            : $"SELECT check_id, count() AS groups, sum(copies) AS line_count FROM (SELECT {firstFailed} AS "
                + $"check_id, count() AS copies FROM {QuotedTable} GROUP BY {allColumns}) GROUP BY check_id";
        var taken = new long[checks.Count + 1];
        long duplicates = 0,
            rowsIn = 0;
        Engine.ForEachRow(sql, r =>
        {
            var check = r.Int(0);
            var (groups, lines) = (r.Long(1), r.Long(2));
            rowsIn += lines;
            if (duplicateIndex is { } dup && (check == 0 || check > dup))
            {
                taken[check] += groups;
                duplicates += lines - groups;
            }
            else
                taken[check] += lines;
        });
        if (duplicateIndex is { } index)
            taken[index] += duplicates;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long returns = 0;
        for (var i = 1; i <= checks.Count; i++)
        {
            if (checks[i - 1].Rule == CleaningRuleNames.Returns)
                returns += taken[i];
            else
                counts[checks[i - 1].Rule] = counts.GetValueOrDefault(checks[i - 1].Rule) + taken[i];
        }
        var clean = taken[0];
        var quarantined = counts.Values.Sum();
        var thresholds = new OutlierThresholds(null, null, null, null, null);
        var rules = TransactionRules.Outcomes(counts, returns, Options, thresholds, 0);
        var name = $"clickhouse:{Table}";
        var report = new QualityReport(
            name,
            Sources.Transactions,
            "warehouse",
            rowsIn,
            0,
            rowsIn,
            clean,
            returns,
            quarantined,
            rules,
            []
        );
        return new CleaningResult(
            name,
            ColumnMapping.Workspace,
            rowsIn,
            clean,
            returns,
            quarantined,
            0,
            thresholds,
            report
        )
        {
            PresentColumns = PresentColumns,
        };
    }

    // Each shard's table is a local table (a Distributed one would hand every shard the whole log) with the first's
    // columns.
    private static void CheckShards(
        ClickHouseShards servers,
        string table,
        string[] parts,
        IReadOnlyList<List<string?[]>> described,
        List<(string Name, string Type)> columns
    )
    {
        var d = servers.Dialect;
        var database = parts.Length == 2 ? d.Literal(parts[0]) : "currentDatabase()";
        var engines = servers.RowsOfEach(
            $"SELECT engine FROM system.tables WHERE database = {database} AND name = {d.Literal(parts[^1])}"
        );
        for (var i = 0; i < servers.Servers.Count; i++)
        {
            var at = servers.Servers[i].Endpoint.BaseAddress;
            if (engines[i].Count > 0 && engines[i][0][0] == "Distributed")
                throw new OptionsException(
                    $"--connection names {servers.Servers.Count} shards, so --table '{table}' must be each shard's "
                        + $"local table, but at {at} it is a Distributed table (every shard would read the whole log)"
                );
            var these = described[i].Select(r => (Name: r[0]!, Type: r[1]!)).ToList();
            static string List(IEnumerable<(string Name, string Type)> list) =>
                string.Join(", ", list.Select(c => $"{c.Name} {c.Type}"));
            if (!these.SequenceEqual(columns))
                throw new SegmentationException(
                    $"ClickHouse table '{table}' has other columns at {at} ({List(these)}) "
                        + $"than at {servers.Servers[0].Endpoint.BaseAddress} ({List(columns)})"
                );
        }
    }

    private List<int> ReturnIndexes() =>
        checks.Select((c, i) => (c, i)).Where(x => x.c.Rule == CleaningRuleNames.Returns).Select(x => x.i + 1).ToList();

    private string Relation(string projected, IReadOnlyList<int> indexes, bool deduplicate, string alias)
    {
        var where =
            indexes.Count == 1
                ? $"({firstFailed}) = {indexes[0].ToString(CultureInfo.InvariantCulture)}"
                : $"({firstFailed}) IN ("
                    + $"{string.Join(", ", indexes.Select(i => i.ToString(CultureInfo.InvariantCulture)))}"
                    + ")";
        return $"(SELECT {projected} FROM {QuotedTable} WHERE "
            + $"{where}{(deduplicate ? $" GROUP BY {allColumns}" : "")}) AS {alias}";
    }
}
