using System.Data.Common;
using System.Globalization;
using System.Numerics;
using Microsoft.Data.Analysis;

namespace Segmentation.Notebooks.Sql;

/// <summary>A SQL result (any <see cref="DbDataReader"/>) as a Microsoft.Data.Analysis <see cref="DataFrame"/>, one
/// typed column per result column.</summary>
internal static class DataFrameReader
{
    public static DataFrame Read(DbDataReader reader)
    {
        var count = reader.FieldCount;
        var values = Enumerable.Range(0, count).Select(_ => new List<object?>()).ToArray();
        while (reader.Read())
        {
            for (var i = 0; i < count; i++)
                values[i].Add(reader.IsDBNull(i) ? null : reader.GetValue(i));
        }
        var columns = new List<DataFrameColumn>(count);
        for (var i = 0; i < count; i++)
            columns.Add(Column(UniqueName(reader, i), reader.GetFieldType(i), values[i]));
        return new DataFrame(columns);
    }

    private static string UniqueName(DbDataReader reader, int index)
    {
        var name = reader.GetName(index);
        var earlier = Enumerable.Range(0, index).Count(i => reader.GetName(i) == name);
        return earlier == 0 ? name : string.Create(CultureInfo.InvariantCulture, $"{name}_{earlier + 1}");
    }

    private static DataFrameColumn Column(string name, Type type, List<object?> values)
    {
        if (type == typeof(bool))
            return new BooleanDataFrameColumn(name, values.Select(v => (bool?)v));
        if (type == typeof(sbyte))
            return new SByteDataFrameColumn(name, values.Select(v => (sbyte?)v));
        if (type == typeof(byte))
            return new ByteDataFrameColumn(name, values.Select(v => (byte?)v));
        if (type == typeof(short))
            return new Int16DataFrameColumn(name, values.Select(v => (short?)v));
        if (type == typeof(ushort))
            return new UInt16DataFrameColumn(name, values.Select(v => (ushort?)v));
        if (type == typeof(int))
            return new Int32DataFrameColumn(name, values.Select(v => (int?)v));
        if (type == typeof(uint))
            return new UInt32DataFrameColumn(name, values.Select(v => (uint?)v));
        if (type == typeof(long))
            return new Int64DataFrameColumn(name, values.Select(v => (long?)v));
        if (type == typeof(ulong))
            return new UInt64DataFrameColumn(name, values.Select(v => (ulong?)v));
        if (type == typeof(float))
            return new SingleDataFrameColumn(name, values.Select(v => (float?)v));
        if (type == typeof(double))
            return new DoubleDataFrameColumn(name, values.Select(v => (double?)v));
        if (type == typeof(decimal))
            return new DecimalDataFrameColumn(name, values.Select(v => (decimal?)v));
        if (type == typeof(DateTime))
            return new DateTimeDataFrameColumn(name, values.Select(v => (DateTime?)v));
        if (type == typeof(DateOnly))
            return new DateTimeDataFrameColumn(
                name,
                values.Select(v => v is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : (DateTime?)null)
            );
        if (type == typeof(BigInteger))
            return WideIntegers(name, values);
        return new StringDataFrameColumn(
            name,
            values.Select(v => v is null ? null : Convert.ToString(v, CultureInfo.InvariantCulture))
        );
    }

    /// <summary>DuckDB's HUGEINT (e.g. <c>sum</c> of integers): 64-bit when every value fits, else double.</summary>
    private static DataFrameColumn WideIntegers(string name, List<object?> values)
    {
        var fits = values.All(v => v is null || ((BigInteger)v >= long.MinValue && (BigInteger)v <= long.MaxValue));
        return fits
            ? new Int64DataFrameColumn(name, values.Select(v => v is null ? (long?)null : (long)(BigInteger)v))
            : new DoubleDataFrameColumn(name, values.Select(v => v is null ? (double?)null : (double)(BigInteger)v));
    }
}
