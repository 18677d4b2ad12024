using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Benchmarks;

/// <summary>
/// The standardised matrix both k-scan sides read, built once per log and cached next to it: `seg rfm` on the log,
/// then recency, frequency and monetary, each log1p and z-scored (<see cref="FeaturePipeline"/>), written round-trip.
/// </summary>
public static class FeatureExport
{
    /// <summary>The path of the matrix CSV of <paramref name="log"/>, built when missing.</summary>
    public static string Matrix(Workspace workspace, string log)
    {
        var directory = Path.GetDirectoryName(log)!;
        var path = Path.Combine(directory, "matrix-rfm.csv");
        if (File.Exists(path)) return path;

        var rfmDirectory = Path.Combine(directory, "rfm");
        Console.WriteLine($"computing the feature table of {log} ...");
        ChildProcess.Run("dotnet", [workspace.Seg, "rfm", "--input", log, "--preset", "online-retail", "--out", rfmDirectory], measure: false)
            .EnsureSucceeded("seg rfm");
        var rows = RfmFile.Read(Path.Combine(rfmDirectory, "rfm.csv")).OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var table = new FeatureTable(rows.Select(kv => kv.Key).ToArray())
            .WithNumeric("recency_days", rows.Select(kv => (double)kv.Value.RecencyDays).ToArray())
            .WithNumeric("frequency", rows.Select(kv => (double)kv.Value.Frequency).ToArray())
            .WithNumeric("monetary", rows.Select(kv => (double)kv.Value.Monetary).ToArray());
        var pipeline = new FeaturePipeline(table.NumericColumns.Select(c => ColumnSpec.Numeric(c, TransformStep.Log1p, TransformStep.ZScore)).ToArray());
        var matrix = pipeline.Fit(table).Transform(table);
        var partial = path + ".partial";
        MatrixCsv.Write(matrix, partial);
        File.Move(partial, path);
        return path;
    }
}
