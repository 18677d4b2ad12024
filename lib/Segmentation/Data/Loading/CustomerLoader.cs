using System.Globalization;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Loading;

/// <summary>
/// Loads a customer table (CSV or Parquet, one row per customer) into the store's <c>customers</c> table:
/// customer_id required; the known columns of <see cref="CustomerColumns"/> typed; unknown columns passed through as
/// text. Rows with a missing id, an unreadable or out-of-range value, or an id seen on an earlier line go to
/// quarantine (source <c>customers</c>), so rows_in = loaded + quarantined.
/// </summary>
public static class CustomerLoader
{
    private const string Staged = "_cu_staged";
    private const string Classified = "_cu_classified";
    private const string Check = "check_id";

    /// <summary>The rules a customer row can be quarantined by, in the order the report lists them, with the resource
    /// key of their text.</summary>
    private static readonly (string Rule, string TextKey)[] QuarantineRules =
    [
        (CleaningRuleNames.MissingCustomerId, "Rule_MissingCustomerId"),
        (CleaningRuleNames.Unparseable, "Rule_CustomerUnparseable"),
        (CleaningRuleNames.OutOfRange, "Rule_OutOfRange"),
        (CleaningRuleNames.DuplicateCustomerId, "Rule_DuplicateCustomerId"),
    ];

    private static readonly (string Column, string Type, string Alias, string? Range)[] Typed =
    [
        (CustomerColumns.SignupDate, "DATE", "t_signup_date", null),
        (CustomerColumns.Age, "INTEGER", "t_age", "BETWEEN 0 AND 130"),
        (CustomerColumns.Income, "DECIMAL(18,2)", "t_income", ">= 0"),
        (CustomerColumns.CityTier, "INTEGER", "t_city_tier", ">= 1"),
        (CustomerColumns.AcquisitionCost, "DECIMAL(18,2)", "t_acquisition_cost", ">= 0"),
        (CustomerColumns.PriceSensitivity, "INTEGER", "t_price_sensitivity", "BETWEEN 1 AND 5"),
        (CustomerColumns.Satisfaction, "INTEGER", "t_satisfaction", "BETWEEN 1 AND 5"),
    ];

