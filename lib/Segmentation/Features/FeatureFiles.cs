using DuckDB.NET.Data;
using Segmentation.Common;
using Segmentation.Data.Loading;
using Segmentation.Data.Sql;

namespace Segmentation.Features;

/// <summary>
/// Writes a <see cref="CustomerFeatureSet"/> as files: the feature table (CSV and Parquet; customer_id then every
/// computable column, one row per customer in customer-id order) and the column dictionary (which features
/// were computed, which not and why). Same input, same bytes.
/// </summary>
public static class FeatureFiles
{
    /// <summary>File name of <see cref="WriteClvByChannelCsv"/>.</summary>
    public const string ClvByChannelFile = "clv_by_channel.csv";

    /// <summary>Header of <see cref="WriteClvByChannelCsv"/>.</summary>
    public const string ClvByChannelHeader =
        "acquisition_channel,customers,customers_without_clv,mean_acquisition_cost,mean_clv,clv_to_cac";

    /// <summary>
    /// Writes CLV against acquisition cost by acquisition channel (one row per channel, ordinal order; clv_to_cac empty
    /// when the mean cost is 0). Returns false and writes nothing when the set has no such table (no CLV, or no channel
    /// and cost in the customer table).
    /// </summary>
    public static bool WriteClvByChannelCsv(CustomerFeatureSet features, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(writer);
        if (features.Clv?.ByChannel is not { } channels)
            return false;
        Csv.WriteRow(writer, ClvByChannelHeader.Split(','));
        foreach (var c in channels)
        {
            Csv.WriteRow(
                writer,
                [
                    Csv.Field(c.Channel),
                    Csv.Count(c.Customers),
                    Csv.Count(c.CustomersWithoutClv),
                    Csv.Number(c.MeanAcquisitionCost),
                    Csv.Number(c.MeanClv),
                    c.ClvToCacRatio is { } ratio ? Csv.Number(ratio) : "",
                ]
            );
        }
        return true;
    }

    /// <summary>Header of <see cref="WriteColumnsCsv"/>.</summary>
    public const string ColumnsCsvHeader = "feature,kind,family,computed,description";

    /// <summary>Writes the feature table as CSV ("\n" line ends; numbers invariant, shortest round-trip; monetary with
    /// two or more decimals; empty = undefined).</summary>
    public static void WriteCsv(CustomerFeatureSet features, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(writer);
        var cells = Cells(features);
        Csv.WriteRow(writer, new[] { "customer_id" }.Concat(features.Columns.Select(c => Csv.Field(c.Name))));
        foreach (var row in features.Rows)
        {
            Csv.WriteRow(writer, new[] { Csv.Field(row.CustomerId) }.Concat(cells.Select(cell => cell(row))));
        }
    }

    /// <summary>Writes the feature table as a Parquet file (numeric columns DOUBLE, categorical VARCHAR, monetary
    /// DECIMAL(38,7)).</summary>
    public static void WriteParquet(CustomerFeatureSet features, string path)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(path);
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, "SET threads = 1");
        var columns = features.Columns;
        var types = columns.Select(c =>
            c.Name == FeatureCatalog.Monetary ? "DECIMAL(38,7)"
            : c.Kind == FeatureKind.Numeric ? "DOUBLE"
            : "VARCHAR"
        );
        Execute(
            connection,
            "CREATE TABLE features (customer_id VARCHAR, "
                + $"{string.Join(", ", columns.Zip(types, (c, t) => $"{FeatureQueries.Quote(c.Name)} {t}"))})"
        );
        var numeric = columns
            .Select(c =>
                c.Kind == FeatureKind.Numeric && c.Name != FeatureCatalog.Monetary
                    ? features.NumericReader(c.Name)
                    : null
            )
            .ToArray();
        var categorical = columns
            .Select(c => c.Kind == FeatureKind.Categorical ? features.CategoricalReader(c.Name) : null)
            .ToArray();
        using (var appender = connection.CreateAppender("features"))
        {
            foreach (var row in features.Rows)
            {
                var line = appender.CreateRow().AppendValue(row.CustomerId);
                for (var j = 0; j < columns.Count; j++)
                {
                    if (numeric[j] is { } n)
                        line = line.AppendValue(n(row));
                    else if (categorical[j] is { } c)
                        line = line.AppendValue(c(row));
                    else
                        line = line.AppendValue(row.Monetary);
                }
                line.EndRow();
            }
        }
        Execute(
            connection,
            $"COPY (SELECT * FROM features ORDER BY rowid) TO {SqlText.Literal(Path.GetFullPath(path))} "
                + "(FORMAT parquet)"
        );
    }

    /// <summary>Writes the column dictionary: every computed column, then every feature that could not be computed with
    /// the reason.</summary>
    public static void WriteColumnsCsv(CustomerFeatureSet features, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(writer);
        Csv.WriteRow(writer, ColumnsCsvHeader.Split(','));
        foreach (var c in features.Columns)
        {
            Csv.WriteRow(writer, [Csv.Field(c.Name), Kind(c.Kind), Family(c.Family), "yes", Csv.Field(c.Description)]);
        }
        foreach (var m in features.NotComputable)
        {
            var column = FeatureCatalog.Find(m.Name);
            Csv.WriteRow(
                writer,
                [
                    Csv.Field(m.Name),
                    column is null ? "" : Kind(column.Kind),
                    column is null ? Family(FeatureFamily.Attributes) : Family(column.Family),
                    "no",
                    Csv.Field("not computable: " + m.Reason),
                ]
            );
        }
    }

    private static Func<CustomerFeatures, string>[] Cells(CustomerFeatureSet features) =>
        features
            .Columns.Select(c =>
            {
                if (c.Name == FeatureCatalog.Monetary)
                    return f => Csv.Money(f.Monetary);
                if (c.Kind == FeatureKind.Numeric)
                {
                    var read = features.NumericReader(c.Name);
                    return f => Csv.Number(read(f));
                }
                var label = features.CategoricalReader(c.Name);
                return (Func<CustomerFeatures, string>)(f => Csv.Field(label(f)));
            })
            .ToArray();

    private static string Kind(FeatureKind kind) => kind == FeatureKind.Numeric ? "numeric" : "categorical";

    private static string Family(FeatureFamily family) => family.ToString().ToLowerInvariant();

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
