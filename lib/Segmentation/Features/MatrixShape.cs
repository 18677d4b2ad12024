using System.Globalization;

namespace Segmentation.Features;

/// <summary>
/// The shape checks and default row keys that every matrix (<see cref="FeatureMatrix"/>,
/// <see cref="Segmenting.CategoricalMatrix"/>) and every fitted model's table of centres share.
/// </summary>
internal static class MatrixShape
{
    /// <summary>"0", "1", …, <paramref name="count"/> − 1: the keys of rows without a customer id (cluster centres, a
    /// matrix built without keys).</summary>
    public static string[] OrdinalKeys(int count) =>
        Enumerable.Range(0, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>A copy of <paramref name="rowKeys"/>, checked to hold one key per row; the ordinal keys when
    /// null.</summary>
    public static string[] RowKeys(IReadOnlyList<string>? rowKeys, int rows)
    {
        if (rowKeys is not null && rowKeys.Count != rows)
            throw new OptionsException(FormattableString.Invariant($"rowKeys={rowKeys.Count} must equal rows={rows}"));
        return rowKeys?.ToArray() ?? OrdinalKeys(rows);
    }

    /// <summary>Throws <see cref="OptionsException"/> unless every row holds one value per column.</summary>
    public static void EnsureRowWidths<T>(IReadOnlyList<T[]> rows, int columns)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != columns)
                throw new OptionsException(
                    FormattableString.Invariant($"row {i} has {rows[i].Length} values; columns={columns}")
                );
        }
    }
}
