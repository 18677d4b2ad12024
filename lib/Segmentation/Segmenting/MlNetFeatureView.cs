using Microsoft.ML;
using Microsoft.ML.Data;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// A feature matrix as the read-only <see cref="IDataView"/> ML.NET trains on: one column "Features", a float32 vector
/// of the matrix's width, rows in matrix order. The float copy is made once and shared by every restart (and thread):
/// each cursor only reads it.
/// </summary>
internal sealed class MlNetFeatureView : IDataView
{
    /// <summary>The name of the one column.</summary>
    public const string FeaturesColumn = "Features";

    private readonly float[] values;
    private readonly int width;

    /// <summary>Copies <paramref name="features"/> to float32.</summary>
    public MlNetFeatureView(FeatureMatrix features)
    {
        width = features.ColumnCount;
        var source = features.Values;
        values = new float[source.Length];
        for (var i = 0; i < source.Length; i++) values[i] = (float)source[i];
        var builder = new DataViewSchema.Builder();
        builder.AddColumn(FeaturesColumn, new VectorDataViewType(NumberDataViewType.Single, width));
        Schema = builder.ToSchema();
    }

    /// <inheritdoc/>
    public bool CanShuffle => false;

    /// <inheritdoc/>
    public DataViewSchema Schema { get; }

    /// <inheritdoc/>
    public long? GetRowCount() => values.Length / width;

    /// <inheritdoc/>
    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) => new Cursor(this);

    /// <inheritdoc/>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) => [new Cursor(this)];

    private sealed class Cursor(MlNetFeatureView view) : DataViewRowCursor
    {
        private readonly long rows = view.values.Length / view.width;
        private long position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => position;

        public override long Batch => 0;

        public override bool MoveNext() => ++position < rows;

        public override bool IsColumnActive(DataViewSchema.Column column) => column.Index == 0;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != 0 || typeof(TValue) != typeof(VBuffer<float>))
                throw new InvalidOperationException($"column {column.Name} of type {typeof(TValue).Name} is not in this view");
            ValueGetter<VBuffer<float>> getter = Get;
            return (ValueGetter<TValue>)(Delegate)getter;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = new DataViewRowId((ulong)position, 0);

        private void Get(ref VBuffer<float> value)
        {
            var editor = VBufferEditor.Create(ref value, view.width);
            view.values.AsSpan((int)(position * view.width), view.width).CopyTo(editor.Values);
            value = editor.Commit();
        }
    }
}
