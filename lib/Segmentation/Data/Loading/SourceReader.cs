using System.Globalization;
using System.Text;
using DuckDB.NET.Data;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Loading;

/// <summary>
/// One column of a staging table: a source column read as text, trimmed, empty as NULL (null index: absent, NULL), or a
/// SQL expression over the columns of earlier layers (layer 1 sees the raw columns, layer 2 also sees layer 1).
/// </summary>
/// <param name="Alias">Column name in the staging table.</param>
/// <param name="SourceIndex">Position of the source column in the header; null when the column is absent or
/// computed.</param>
/// <param name="Sql">SQL for computed columns; null for raw columns.</param>
/// <param name="Layer">0 for raw columns; 1, 2, … for computed ones.</param>
internal sealed record StagedColumn(string Alias, int? SourceIndex, string? Sql = null, int Layer = 0)
{
    /// <summary>A raw text column read from the source (NULL when <paramref name="index"/> is null).</summary>
    public static StagedColumn Raw(string alias, int? index) => new(alias, index);

    /// <summary>A column computed from the columns of earlier layers.</summary>
    public static StagedColumn Computed(string alias, string sql, int layer = 1) => new(alias, null, sql, layer);
}

/// <summary>
/// A source read into a DuckDB staging table: one row per well-formed record with its ordinal <c>rn</c> (1, 2, …
/// in file order), malformed records in a rejects table with their true physical line, and the numbering that
/// turns <c>rn</c> into the physical line.
/// </summary>
/// <param name="Table">Staging table (rn, then the staged columns).</param>
/// <param name="Rows">Well-formed records.</param>
/// <param name="RejectsTable">Malformed records: line_number, reason, column_name, raw.</param>
/// <param name="Rejected">Malformed records.</param>
/// <param name="PhysicalLines">Physical lines in the file (for Parquet: rows).</param>
/// <param name="BlankLines">Blank lines between records (skipped, not rows).</param>
/// <param name="Lines">rn → physical line.</param>
internal sealed record StagedSource(
    string Table,
    long Rows,
    string RejectsTable,
    long Rejected,
    long PhysicalLines,
    long BlankLines,
    LineNumbering Lines
)
{
    /// <summary>True when the staging table has the raw <c>amount</c> column (a line total instead of a unit
    /// price).</summary>
    public bool Amount { get; init; }

    /// <summary>Records read: well-formed plus malformed.</summary>
    public long RowsIn => Rows + Rejected;
}

/// <summary>
/// Reads CSV (DuckDB <c>read_csv</c>, every column as VARCHAR, parallel, rejects stored) or Parquet into a staging
/// table. All row work stays in DuckDB; the only C# pass over the file is <see cref="PhysicalLineScanner"/>,
/// which runs concurrently with the read and keeps nothing per record.
/// </summary>
internal static class SourceReader
{
    /// <summary>Stages <paramref name="source"/> into <paramref name="table"/>; throws
    /// <see cref="DataFormatException"/> for a header-only file.</summary>
    /// <remarks>
    /// With <paramref name="restValues"/> off, <see cref="RestColumn"/> holds only the lengths of the other columns:
    /// they are still read (and bad bytes rejected) but their text is not kept (the customer table's dropped
    /// identifiers).
    /// </remarks>
    public static StagedSource Stage(
        TransactionStore store,
        SourceFile source,
        string table,
        IReadOnlyList<StagedColumn> columns,
        int maxInlineSteps,
        bool restValues = true
    )
    {
        var rejectsTable = table + "_rejects";
        return source.Format == SourceFormat.Parquet
            ? StageParquet(store, source, table, rejectsTable, columns, restValues)
            : StageCsv(store, source, table, rejectsTable, columns, maxInlineSteps, restValues);
    }

