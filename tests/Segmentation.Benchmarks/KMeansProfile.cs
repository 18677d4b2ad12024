using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Segmentation.Segmenting;

namespace Segmentation.Benchmarks;

/// <summary>
/// A diagnostic: where a k-means fit spends its time. For each k, one restart of <see cref="KMeansSegmenter"/>
/// (ML.NET's trainer, then Lloyd refinement in double precision, then canonical numbering) next to ML.NET's trainer
/// alone with the same options, so the difference is the refinement and the conversions.
/// </summary>
public static class KMeansProfile
{
    /// <summary>The hidden sub-command name.</summary>
    public const string Name = "kmeans-profile";

    /// <summary>Prints one line per k: ML.NET alone, one full restart, the refinement iterations.</summary>
    public static int Run(Arguments options)
    {
        var x = MatrixCsv.Read(options.RequiredText("matrix"));
        var ks = (options.Text("k") ?? "2,6,10").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var rows = new List<Row>(x.Rows);
        for (var i = 0; i < x.Rows; i++)
        {
            var values = new float[x.ColumnCount];
            var row = x.Row(i);
            for (var j = 0; j < values.Length; j++) values[j] = (float)row[j];
            rows.Add(new Row { Features = values });
        }
        Console.WriteLine(FormattableString.Invariant($"{x.Rows} rows x {x.ColumnCount} columns"));
        foreach (var k in ks)
        {
            var watch = Stopwatch.StartNew();
            var context = new MLContext(42);
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, x.ColumnCount);
            var data = context.Data.LoadFromEnumerable(rows, schema);
            context.Clustering.Trainers.KMeans(new KMeansTrainer.Options
            {
                FeatureColumnName = "Features", NumberOfClusters = k, NumberOfThreads = 1, MaximumNumberOfIterations = 100,
            }).Fit(data);
            var mlnet = watch.Elapsed.TotalSeconds;

            watch.Restart();
            var model = new KMeansSegmenter(new KMeansOptions { Clusters = k, Restarts = 1 }).Fit(x);
            var full = watch.Elapsed.TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"k={k}: ML.NET trainer alone {mlnet:F2} s; KMeansSegmenter one restart {full:F2} s (refinement iterations {model.Iterations}, inertia {model.Inertia:F1})"));
        }
        return 0;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
