using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Benchmarks;

/// <summary>
/// The standardised matrix both k-scan sides read, built once per log and cached next to it: the log is loaded and
/// cleaned, the customer features computed (<see cref="CustomerFeatureSet"/>), and <see cref="Columns"/> (those defined
/// for every customer) each log1p-transformed and z-scored (<see cref="FeaturePipeline"/>); values written round-trip.
/// </summary>
public static class FeatureExport
{
    /// <summary>Behaviour and value features an online-retail log defines for every buying customer.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        FeatureCatalog.RecencyDays,
        FeatureCatalog.Frequency,
        FeatureCatalog.Monetary,
        FeatureCatalog.TenureDays,
        FeatureCatalog.ActiveMonths,
        FeatureCatalog.AverageOrderValue,
        FeatureCatalog.AverageItemsPerOrder,
        FeatureCatalog.RevenuePerMonth,
    ];

    /// <summary>The path of the matrix CSV of <paramref name="log"/>, built when missing.</summary>
    public static string Matrix(string log)
    {
        var path = Path.Combine(Path.GetDirectoryName(log)!, "matrix-features.csv");
        if (File.Exists(path))
            return path;

        Console.WriteLine($"computing the feature matrix of {log} ...");
        using var store = TransactionStore.Open(new StoreOptions());
        TransactionLoader.Load(store, log, ColumnMapping.OnlineRetail, new CleaningOptions { ProfileColumns = false });
        var features = CustomerFeatureSet.Compute(store);
        var table = features.ToFeatureTable(Columns);
        var pipeline = new FeaturePipeline(
            Columns.Select(c => ColumnSpec.Numeric(c, TransformStep.Log1p, TransformStep.ZScore)).ToArray()
        );
        var matrix = pipeline.Fit(table).Transform(table);
        var partial = path + ".partial";
        MatrixCsv.Write(matrix, partial);
        File.Move(partial, path, overwrite: true);
        Console.WriteLine($"  {matrix}");
        return path;
    }
}