    private static StagedSource StageCsv(
        TransactionStore store,
        SourceFile source,
        string table,
        string rejectsTable,
        IReadOnlyList<StagedColumn> columns,
        int maxInlineSteps,
        bool restValues
    )
    {
        var singleColumn = source.Header.Count == 1;
        var scan = Task.Run(() => PhysicalLineScanner.Scan(source.DataPath, source.Delimiter, singleColumn));

        var errors = table + "_reject_errors";
        var scans = table + "_reject_scans";
        store.Execute($"DROP TABLE IF EXISTS {errors}");
        store.Execute($"DROP TABLE IF EXISTS {scans}");
        var declared = string.Join(", ", source.Header.Select((_, i) => $"'c{i}': 'VARCHAR'"));
        var options = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"columns = {{{declared}}}, header = true, auto_detect = false")
            .Append(
                CultureInfo.InvariantCulture,
                $", delim = {SqlText.Literal(source.Delimiter.ToString())}, quote = '\"', escape = '\"'"
            )
            .Append(
                CultureInfo.InvariantCulture,
                $", encoding = {SqlText.Literal(source.Encoding)}, store_rejects = true"
            )
            .Append(
                CultureInfo.InvariantCulture,
                $", rejects_table = '{errors}', rejects_scan = '{scans}', max_line_size = 16777216"
            );
        if (source.LeadingBlankLines > 0)
            options.Append(CultureInfo.InvariantCulture, $", skip = {source.LeadingBlankLines}");
        // rn is the record's ordinal among the well-formed records. It is the table's row id + 1 (the table keeps the
        // order of the file: preserve_insertion_order), set after the read: row_number() OVER () here would be a
        // streaming window, which runs the read, the trims and the casts on one thread (about half the load's CPU
        // time).
        var reader = $"SELECT NULL::BIGINT AS rn, * FROM read_csv({SqlText.Literal(source.DataPath)}, {options})";
        try
        {
            CreateStaging(store, table, reader, columns, source.Header.Count, restValues, i => $"c{i}");
            store.Execute($"UPDATE {table} SET rn = rowid + 1");
        }
        catch (DuckDBException e)
        {
            scan.Wait();
            throw new DataFormatException(source.Path, "could not be read as CSV: " + SqlText.FirstLine(e.Message));
        }
        var layout = scan.GetAwaiter().GetResult();

        // DuckDB numbers a malformed record by the lines before it that start a record or are blank; the
        // continuation lines of quoted line breaks are what it leaves out, so adding them back gives the physical line.
        var toPhysical = LineNumbering.Create(
            store,
            table + "_continuations",
            layout.ContinuationLines,
            maxInlineSteps
        );
        store.Execute(
            $"""
            CREATE OR REPLACE TEMP TABLE {rejectsTable} AS
            {toPhysical.Lined($"""
                SELECT line AS duck_line,
                       first(error_type ORDER BY column_idx NULLS LAST, error_message) AS error_type,
                       first(error_message ORDER BY column_idx NULLS LAST, error_message) AS error_message,
                       first(column_name ORDER BY column_idx NULLS LAST, error_message) AS column_name,
                       trim(first(csv_line ORDER BY column_idx NULLS LAST, error_message), chr(13) || chr(10)) AS raw
                FROM {errors} GROUP BY line
                """, "duck_line", keepOrder: false)}
            """
        );
        store.Execute($"ALTER TABLE {rejectsTable} RENAME COLUMN line TO line_number");