    /// <summary>
    /// Reads <paramref name="path"/> with <paramref name="mapping"/> (default: the workspace's customer column names)
    /// and replaces the store's customers table and customer quarantine. Uses the delimiter, timestamp formats and
    /// profiling switch of <paramref name="options"/>.
    /// </summary>
    public static CustomerLoadResult Load(
        TransactionStore store,
        string path,
        ColumnMapping? mapping = null,
        CleaningOptions? options = null
    )
    {
        options ??= CleaningOptions.Default;
        var (input, resolved, bound) = Open(store, path, mapping, options, CustomerColumns.All, "--customer-map");
        using var _ = input;
        mapping = resolved;
        var source = input.Source;
        var passthrough = PassthroughColumns(source.Header, bound);
        // Privacy: direct identifiers never enter the store unless the user keeps them explicitly.
        var dropped = DirectIdentifiers
            .Detect(passthrough.Select(p => source.Header[p.Index]).ToList())
            .Where(d => !options.KeepIdentifierColumns.Contains(d.Column, StringComparer.OrdinalIgnoreCase))
            .ToList();
        passthrough.RemoveAll(p => dropped.Any(d => d.Column == source.Header[p.Index]));

        var columns = CustomerColumns.All.Select(c => StagedColumn.Raw(c, bound[c])).ToList();
        columns.AddRange(passthrough.Select((p, i) => StagedColumn.Raw($"p{i}", p.Index)));
        var formats = options.TimestampFormats.Concat(CleaningOptions.DefaultTimestampFormats).ToList();
        foreach (var (column, type, alias, _) in Typed)
        {
            var text = SqlText.Identifier(column);
            columns.Add(
                StagedColumn.Computed(
                    alias,
                    type == "DATE"
                        ? $"coalesce(TRY_CAST({text} AS DATE), CAST(try_strptime({text}, "
                            + $"{SqlText.StringList(formats)}) AS DATE))"
                        : $"TRY_CAST({text} AS {type})"
                )
            );
        }
        columns.Add(StagedColumn.Computed("duplicate_of", "NULL::BIGINT"));
        // The columns left out (dropped identifiers) are read, so bad bytes in them are caught, but their text is not
        // kept.
        var staged = SourceReader.Stage(
            store,
            source,
            Staged,
            columns,
            LineNumbering.DefaultMaxInlineSteps,
            restValues: false
        );

        var checks = Checks();
        var lined = staged.Lines.Inline
            ? $"SELECT *, {staged.Lines.Expression("rn")} AS line FROM {Staged}"
            : staged.Lines.Lined($"SELECT * FROM {Staged}", "rn", keepOrder: true);
        store.Execute($"CREATE OR REPLACE TABLE _cu_lined AS {lined}");
        MarkDuplicates(store, checks);
        checks.Add(
            new RowCheck(
                CleaningRuleNames.DuplicateCustomerId,
                "duplicate_of IS NOT NULL",
                "'customer id already on line ' || CAST(duplicate_of AS VARCHAR)",
                CustomerColumns.CustomerId,
                SqlText.Identifier(CustomerColumns.CustomerId)
            )
        );
        store.Execute(
            $"CREATE OR REPLACE TEMP VIEW {Classified} AS SELECT *, {RowCheck.FirstFailed(checks)} AS "
                + $"{Check} FROM _cu_lined"
        );

        var passthroughSchema = string.Concat(passthrough.Select(p => $", {SqlText.Identifier(p.Name)} VARCHAR"));
        store.Execute(
            $"CREATE OR REPLACE TABLE {TransactionStore.CustomersTable} "
                + $"({TransactionStore.CustomerTableSchema}{passthroughSchema})"
        );
        var values = CustomerColumns.All.Select(c =>
            Typed.FirstOrDefault(t => t.Column == c) is { Alias: { } alias } ? alias : SqlText.Identifier(c)
        );
        var passthroughValues = passthrough.Select((_, i) => $", p{i}");
        store.Execute(
            $"INSERT INTO {TransactionStore.CustomersTable} SELECT line, "
                + $"{string.Join(", ", values)}{string.Concat(passthroughValues)} FROM {Classified} WHERE {Check} "
                + "IS NULL"
        );

        var quarantine = SqlText.Literal(Sources.Customers);
        store.Execute($"DELETE FROM {TransactionStore.QuarantineTable} WHERE source = {quarantine}");
        var rawColumns = CustomerColumns
            .All.Where(c => bound[c] is not null)
            .Select(c => (Index: bound[c]!.Value, Sql: SqlText.Identifier(c)))
            .Concat(passthrough.Select((p, i) => (p.Index, Sql: $"p{i}")))
            .OrderBy(x => x.Index)
            .Select(x => x.Sql);
        store.Execute(
            $"""
            INSERT INTO {TransactionStore.QuarantineTable}
                (line_number, reason, raw, source, rule, column_name, "value")
            SELECT line, {RowCheck.Pick(checks, Check, c => c.Reason)}, {RowCheck.RawLine(
                rawColumns,
                source.Delimiter
            )}, {quarantine},
                   {RowCheck.Pick(checks, Check, c => SqlText.Literal(c.Rule))},
                   {RowCheck.Pick(checks, Check, c => c.Column is null ? null : SqlText.Literal(c.Column))},
                   {RowCheck.Pick(checks, Check, c => c.Value)}
            FROM {Classified} WHERE {Check} IS NOT NULL
            """
        );
        var passthroughBound = passthrough.ToDictionary(p => p.Name, p => (int?)p.Index);
        TransactionLoader.InsertRejects(
            store,
            staged,
            Sources.Customers,
            source.Header,
            bound.Concat(passthroughBound).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)
        );
        if (dropped.Count > 0)
        {
            // A malformed line is kept as read, dropped identifiers included: its text is withheld, its number kept.
            var withheld =
                "(withheld: the line holds the dropped identifier columns "
                + $"{string.Join(", ", dropped.Select(d => d.Column))}; see its line number)";
            store.Execute(
                $"UPDATE {TransactionStore.QuarantineTable} SET raw = {SqlText.Literal(withheld)} "
                    + $"WHERE source = {quarantine} AND starts_with(reason, "
                    + $"{SqlText.Literal(TransactionLoader.MalformedReasonPrefix)}) AND raw IS NOT NULL"
            );
        }

