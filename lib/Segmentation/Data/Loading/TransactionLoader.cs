using System.Globalization;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Loading;

/// <summary>
/// Loads a transaction log (CSV or Parquet) into a <see cref="TransactionStore"/> and cleans it, entirely in DuckDB
/// SQL: every record ends up in exactly one of the <c>clean</c>, <c>returns</c> and <c>quarantine</c> tables, with
/// its true physical line number. See docs/cleaning.md for the rules.
/// </summary>
public static class TransactionLoader
{
    private const string Staged = "_tx_staged";
    private const string Check = "check_id";

    /// <summary>
    /// Reads <paramref name="path"/>, maps its columns (<paramref name="mapping"/>, or the preset detected from the
    /// header), cleans it with <paramref name="options"/> and replaces the store's clean and returns tables and its
    /// transaction quarantine. Throws <see cref="DataFormatException"/> for file-level faults and
    /// <see cref="OptionsException"/> for invalid options; row-level faults go to quarantine.
    /// </summary>
    public static CleaningResult Load(
        TransactionStore store,
        string path,
        ColumnMapping? mapping = null,
        CleaningOptions? options = null
    ) => Load(store, path, mapping, options, LineNumbering.DefaultMaxInlineSteps);

    /// <summary><see cref="Load(TransactionStore, string, ColumnMapping?, CleaningOptions?)"/> with the inline
    /// line-numbering limit (tests force the join path with 0).</summary>
    internal static CleaningResult Load(
        TransactionStore store,
        string path,
        ColumnMapping? mapping,
        CleaningOptions? options,
        int maxInlineSteps
    )
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= CleaningOptions.Default;
        options.Validate();
        try
        {
            return LoadFile(store, path, mapping, options, maxInlineSteps);
        }
        finally
        {
            // The work tables hold a copy of every line: a load that fails must not leave them behind (a notebook
            // keeps its store).
            DropWorkTables(store);
        }
    }

    private static CleaningResult LoadFile(
        TransactionStore store,
        string path,
        ColumnMapping? mapping,
        CleaningOptions options,
        int maxInlineSteps
    )
    {
        using var input = InputFile.Open(store, path, options, header => TimestampColumn(mapping, header));
        var source = input.Source;
        var resolved = mapping ?? ColumnMapping.Detect(source.Header) ?? throw ColumnBinding.NoPresetFits(source);
        var bound = Bind(resolved, source, TransactionColumns.Required, TransactionColumns.Roles);
        if (!options.ReadOptionalColumns)
            bound = RequiredOnly(bound);

        var checks = Checks(options, bound);
        var columns = StagedColumns(bound, resolved, options);
        columns.Add(StagedColumn.Computed(Check, RowCheck.FirstFailed(checks), layer: 3));
        var staged = SourceReader.Stage(store, source, Staged, columns, maxInlineSteps);
        if (options.Rules.Contains(CleaningRule.Duplicates))
            MarkDuplicates(store, staged with { Amount = bound[TransactionColumns.Amount] is not null }, checks);
        var (relation, line) = Lined(staged);

        var thresholds = OutlierThresholds.Compute(store, Staged, Check, options.OutlierFence);
        store.Execute($"DELETE FROM {TransactionStore.CleanTable}");
        store.Execute($"DELETE FROM {TransactionStore.ReturnsTable}");
        store.Execute(
            $"DELETE FROM {TransactionStore.QuarantineTable} WHERE source = {SqlText.Literal(Sources.Transactions)}"
        );
        Insert(
            store,
            TransactionStore.CleanTable,
            relation,
            line,
            $"{Check} IS NULL",
            thresholds.FlagSql(absolute: false)
        );
        Insert(
            store,
            TransactionStore.ReturnsTable,
            relation,
            line,
            $"{Check} IN {RowCheck.IndexesOf(checks, CleaningRuleNames.Returns)}",
            thresholds.FlagSql(absolute: true)
        );
        InsertQuarantine(store, staged, relation, line, checks, bound, source);
        var (invalidLines, encodingMessage) = input.Finish(store, Sources.Transactions);

        var clean = store.Count(TransactionStore.CleanTable);
        var returns = store.Count(TransactionStore.ReturnsTable);
        var quarantined = store.Count(
            $"{TransactionStore.QuarantineTable} WHERE source = {SqlText.Literal(Sources.Transactions)}"
        );
        if (staged.RowsIn != clean + returns + quarantined)
            throw new InvalidOperationException(
                FormattableString.Invariant(
                    $"accounting failed for {path}: rows_in={staged.RowsIn} but clean={clean} + "
                ) + FormattableString.Invariant($"returns={returns} + quarantined={quarantined}")
            );

        var outliers = Convert.ToInt64(
            store.Scalar($"SELECT count(*) FROM {TransactionStore.CleanTable} WHERE is_outlier"),
            CultureInfo.InvariantCulture
        );
        var rules = TransactionRules.Outcomes(
            QuarantineCounts(store, Sources.Transactions),
            store.Count(TransactionStore.ReturnsTable),
            options,
            thresholds,
            outliers
        );
        var profile = options.ProfileColumns ? Profile(store, staged, bound, source.Header) : [];
        var report = new QualityReport(
            path,
            Sources.Transactions,
            resolved.Name,
            staged.PhysicalLines,
            staged.BlankLines,
            staged.RowsIn,
            clean,
            returns,
            quarantined,
            rules,
            profile
        )
        {
            Encoding = input.Encoding,
            InvalidEncodingLines = invalidLines,
            EncodingMessage = encodingMessage,
        };
        return new CleaningResult(
            path,
            resolved,
            staged.RowsIn,
            clean,
            returns,
            quarantined,
            outliers,
            thresholds,
            report
        )
        {
            PresentColumns = TransactionColumns.All.Where(c => bound[c] is not null).ToList(),
        };
    }

    /// <summary>Binds a mapping to a header: role → position (null when absent); throws when a required role is missing
    /// (see <see cref="ColumnBinding"/>).</summary>
    internal static IReadOnlyDictionary<string, int?> Bind(
        ColumnMapping mapping,
        SourceFile source,
        IReadOnlyList<string> required,
        IReadOnlyList<string> all,
        string mapOption = "--map"
    ) => ColumnBinding.Bind(mapping, source, required, all, mapOption);

    /// <summary>Position of the timestamp column in <paramref name="header"/> under <paramref name="mapping"/> (or the
    /// preset it fits), for Excel serial dates.</summary>
    internal static int? TimestampColumn(ColumnMapping? mapping, IReadOnlyList<string> header)
    {
        var resolved = mapping ?? ColumnMapping.Detect(header);
        if (resolved is null || !resolved.Columns.TryGetValue(TransactionColumns.Timestamp, out var name))
            return null;
        var positions = resolved.Positions(header, name);
        return positions.Count == 1 ? positions[0] : null;
    }

    /// <summary>The binding with only the required roles kept (<see cref="CleaningOptions.ReadOptionalColumns"/>
    /// off).</summary>
    internal static IReadOnlyDictionary<string, int?> RequiredOnly(IReadOnlyDictionary<string, int?> bound)
    {
        var keep = ColumnBinding.RequiredRoles(TransactionColumns.Required, bound);
        return bound.ToDictionary(
            kv => kv.Key,
            kv => keep.Contains(kv.Key) || (kv.Key == TransactionColumns.Quantity) ? kv.Value : null,
            StringComparer.Ordinal
        );
    }

    private static List<StagedColumn> StagedColumns(
        IReadOnlyDictionary<string, int?> bound,
        ColumnMapping mapping,
        CleaningOptions options
    )
    {
        var columns = TransactionColumns.All.Select(c => StagedColumn.Raw(c, bound[c])).ToList();
        columns.Add(
            StagedColumn.Computed(
                "ts",
                TimestampSql(SqlText.Identifier(TransactionColumns.Timestamp), mapping, options)
            )
        );
        var quantity = SqlText.Identifier(TransactionColumns.Quantity);
        if (bound[TransactionColumns.Amount] is null)
        {
            columns.Add(StagedColumn.Computed("qty", QuantitySql(quantity)));
            columns.Add(StagedColumn.Computed("price", UnitPriceSql(SqlText.Identifier(TransactionColumns.UnitPrice))));
        }
        else
        {
            // The line total stands for quantity × unit price: unit price = amount ÷ quantity (4 decimals), or without
            // a quantity column one unit (−1 for a negative amount, a return) at the absolute amount.
            columns.Add(StagedColumn.Raw(TransactionColumns.Amount, bound[TransactionColumns.Amount]));
            columns.Add(StagedColumn.Computed("amt", UnitPriceSql(SqlText.Identifier(TransactionColumns.Amount))));
            columns.Add(
                StagedColumn.Computed(
                    "qty",
                    bound[TransactionColumns.Quantity] is null
                        ? $"CAST(CASE WHEN {UnitPriceSql(SqlText.Identifier(TransactionColumns.Amount))} < 0 "
                            + $"THEN -1 ELSE 1 END AS {QuantityType})"
                        : QuantitySql(quantity)
                )
            );
            columns.Add(
                StagedColumn.Computed(
                    "price",
                    bound[TransactionColumns.Quantity] is null
                        ? $"abs(amt)"
                        : "CAST(CASE WHEN qty IS NULL OR qty = 0 THEN amt ELSE round(CAST(amt AS DOUBLE) / "
                            + $"CAST(qty AS DOUBLE), 4) END AS {UnitPriceType})",
                    layer: 2
                )
            );
        }
        columns.Add(StagedColumn.Computed("duplicate_of", "NULL::BIGINT"));
        return columns;
    }

    /// <summary>The timestamp formats tried first, in order: the options', then the mapping's (ISO 8601 and the
    /// defaults follow).</summary>
    internal static List<string> FirstTimestampFormats(ColumnMapping mapping, CleaningOptions options) =>
        options.TimestampFormats.Concat(mapping.TimestampFormats).ToList();

    /// <summary>SQL reading the trimmed text <paramref name="column"/> as a timestamp (NULL when no format
    /// fits).</summary>
    internal static string TimestampSql(string column, ColumnMapping mapping, CleaningOptions options)
    {
        var first = FirstTimestampFormats(mapping, options);
        var parts = new List<string>();
        if (first.Count > 0)
            parts.Add($"try_strptime({column}, {SqlText.StringList(first)})");
        parts.Add($"TRY_CAST({column} AS TIMESTAMP)");
        parts.Add($"try_strptime({column}, {SqlText.StringList(CleaningOptions.DefaultTimestampFormats)})");
        return $"coalesce({string.Join(", ", parts)})";
    }

    /// <summary>SQL reading the trimmed text <paramref name="column"/> as a quantity (NULL when it is not a
    /// number).</summary>
    internal static string QuantitySql(string column) => $"TRY_CAST({column} AS {QuantityType})";

    /// <summary>SQL reading the trimmed text <paramref name="column"/> as a unit price (NULL when it is not a
    /// number).</summary>
    internal static string UnitPriceSql(string column) => $"TRY_CAST({column} AS {UnitPriceType})";

    /// <summary>SQL type of quantities: 15 digits before the point, 3 after.</summary>
    internal const string QuantityType = "DECIMAL(18,3)";

    /// <summary>SQL type of unit prices: 14 digits before the point, 4 after.</summary>
    internal const string UnitPriceType = "DECIMAL(18,4)";

    /// <summary>The checks of <see cref="TransactionRules"/> in the order they run, as SQL over the staging
    /// table.</summary>
    private static List<RowCheck> Checks(CleaningOptions options, IReadOnlyDictionary<string, int?> bound)
    {
        var amount = bound[TransactionColumns.Amount] is not null;
        var columns = new CheckColumns(
            field =>
                SqlText.Identifier(
                    field switch
                    {
                        RowField.CustomerId => TransactionColumns.CustomerId,
                        RowField.OrderId => TransactionColumns.OrderId,
                        RowField.Timestamp => TransactionColumns.Timestamp,
                        RowField.Quantity => TransactionColumns.Quantity,
                        RowField.UnitPrice => amount ? TransactionColumns.Amount : TransactionColumns.UnitPrice,
                        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "no column"),
                    }
                ),
            field =>
                field switch
                {
                    RowField.Timestamp => "ts",
                    RowField.Quantity => "qty",
                    RowField.UnitPrice => "price",
                    _ => throw new ArgumentOutOfRangeException(nameof(field), field, "no typed value"),
                },
            "duplicate_of"
        );
        return TransactionRules
            .Checks(options, amount, bound[TransactionColumns.Quantity] is not null)
            .Select(c => c.ToRowCheck(SqlDialect.DuckDb, columns))
            .ToList();
    }

    /// <summary>
    /// Marks every exact duplicate (every column of the file equal, as read and trimmed) with the line of its first
    /// occurrence and lets the duplicates check take it when no earlier check did (the first failed check has the
    /// smallest index).
    /// </summary>
    private static void MarkDuplicates(TransactionStore store, StagedSource staged, IReadOnlyList<RowCheck> checks)
    {
        // Every column of the file: the mapped ones as staged, the amount when mapped, and all the others (_rest).
        var compared = TransactionColumns.All.Select(SqlText.Identifier).ToList();
        if (staged.Amount)
            compared.Add(SqlText.Identifier(TransactionColumns.Amount));
        compared.Add(SourceReader.RestColumn);
        var columns = string.Join(", ", compared);
        store.Execute(
            $"""
            CREATE OR REPLACE TABLE _tx_duplicates AS
            WITH candidates AS
                (SELECT h FROM (SELECT hash({columns}) AS h FROM {Staged}) GROUP BY h HAVING count(*) > 1)
            SELECT rn, first_rn FROM (
                SELECT rn, first_value(rn) OVER (PARTITION BY {columns} ORDER BY rn) AS first_rn
                FROM {Staged} WHERE hash({columns}) IN (SELECT h FROM candidates))
            WHERE rn <> first_rn
            """
        );
        if (store.Count("_tx_duplicates") == 0)
            return;
        var index = RowCheck.IndexesOf(checks, CleaningRuleNames.Duplicates).Trim('(', ')');
        store.Execute(
            $"""
            UPDATE {Staged} SET duplicate_of = d.line, {Check} = least(coalesce({Staged}.{Check}, 2147483647), {index})
            FROM ({staged.Lines.Lined(
                "SELECT rn AS duplicate_rn, first_rn FROM _tx_duplicates",
                "first_rn",
                keepOrder: false
            )}) d
            WHERE {Staged}.rn = d.duplicate_rn
            """
        );
    }

    /// <summary>The relation to read rows from and the SQL of their line number: inline on the staging table, or the
    /// staging table joined to the line lookup (not copied: at 100M lines a copy of the staged text is tens of
    /// GB).</summary>
    private static (string Relation, string Line) Lined(StagedSource staged) =>
        staged.Lines.Inline
            ? (Staged, staged.Lines.Expression("rn"))
            : ($"({staged.Lines.Lined($"SELECT * FROM {Staged}", "rn", keepOrder: false)}) lined", "line");

    private static void Insert(
        TransactionStore store,
        string table,
        string relation,
        string line,
        string where,
        string outlier
    )
    {
        string Text(string c) => SqlText.Identifier(c);
        store.Execute(
            $"""
            INSERT INTO {table}
            SELECT {line}, {Text(TransactionColumns.CustomerId)}, {Text(TransactionColumns.OrderId)}, ts,
                   {Text(TransactionColumns.ProductId)}, {Text(TransactionColumns.Category)}, qty, price,
                   {Text(TransactionColumns.Channel)}, {Text(TransactionColumns.BrandOrigin)}, {Text(
                TransactionColumns.PriceTier
            )},
                   {Text(TransactionColumns.Country)}, {Text(TransactionColumns.City)}, {outlier}
            FROM {relation} WHERE {where}
            """
        );
    }

    private static void InsertQuarantine(
        TransactionStore store,
        StagedSource staged,
        string relation,
        string line,
        IReadOnlyList<RowCheck> checks,
        IReadOnlyDictionary<string, int?> bound,
        SourceFile file
    )
    {
        var returns = RowCheck.IndexesOf(checks, CleaningRuleNames.Returns);
        var rawColumns = bound
            .Where(kv => kv.Value is not null)
            .OrderBy(kv => kv.Value)
            .Select(kv => SqlText.Identifier(kv.Key));
        var (header, delimiter) = (file.Header, file.Delimiter);
        var source = SqlText.Literal(Sources.Transactions);
        store.Execute(
            $"""
            INSERT INTO {TransactionStore.QuarantineTable}
                (line_number, reason, raw, source, rule, column_name, "value")
            SELECT {line}, {RowCheck.Pick(checks, Check, c => c.Reason)}, {RowCheck.RawLine(
                rawColumns,
                delimiter
            )}, {source},
                   {RowCheck.Pick(checks, Check, c => SqlText.Literal(c.Rule))},
                   {RowCheck.Pick(checks, Check, c => c.Column is null ? null : SqlText.Literal(c.Column))},
                   {RowCheck.Pick(checks, Check, c => c.Value)}
            FROM {relation} WHERE {Check} IS NOT NULL AND {Check} NOT IN {returns}
            """
        );
        InsertRejects(store, staged, Sources.Transactions, header, bound);
    }

    /// <summary>How the reason of a line DuckDB could not split into fields starts.</summary>
    internal const string MalformedReasonPrefix = "malformed line: ";

    /// <summary>
    /// Moves the malformed records of a staged source into quarantine, naming the column by its workspace name
    /// (<paramref name="bound"/>) or, for an unmapped column, by its header name.
    /// </summary>
    internal static void InsertRejects(
        TransactionStore store,
        StagedSource staged,
        string source,
        IReadOnlyList<string> header,
        IReadOnlyDictionary<string, int?> bound
    ) => InsertRejects(store, staged.RejectsTable, source, header, bound, null);

    /// <summary>
    /// <see cref="InsertRejects(TransactionStore, StagedSource, string, IReadOnlyList{string},
    /// IReadOnlyDictionary{string, int?})"/> from
    /// <paramref name="rejectsTable"/>; with <paramref name="lineMap"/> (a table of <c>staged_line, line</c>) the line
    /// numbers are mapped through it.
    /// </summary>
    internal static void InsertRejects(
        TransactionStore store,
        string rejectsTable,
        string source,
        IReadOnlyList<string> header,
        IReadOnlyDictionary<string, int?> bound,
        string? lineMap
    )
    {
        var names = Enumerable
            .Range(0, header.Count)
            .Select(i =>
                $" WHEN 'c{i}' THEN {SqlText.Literal(bound.FirstOrDefault(kv => kv.Value == i).Key ?? header[i])}"
            );
        var column = header.Count == 0 ? "column_name" : $"CASE column_name{string.Concat(names)} ELSE column_name END";
        store.Execute(
            $"""
            INSERT INTO {TransactionStore.QuarantineTable}
                (line_number, reason, raw, source, rule, column_name, "value")
            SELECT {(lineMap is null ? "line_number" : "m.line")}, {SqlText.Literal(
                MalformedReasonPrefix
            )} || lower(error_type) || ' (' || error_message || ')', raw,
                   {SqlText.Literal(source)}, {SqlText.Literal(CleaningRuleNames.Unparseable)}, {column}, NULL
            FROM {rejectsTable}{(lineMap is null ? "" : $" r JOIN {lineMap} m ON r.line_number = m.staged_line")}
            """
        );
    }

    internal static Dictionary<string, long> QuarantineCounts(TransactionStore store, string source)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using var command = store.Connection.CreateCommand();
        command.CommandText =
            $"SELECT rule, count(*) FROM {TransactionStore.QuarantineTable} WHERE source = "
            + $"{SqlText.Literal(source)} GROUP BY rule";
        using var reader = command.ExecuteReader();
        while (reader.Read())
            counts[reader.GetString(0)] = reader.GetInt64(1);
        return counts;
    }

    private static List<ColumnProfile> Profile(
        TransactionStore store,
        StagedSource staged,
        IReadOnlyDictionary<string, int?> bound,
        IReadOnlyList<string> header
    )
    {
        var typed = new Dictionary<string, (string Alias, string Type)>(StringComparer.Ordinal)
        {
            [TransactionColumns.Timestamp] = ("ts", "TIMESTAMP"),
            [TransactionColumns.Quantity] = ("qty", "DECIMAL(18,3)"),
            [TransactionColumns.UnitPrice] = ("price", "DECIMAL(18,4)"),
        };
        var columns = TransactionColumns
            .All.Select(c => new ProfiledColumn(
                c,
                bound[c] is { } i ? header[i] : null,
                typed.TryGetValue(c, out var t) ? t.Type : "VARCHAR",
                typed.TryGetValue(c, out var a) ? a.Alias : null
            ))
            .ToList();
        return ColumnProfiler.Profile(store, staged, columns);
    }

    private static void DropWorkTables(TransactionStore store) =>
        store.DropTables(["_tx_duplicates", .. SourceReader.WorkTables(Staged)]);
}
