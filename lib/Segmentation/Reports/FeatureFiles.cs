using Segmentation.Common;
using Segmentation.Data;
using Segmentation.Features;

namespace Segmentation.Reports;

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
        var columns = new List<ParquetColumn<CustomerFeatures>>
        {
            ParquetColumn<CustomerFeatures>.Text("customer_id", f => f.CustomerId),
        };
        columns.AddRange(features.Columns.Select(c => AsParquet(features, c)));
        ParquetFile.Write(path, columns, features.Rows);
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

    private static ParquetColumn<CustomerFeatures> AsParquet(CustomerFeatureSet features, FeatureColumn c) =>
        c.Name == FeatureCatalog.Monetary ? ParquetColumn<CustomerFeatures>.Decimal(c.Name, f => f.Monetary, scale: 7)
        : c.Kind == FeatureKind.Numeric ? ParquetColumn<CustomerFeatures>.Double(c.Name, features.NumericReader(c.Name))
        : ParquetColumn<CustomerFeatures>.Text(c.Name, features.CategoricalReader(c.Name));
}
