using System.Globalization;
using Segmentation.Common.Text;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Cleaning;

/// <summary>
/// What loading and cleaning a transaction log did: the accounting (rows_in = clean + returns + quarantined, checked
/// before this is returned), the rows each rule took, the outlier fences and the data-quality report. It holds
/// numbers only, never rows: the rows are in the store's tables.
/// </summary>
/// <param name="File">The file as given.</param>
/// <param name="Mapping">The column mapping used (given or detected).</param>
/// <param name="RowsIn">Records read (well-formed or malformed; blank lines are not records).</param>
/// <param name="Clean">Rows in the clean table.</param>
/// <param name="Returns">Rows in the returns table.</param>
/// <param name="Quarantined">Rows in quarantine from this file.</param>
/// <param name="Outliers">Clean rows flagged as outliers (kept).</param>
/// <param name="Thresholds">The outlier fences.</param>
/// <param name="Report">The data-quality report.</param>
public sealed record CleaningResult(
    string File,
    ColumnMapping Mapping,
    long RowsIn,
    long Clean,
    long Returns,
    long Quarantined,
    long Outliers,
    OutlierThresholds Thresholds,
    QualityReport Report
)
{
    /// <summary>Workspace columns the file provided (the others are NULL in every row).</summary>
    public IReadOnlyList<string> PresentColumns { get; init; } = [];

    /// <summary>Workspace columns the file lacks: features that need one should say so rather than fail.</summary>
    public IReadOnlyList<string> MissingColumns => TransactionColumns.All.Except(PresentColumns).ToList();

    /// <summary>Rows taken per rule, in the order the rules ran (then outliers, flagged).</summary>
    public IReadOnlyList<RuleOutcome> Rules => Report.Rules;

    /// <summary>Rows the rule called <paramref name="rule"/> took (0 when it did not run).</summary>
    public long RowsTakenBy(string rule) => Rules.Where(r => r.Rule == rule).Sum(r => r.Rows);

    /// <summary>
    /// Writes <c>clean.parquet</c>, <c>returns.parquet</c> (both in line-number order, as loading inserted them),
    /// <c>quarantine.csv</c> (source, line number, rule, reason, column, value, raw) and <c>quality.json</c> into
    /// <paramref name="directory"/>, which is created if needed. The customer report is included when given.
    /// (quality.html, the page for people, is rendered from <see cref="Reports"/> by the caller.)
    /// </summary>
    public void WriteOutputs(TransactionStore store, string directory, CustomerLoadResult? customers = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        string Target(string name) => SqlText.Literal(Path.Combine(directory, name));
        // Same rows, same bytes: the Parquet row groups follow the batches the copy reads, and a table inserted in
        // parallel is stored in row groups cut where the threads happened to cut them (two runs of the same 10M-line
        // load wrote different clean.parquet bytes). Read in line order on one thread, the batches are the sort's
        // fixed-size vectors, so the row groups are cut at the same rows every time.
        var threads = store.Scalar("SELECT current_setting('threads')");
        store.Execute("SET threads = 1");
        try
        {
            foreach (
                var (table, file) in new[]
                {
                    (TransactionStore.CleanTable, OutputFiles.Clean),
                    (TransactionStore.ReturnsTable, OutputFiles.Returns),
                }
            )
                store.Execute($"COPY (SELECT * FROM {table} ORDER BY line_number) TO {Target(file)} (FORMAT parquet)");
        }
        finally
        {
            store.Execute(
                FormattableString.Invariant($"SET threads = {Convert.ToInt64(threads, CultureInfo.InvariantCulture)}")
            );
        }
        WriteQuarantine(store, directory);
        System.IO.File.WriteAllText(
            Path.Combine(directory, OutputFiles.QualityJson),
            QualityReportWriter.ToJson(Reports(customers))
        );
    }

    /// <summary>The quality reports of this load: the transaction log's, then the customer table's when
    /// given.</summary>
    public IReadOnlyList<QualityReport> Reports(CustomerLoadResult? customers = null) =>
        customers is null ? [Report] : [Report, customers.Report];

    /// <summary>
    /// Writes the audit trail only: <c>quarantine.csv</c> and <c>quality.json</c> (what <c>seg rfm</c> keeps; the clean
    /// and returns tables may be empty after a streamed load). The directory is created if needed.
    /// </summary>
    public void WriteAudit(TransactionStore store, string directory)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        WriteQuarantine(store, directory);
        System.IO.File.WriteAllText(
            Path.Combine(directory, OutputFiles.QualityJson),
            QualityReportWriter.ToJson([Report])
        );
    }

    private static void WriteQuarantine(TransactionStore store, string directory) =>
        store.Execute(
            $"""
            COPY (SELECT source, line_number, rule, reason, column_name, "value", raw FROM
                {TransactionStore.QuarantineTable}
                  ORDER BY source = {SqlText.Literal(Sources.Customers)}, line_number, rule)
            TO {SqlText.Literal(
                Path.Combine(directory, OutputFiles.Quarantine)
            )} (FORMAT csv, HEADER true, DELIMITER ',')
            """
        );

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"CleaningResult: rows_in={RowsIn}, clean={Clean}, returns={Returns}, "
        )
        + string.Create(
            CultureInfo.InvariantCulture,
            $"quarantined={Quarantined}, outliers={Outliers} ({File}, mapping {Mapping.Name})"
        );

    /// <summary>"CleaningResult: rows_in=…, clean=…, …" in <paramref name="language"/> (default
    /// <see cref="Language.Current"/>).</summary>
    public string Summary(Language? language = null) =>
        (language ?? Language.Current).Format(
            "Summary_CleaningResult",
            RowsIn,
            Clean,
            Returns,
            Quarantined,
            Outliers,
            File,
            Mapping.Name
        );
}

/// <summary>The file names <see cref="CleaningResult.WriteOutputs"/> writes.</summary>
public static class OutputFiles
{
    /// <summary>Clean order lines.</summary>
    public const string Clean = "clean.parquet";

    /// <summary>Cancellations and returns.</summary>
    public const string Returns = "returns.parquet";

    /// <summary>Quarantined rows with line number, reason and raw values.</summary>
    public const string Quarantine = "quarantine.csv";

    /// <summary>The data-quality report as JSON.</summary>
    public const string QualityJson = "quality.json";

    /// <summary>The data-quality report as a self-contained HTML page.</summary>
    public const string QualityHtml = "quality.html";
}
