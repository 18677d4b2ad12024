using System.Diagnostics;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Segmentation.Features;
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
        var restarts = (int)options.Integer("restarts", 3);
        var tolerances = (options.Text("tolerances") ?? "1e-7").Split(',').Select(t => float.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var iterations = (options.Text("iterations") ?? "100").Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        var rows = new List<Row>(x.Rows);
        for (var i = 0; i < x.Rows; i++)
        {
            var values = new float[x.ColumnCount];
            var row = x.Row(i);
            for (var j = 0; j < values.Length; j++) values[j] = (float)row[j];
            rows.Add(new Row { Features = values });
        }
        var flat = x.Values.ToArray().Select(v => (float)v).ToArray();
        Console.WriteLine(FormattableString.Invariant($"{x.Rows} rows x {x.ColumnCount} columns"));
        {
            var context = new MLContext(1);
            var schema = SchemaDefinition.Create(typeof(Row));
            schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, x.ColumnCount);
            IDataView data = options.Flag("fast") ? new FlatView(flat, x.ColumnCount) : context.Data.LoadFromEnumerable(rows, schema);
            for (var pass = 0; pass < 6; pass++)
            {
                var watch = CpuWatch.StartNew();
                using var cursor = data.GetRowCursor(data.Schema);
                var getter = cursor.GetGetter<VBuffer<float>>(data.Schema[0]);
                VBuffer<float> v = default;
                var sum = 0f;
                while (cursor.MoveNext()) { getter(ref v); sum += v.GetValues()[0]; }
                Console.WriteLine(FormattableString.Invariant($"one cursor pass: {watch.Elapsed.TotalMilliseconds:F1} ms"));
            }
        }
        foreach (var tolerance in tolerances)
        foreach (var maxIterations in iterations)
        {
            double totalMlNet = 0, totalRefine = 0;
            foreach (var k in ks)
            {
                double mlnet = 0, refine = 0, init = 0;
                var raws = new double[restarts];
                var refined = new double[restarts];
                var passes = new int[restarts];
                for (var r = 0; r < restarts; r++)
                {
                    var watch = CpuWatch.StartNew();
                    var context = new MLContext(1000 + r);
                    var initialised = 0.0;
                    context.Log += (_, e) => { if (e.Message.Contains("Centroids initialized", StringComparison.Ordinal)) initialised = watch.Elapsed.TotalSeconds; };
                    IDataView data;
                    if (options.Flag("fast")) data = new FlatView(flat, x.ColumnCount);
                    else
                    {
                        var schema = SchemaDefinition.Create(typeof(Row));
                        schema[0].ColumnType = new VectorDataViewType(NumberDataViewType.Single, x.ColumnCount);
                        data = context.Data.LoadFromEnumerable(rows, schema);
                    }
                    var model = context.Clustering.Trainers.KMeans(new KMeansTrainer.Options
                    {
                        FeatureColumnName = "Features", NumberOfClusters = k, NumberOfThreads = 1, MaximumNumberOfIterations = maxIterations,
                        OptimizationTolerance = tolerance,
                        InitializationAlgorithm = Enum.Parse<KMeansTrainer.InitializationAlgorithm>(options.Text("init") ?? "KMeansYinyang"),
                    }).Fit(data).Model;
                    mlnet += watch.Elapsed.TotalSeconds;
                    init += initialised;
                    VBuffer<float>[] centroids = [];
                    model.GetClusterCentroids(ref centroids, out _);
                    var c = new double[k * x.ColumnCount];
                    for (var a = 0; a < k; a++)
                    {
                        var values = centroids[a].DenseValues().ToArray();
                        for (var j = 0; j < x.ColumnCount; j++) c[a * x.ColumnCount + j] = values[j];
                    }
                    watch.Restart();
                    var labels = new int[x.Rows];
                    raws[r] = Assign(x, c, k, labels);
                    (refined[r], passes[r]) = options.Flag("no-refine") ? (raws[r], 0) : Refine(x, c, k, labels);
                    refine += watch.Elapsed.TotalSeconds;
                }
                var bestRaw = Array.IndexOf(raws, raws.Min());
                var bestRefined = Array.IndexOf(refined, refined.Min());
                totalMlNet += mlnet;
                totalRefine += refine;
                Console.WriteLine(FormattableString.Invariant(
                    $"k={k} tol={tolerance:G3} maxIter={maxIterations}: ML.NET {mlnet / restarts:F3} s/restart (init {init / restarts:F3}); refinement {refine / restarts:F3} s/restart, passes {string.Join(' ', passes)}; best refined {refined.Min():R} (restart {bestRefined}); best raw {raws.Min():R} (restart {bestRaw}, refined {refined[bestRaw]:R})"));
            }
            Console.WriteLine(FormattableString.Invariant($"tol={tolerance:G3} maxIter={maxIterations}: total ML.NET CPU {totalMlNet:F1} s, refinement {totalRefine:F1} s"));
        }
        return 0;
    }

    private static double Assign(FeatureMatrix x, double[] c, int k, int[] labels)
    {
        var d = x.ColumnCount;
        var total = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            var best = 0;
            var bestDistance = double.PositiveInfinity;
            for (var a = 0; a < k; a++)
            {
                var s = 0.0;
                for (var j = 0; j < d; j++) { var diff = row[j] - c[a * d + j]; s += diff * diff; }
                if (s < bestDistance) { bestDistance = s; best = a; }
            }
            labels[i] = best;
            total += bestDistance;
        }
        return total;
    }

    private static (double Inertia, int Passes) Refine(FeatureMatrix x, double[] c, int k, int[] labels)
    {
        var d = x.ColumnCount;
        var previous = new int[x.Rows];
        var passes = 1;
        var inertia = 0.0;
        while (passes < 100)
        {
            labels.CopyTo(previous, 0);
            var sums = new double[k * d];
            var counts = new int[k];
            for (var i = 0; i < x.Rows; i++)
            {
                var row = x.Row(i);
                for (var j = 0; j < d; j++) sums[labels[i] * d + j] += row[j];
                counts[labels[i]]++;
            }
            for (var a = 0; a < k; a++)
                if (counts[a] > 0)
                    for (var j = 0; j < d; j++) c[a * d + j] = sums[a * d + j] / counts[a];
            inertia = Assign(x, c, k, labels);
            passes++;
            if (labels.AsSpan().SequenceEqual(previous)) break;
        }
        return (inertia, passes);
    }

    private sealed class CpuWatch
    {
        private TimeSpan start;
        public static CpuWatch StartNew() => new() { start = Process.GetCurrentProcess().TotalProcessorTime };
        public void Restart() => start = Process.GetCurrentProcess().TotalProcessorTime;
        public TimeSpan Elapsed => Process.GetCurrentProcess().TotalProcessorTime - start;
    }

    private sealed class FlatView : IDataView
    {
        public FlatView(float[] values, int d) { Values = values; D = d; Schema = MakeSchema(d); }
        public float[] Values { get; }
        public int D { get; }
        public bool CanShuffle => false;
        public DataViewSchema Schema { get; }
        private static DataViewSchema MakeSchema(int d)
        {
            var b = new DataViewSchema.Builder();
            b.AddColumn("Features", new VectorDataViewType(NumberDataViewType.Single, d));
            return b.ToSchema();
        }
        public long? GetRowCount() => Values.Length / D;
        public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);
        public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

        private sealed class Cursor(FlatView view) : DataViewRowCursor
        {
            private long position = -1;
            private readonly long rows = view.Values.Length / view.D;
            public override DataViewSchema Schema => view.Schema;
            public override long Position => position;
            public override long Batch => 0;
            public override bool MoveNext() => ++position < rows;
            public override bool IsColumnActive(DataViewSchema.Column column) => true;
            public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
            {
                var d = view.D;
                ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> dst) =>
                {
                    var editor = VBufferEditor.Create(ref dst, d);
                    view.Values.AsSpan((int)position * d, d).CopyTo(editor.Values);
                    dst = editor.Commit();
                };
                return (ValueGetter<TValue>)(Delegate)getter;
            }
            public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)position, 0);
        }
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];
    }
}