        var (invalidLines, encodingMessage) = input.Finish(store, Sources.Customers);
        var loaded = store.Count(TransactionStore.CustomersTable);
        var quarantined = store.Count($"{TransactionStore.QuarantineTable} WHERE source = {quarantine}");
        if (staged.RowsIn != loaded + quarantined)
            throw new InvalidOperationException(
                FormattableString.Invariant(
                    $"accounting failed for {path}: rows_in={staged.RowsIn} but loaded={loaded} + "
                ) + FormattableString.Invariant($"quarantined={quarantined}")
            );

        var counts = TransactionLoader.QuarantineCounts(store, Sources.Customers);
        var rules = QuarantineRules
            .Select(r =>
                RuleOutcome.Of(r.Rule, RuleDestinations.Quarantine, counts.GetValueOrDefault(r.Rule), new(r.TextKey))
            )
            .ToList();
        var profile = options.ProfileColumns ? Profile(store, staged, bound, source.Header, passthrough) : [];
        var report = new QualityReport(
            path,
            Sources.Customers,
            mapping.Name,
            staged.PhysicalLines,
            staged.BlankLines,
            staged.RowsIn,
            loaded,
            0,
            quarantined,
            rules,
            profile
        )
        {
            Encoding = input.Encoding,
            InvalidEncodingLines = invalidLines,
            EncodingMessage = encodingMessage,
        };
        DropWorkTables(store);
        return new CustomerLoadResult(path, mapping, staged.RowsIn, loaded, quarantined, report)
        {
            PresentColumns = CustomerColumns.All.Where(c => bound[c] is not null).ToList(),
            PassthroughColumns = passthrough.Select(p => p.Name).ToList(),
            DroppedIdentifierColumns = dropped.Select(d => d.Column).ToList(),
        };
    }

    /// <summary>
    /// Checks the arguments of a customer-keyed load, opens the input (the mapping defaults to the workspace names)
    /// and binds the <paramref name="known"/> columns; errors name <paramref name="mapOption"/>.
    /// </summary>
    internal static (InputFile Input, ColumnMapping Mapping, IReadOnlyDictionary<string, int?> Bound) Open(
        TransactionStore store,
        string path,
        ColumnMapping? mapping,
        CleaningOptions options,
        IReadOnlyList<string> known,
        string mapOption
    )
    {
        ArgumentNullException.ThrowIfNull(store);
        options.Validate();
        var resolved = mapping ?? ColumnMapping.CustomerWorkspace;
        var input = InputFile.Open(store, path, options);
        try
        {
            return (
                input,
                resolved,
                TransactionLoader.Bind(resolved, input.Source, CustomerColumns.Required, known, mapOption)
            );
        }
        catch
        {
            input.Dispose();
            throw;
        }
    }

    /// <summary><paramref name="name"/>, or name_2, name_3 … when it is <paramref name="taken"/>; the name returned
    /// is taken from then on.</summary>
    internal static string UniqueName(string name, HashSet<string> taken)
    {
        var unique = name;
        for (var n = 2; taken.Contains(unique); n++)
            unique = FormattableString.Invariant($"{name}_{n}");
        taken.Add(unique);
        return unique;
    }

    private static List<RowCheck> Checks()
    {
        var checks = new List<RowCheck>
        {
            new(
                CleaningRuleNames.MissingCustomerId,
                $"{SqlText.Identifier(CustomerColumns.CustomerId)} IS NULL",
                "'missing customer id'",
                CustomerColumns.CustomerId,
                null
            ),
        };
        foreach (var (column, type, alias, _) in Typed)
        {
            var kind = type switch
            {
                "DATE" => "a date",
                "INTEGER" => "an integer",
                _ => "a number",
            };
            checks.Add(
                new(
                    CleaningRuleNames.Unparseable,
                    $"{SqlText.Identifier(column)} IS NOT NULL AND {alias} IS NULL",
                    SqlText.Literal($"not {kind}"),
                    column,
                    SqlText.Identifier(column)
                )
            );
        }
        foreach (var (column, _, alias, range) in Typed.Where(t => t.Range is not null))
        {
            checks.Add(
                new(
                    CleaningRuleNames.OutOfRange,
                    $"NOT ({alias} {range})",
                    SqlText.Literal(
                        $"{column.Replace('_', ' ')} must be "
                            + $"{range!.ToLowerInvariant().Replace(">=", "at least", StringComparison.Ordinal)}"
                    ),
                    column,
                    SqlText.Identifier(column)
                )
            );
        }
        return checks;
    }

    /// <summary>Marks rows whose customer id appeared on an earlier row that passes every other check.</summary>
    private static void MarkDuplicates(TransactionStore store, IReadOnlyList<RowCheck> checks)
    {
        var id = SqlText.Identifier(CustomerColumns.CustomerId);
        store.Execute(
            $"""
            CREATE OR REPLACE TABLE _cu_duplicates AS
            SELECT rn, first_line FROM (
                SELECT rn, line, first_value(line) OVER (PARTITION BY {id} ORDER BY rn) AS first_line
                FROM _cu_lined WHERE ({RowCheck.FirstFailed(checks)}) IS NULL)
            WHERE line <> first_line
            """
        );
        store.Execute(
            "UPDATE _cu_lined SET duplicate_of = d.first_line FROM _cu_duplicates d WHERE _cu_lined.rn = d.rn"
        );
    }

    /// <summary>Header columns that no known column is read from, named after the header (renamed when they
    /// clash).</summary>
    private static List<(string Name, int Index)> PassthroughColumns(
        IReadOnlyList<string> header,
        IReadOnlyDictionary<string, int?> bound
    )
    {
        var used = bound.Values.Where(i => i is not null).Select(i => i!.Value).ToHashSet();
        var taken = new HashSet<string>(
            CustomerColumns.All.Append(TransactionColumns.LineNumber),
            StringComparer.OrdinalIgnoreCase
        );
        var result = new List<(string, int)>();
        for (var i = 0; i < header.Count; i++)
        {
            if (used.Contains(i))
                continue;
            var name = header[i];
            if (taken.Contains(name))
                name += "_source";
            result.Add((UniqueName(name, taken), i));
        }
        return result;
    }

    private static List<ColumnProfile> Profile(
        TransactionStore store,
        StagedSource staged,
        IReadOnlyDictionary<string, int?> bound,
        IReadOnlyList<string> header,
        IReadOnlyList<(string Name, int Index)> passthrough
    )
    {
        var columns = CustomerColumns
            .All.Select(c =>
            {
                var typed = Typed.FirstOrDefault(t => t.Column == c);
                return new ProfiledColumn(
                    c,
                    bound[c] is { } i ? header[i] : null,
                    typed.Type ?? "VARCHAR",
                    typed.Alias
                );
            })
            .ToList();
        var profiles = ColumnProfiler.Profile(store, staged, columns);
        var extra = ColumnProfiler.Profile(
            store,
            staged,
            passthrough.Select((p, i) => new ProfiledColumn($"p{i}", header[p.Index], "VARCHAR", null)).ToList()
        );
        profiles.AddRange(extra.Select((p, i) => p with { Column = passthrough[i].Name }));
        return profiles;
    }

    private static void DropWorkTables(TransactionStore store)
    {
        store.Execute($"DROP VIEW IF EXISTS {Classified}");
        store.DropTables(["_cu_lined", "_cu_duplicates", .. SourceReader.WorkTables(Staged)]);
    }
}
