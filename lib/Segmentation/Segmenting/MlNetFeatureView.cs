using Microsoft.ML;
using Microsoft.ML.Data;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// A feature matrix as the read-only <see cref="IDataView"/> ML.NET trains on: one column "Features", a float32 vector
/// of the matrix's width, rows in matrix order. The float copy is made once, one array per row, and shared by every
/// restart (and thread): the getter hands out the row's own array instead of copying it into the caller's buffer.
/// ML.NET's k-means only reads the rows it is given and swaps buffers without writing into them (checked by a test
/// that fits and then compares the rows with the matrix), so the rows stay as built.
/// </summary>
internal sealed class MlNetFeatureView : IDataView
{
    /// <summary>The name of the one column.</summary>
    public const string FeaturesColumn = "Features";

    private readonly float[][] rows;
    private readonly int width;

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<
        FeatureMatrix,
        MlNetFeatureView
    > Views = new();

    /// <summary>The view of <paramref name="features"/>: built on first use and kept while the (immutable) matrix
    /// lives, so the fits of a k-scan share one copy.</summary>
    public static MlNetFeatureView For(FeatureMatrix features) =>
        Views.GetValue(features, static f => new MlNetFeatureView(f));

    /// <summary>Copies <paramref name="features"/> to float32.</summary>
    private MlNetFeatureView(FeatureMatrix features)
    {
        width = features.ColumnCount;
        rows = new float[features.Rows][];
        for (var i = 0; i < rows.Length; i++)
        {
            var source = features.Row(i);
            var row = rows[i] = new float[width];
            for (var j = 0; j < width; j++)
                row[j] = (float)source[j];
        }
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, width));
        Schema = builder.ToSchema();
    }

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => rows.Length;

    /// <summary>Row <paramref name="index"/> as handed to ML.NET (for the test that checks nothing wrote into
    /// it).</summary>
    internal ReadOnlySpan<float> Row(int index) => rows[index];

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this);

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(
        IEnumerable<DataViewSchema.Column> columnsNeeded,
        int n,
        Random? rand = null
    ) => [new Cursor(this)];

    private sealed class Cursor(MlNetFeatureView view) : DataViewRowCursor
    {
        private readonly long rows = view.rows.Length;
        private long position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => position;

        public override long Batch => 0;

        public override bool MoveNext() => ++position < rows;

        public override bool IsColumnActive(DataViewSchema.Column column) => column.Index == 0;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != 0 || typeof(TValue) != typeof(VBuffer<float>))
                throw new InvalidOperationException(
                    $"column {column.Name} of type {typeof(TValue).Name} is not in this view"
                );
            ValueGetter<VBuffer<float>> getter = Get;
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId id) => id = new DataViewRowId((ulong)position, 0);

        private void Get(ref VBuffer<float> value) => value = new VBuffer<float>(view.width, view.rows[position]);
    }
}
