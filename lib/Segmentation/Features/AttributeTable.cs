using System.Globalization;
using Segmentation.Common;
using Segmentation.Data;
using Segmentation.Data.Loading;

namespace Segmentation.Features;

/// <summary>
/// The customer table (with the survey or form exports joined to it) as a feature table, for segmentation on
/// attributes and answers alone: one row per customer of the customer table, sorted by id; a column whose every value
/// is a number (a Likert scale, an age) is numeric, any other is categorical; dates and the
/// bookkeeping columns are left out. A survey answer missing for a customer is missing, never invented.
/// </summary>
public static class AttributeTable
{
    /// <summary>Reads the customer table of <paramref name="store"/>, with the survey answers <c>SurveyLoader.Join</c>
    /// added to it.</summary>
    public static FeatureTable Read(TransactionStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var customers = Columns(store, TransactionStore.CustomersTable);
        if (!customers.Any(c => c.Name == CustomerColumns.CustomerId))
            throw new SegmentationException($"the customer table has no '{CustomerColumns.CustomerId}' column");
        var ids = new List<string>();
        FeatureQueries.ForEachRow(
            store,
            $"SELECT DISTINCT CAST({CustomerColumns.CustomerId} AS VARCHAR) AS id FROM "
                + $"{TransactionStore.CustomersTable} WHERE {CustomerColumns.CustomerId} IS NOT NULL ORDER BY id",
            r => ids.Add(r.GetString(0))
        );
        if (ids.Count == 0)
            throw new SegmentationException("the customer table holds no customer");
        var table = new FeatureTable(ids.ToArray());
        var index = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        table = AddColumns(
            store,
            table,
            index,
            TransactionStore.CustomersTable,
            CustomerColumns.CustomerId,
            customers
                .Where(c => c.Name != CustomerColumns.CustomerId && c.Name != TransactionColumns.LineNumber)
                .ToList()
        );

        return table;
    }

    private static List<(string Name, string Type)> Columns(TransactionStore store, string table)
    {
        var columns = new List<(string Name, string Type)>();
        FeatureQueries.ForEachRow(
            store,
            $"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}' "
                + "ORDER BY ordinal_position",
            r => columns.Add((r.GetString(0), r.GetString(1)))
        );
        return columns;
    }

    private static FeatureTable AddColumns(
        TransactionStore store,
        FeatureTable table,
        Dictionary<string, int> index,
        string source,
        string id,
        List<(string Name, string Type)> columns
    )
    {
        var kept = columns
            .Where(c =>
                !c.Type.StartsWith("DATE", StringComparison.Ordinal)
                && !c.Type.StartsWith("TIME", StringComparison.Ordinal)
            )
            .ToList();
        if (kept.Count == 0)
            return table;
        var texts = kept.Select(_ => new string?[table.Rows]).ToArray();
        var select = string.Join(", ", kept.Select(c => $"CAST(\"{c.Name}\" AS VARCHAR)"));
        var labels = new TextPool();
        FeatureQueries.ForEachRow(store, $"SELECT CAST(\"{id}\" AS VARCHAR), {select} FROM {source}", r =>
        {
            if (r.IsDBNull(0) || !index.TryGetValue(r.GetString(0), out var row))
                return;
            for (var j = 0; j < kept.Count; j++)
            {
                if (!r.IsDBNull(j + 1) && r.GetString(j + 1).Trim() is { Length: > 0 } text)
                    texts[j][row] = labels.Share(text);
            }
        });
        for (var j = 0; j < kept.Count; j++)
        {
            // A column without a single value (a known column the file does not have) is no attribute; a column whose
            // every value is a number (a Likert scale, an age) is numeric, any other categorical.
            var present = texts[j].Where(v => v is not null).ToArray();
            if (present.Length == 0)
                continue;
            if (present.All(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
            {
                var numbers = texts[j]
                    .Select(v =>
                        v is null ? double.NaN : double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)
                    )
                    .ToArray();
                table = table.WithOwnColumn(kept[j].Name, numbers);
            }
            else
            {
                table = table.WithOwnColumn(kept[j].Name, texts[j]);
            }
        }
        return table;
    }
}