        var rows = store.Count(table);
        var rejectedLines = new List<long>();
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = $"SELECT line_number FROM {rejectsTable} ORDER BY line_number";
            using var result = command.ExecuteReader();
            while (result.Read())
                rejectedLines.Add(result.GetInt64(0));
        }
        if (rows + rejectedLines.Count == 0)
            throw new DataFormatException(source.Path, "has a header but no data rows", line: source.HeaderLine);

        var excluded = layout.NonRecordLines().Concat(rejectedLines).Order().ToList();
        var expected = layout.TotalLines - excluded.Count;
        if (expected != rows)
            throw new DataFormatException(
                source.Path,
                FormattableString.Invariant(
                    $"line numbers could not be aligned: {layout.TotalLines} lines hold {expected} "
                ) + FormattableString.Invariant($"well-formed records by RFC 4180 quoting but the reader found {rows}"),
                expected: "consistently quoted fields (a quote opens a field only at its start, \"\" inside quotes)"
            );
        var lines = LineNumbering.Create(store, table + "_lines", excluded, maxInlineSteps);
        return new StagedSource(
            table,
            rows,
            rejectsTable,
            rejectedLines.Count,
            layout.TotalLines,
            layout.BlankLines.Count,
            lines
        );
    }

    private static StagedSource StageParquet(
        TransactionStore store,
        SourceFile source,
        string table,
        string rejectsTable,
        IReadOnlyList<StagedColumn> columns,
        bool restValues
    )
    {
        var reader =
            $"SELECT file_row_number + 1 AS rn, * FROM read_parquet({SqlText.Literal(source.DataPath)}, "
            + "file_row_number = true)";
        try
        {
            CreateStaging(store, table, reader, columns, source.Header.Count, restValues, i =>
                $"CAST({SqlText.Identifier(source.Header[i])} AS VARCHAR)"
            );
        }
        catch (DuckDBException e)
        {
            throw new DataFormatException(source.Path, "could not be read as Parquet: " + SqlText.FirstLine(e.Message));
        }
        store.Execute(
            $"CREATE OR REPLACE TEMP TABLE {rejectsTable} (line_number BIGINT, error_type VARCHAR, "
                + "error_message VARCHAR, column_name VARCHAR, raw VARCHAR)"
        );
        var rows = store.Count(table);
        if (rows == 0)
            throw new DataFormatException(source.Path, "has no rows");
        var lines = LineNumbering.Create(store, table + "_lines", []);
        return new StagedSource(table, rows, rejectsTable, 0, rows, 0, lines);
    }

    /// <summary>
    /// Staged column holding the trimmed values of every source column no staged column reads (a list, NULL when
    /// there are none): a record is read in full, so bad bytes anywhere are rejected, and exact duplicates compare
    /// every column of the file.
    /// </summary>
    public const string RestColumn = "_rest";

    private static string RestSql(
        IReadOnlyList<StagedColumn> columns,
        int headerCount,
        bool values,
        Func<int, string> sourceColumn
    )
    {
        var read = columns.Where(c => c.SourceIndex is not null).Select(c => c.SourceIndex!.Value).ToHashSet();
        var rest = Enumerable
            .Range(0, headerCount)
            .Where(i => !read.Contains(i))
            .Select(i =>
                values ? $"nullif(trim({sourceColumn(i)}), '')" : $"CAST(length({sourceColumn(i)}) AS VARCHAR)"
            )
            .ToList();
        return rest.Count == 0 ? "NULL::VARCHAR[]" : $"[{string.Join(", ", rest)}]";
    }

    private static void CreateStaging(
        TransactionStore store,
        string table,
        string reader,
        IReadOnlyList<StagedColumn> columns,
        int headerCount,
        bool restValues,
        Func<int, string> sourceColumn
    )
    {
        var raw = columns
            .Where(c => c.Sql is null)
            .Select(c =>
                c.SourceIndex is { } i
                    ? $"nullif(trim({sourceColumn(i)}), '') AS {SqlText.Identifier(c.Alias)}"
                    : $"NULL::VARCHAR AS {SqlText.Identifier(c.Alias)}"
            )
            .Append($"{RestSql(columns, headerCount, restValues, sourceColumn)} AS {RestColumn}");
        var sql = $"SELECT rn, {string.Join(", ", raw)} FROM ({reader})";
        foreach (var layer in columns.Where(c => c.Sql is not null).GroupBy(c => c.Layer).OrderBy(g => g.Key))
            sql =
                $"SELECT *, {string.Join(", ", layer.Select(c => $"{c.Sql} AS {SqlText.Identifier(c.Alias)}"))}"
                + $" FROM ({sql})";
        store.Execute($"CREATE OR REPLACE TABLE {table} AS {sql}");
    }

    /// <summary><paramref name="table"/> and the work tables <see cref="Stage"/> creates beside it (rejects, reader
    /// errors and scans, line numbering): what a loader drops when it is done.</summary>
    public static IEnumerable<string> WorkTables(string table) =>
        [
            table,
            table + "_rejects",
            table + "_lines",
            table + "_continuations",
            table + "_reject_errors",
            table + "_reject_scans",
        ];
}
