using System.Data.Common;
using System.Globalization;
using Segmentation.Common;
using Segmentation.Data;

namespace Segmentation.Features;

/// <summary>The attributes of one customer from the customer table; null where missing or absent.</summary>
internal sealed record CustomerAttributes(
    int? DaysSinceSignup,
    int? Age,
    string? Gender,
    string? Occupation,
    double? Income,
    string? City,
    int? CityTier,
    string? AcquisitionChannel,
    double? AcquisitionCost,
    string? Lifestyle,
    int? PriceSensitivity,
    int? Satisfaction,
    string? PurchaseDriver,
    double?[] ExtraNumeric,
    string?[] ExtraCategorical
);

/// <summary>
/// Reads the customer table (when one was loaded): which known columns hold data, the extra columns
/// passed through (numeric SQL types stay numeric, the rest become labels), and one row per customer.
/// </summary>
internal sealed class CustomerTableReader
{
    private static readonly string[] NumericTypePrefixes =
    [
        "TINYINT",
        "SMALLINT",
        "INTEGER",
        "BIGINT",
        "HUGEINT",
        "UTINYINT",
        "USMALLINT",
        "UINTEGER",
        "UBIGINT",
        "UHUGEINT",
        "FLOAT",
        "REAL",
        "DOUBLE",
        "DECIMAL",
    ];

    private CustomerTableReader() { }

    /// <summary>Known columns that hold at least one value.</summary>
    public HashSet<string> Available { get; } = new(StringComparer.Ordinal);

    /// <summary>Why each known column (other than the id) cannot be used.</summary>
    public Dictionary<string, string> Unavailable { get; } = new(StringComparer.Ordinal);

    /// <summary>Extra numeric columns: (name in the table, feature name).</summary>
    public List<(string Column, string Feature)> ExtraNumeric { get; } = [];

    /// <summary>Extra non-numeric columns: (name in the table, feature name).</summary>
    public List<(string Column, string Feature)> ExtraCategorical { get; } = [];

    /// <summary>Extra columns without any value: (feature name, reason).</summary>
    public List<(string Feature, string Reason)> EmptyExtras { get; } = [];

    /// <summary>Attributes by customer id.</summary>
    public Dictionary<string, CustomerAttributes> Rows { get; } = new(StringComparer.Ordinal);

    /// <summary>Reads the customer table of <paramref name="store"/>; with no such table every attribute is
    /// unavailable.</summary>
    public static CustomerTableReader Read(TransactionStore store, DateOnly asOf)
    {
        var reader = new CustomerTableReader();
        var columns = new List<(string Name, string Type)>();
        FeatureQueries.ForEachRow(
            store,
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = "
                + $"'{TransactionStore.CustomersTable}' ORDER BY ordinal_position",
            r => columns.Add((r.GetString(0), r.GetString(1)))
        );
        // The store keeps bookkeeping columns (the source line number) beside the customer's own.
        columns.RemoveAll(c => c.Name == TransactionColumns.LineNumber);
        var known = CustomerColumns.All.Where(c => c != CustomerColumns.CustomerId).ToArray();
        long rows = 0;
        if (columns.Count > 0)
            FeatureQueries.ForEachRow(store, $"SELECT count(*) FROM {TransactionStore.CustomersTable}", r =>
                rows = r.GetInt64(0)
            );
        if (columns.Count == 0 || rows == 0)
        {
            foreach (var c in known)
                reader.Unavailable[c] = "no customer table was loaded";
            return reader;
        }
        if (!columns.Any(c => c.Name == CustomerColumns.CustomerId))
            throw new SegmentationException($"the customer table has no '{CustomerColumns.CustomerId}' column");

        var extras = columns.Where(c => !CustomerColumns.All.Contains(c.Name)).ToList();
        var present = known.Where(c => columns.Any(t => t.Name == c)).ToList();
        var filled = FilledCounts(store, present.Concat(extras.Select(e => e.Name)).ToList());
        foreach (var c in known)
        {
            if (!present.Contains(c))
                reader.Unavailable[c] = $"the customer table has no '{c}' column";
            else if (filled[c] == 0)
                reader.Unavailable[c] = $"the customer table's '{c}' column is empty";
            else
                reader.Available.Add(c);
        }
        foreach (var (name, type) in extras)
        {
            var feature = FeatureCatalog.Find(name) is null ? name : "customer_" + name;
            if (filled[name] == 0)
                reader.EmptyExtras.Add((feature, $"the customer table's '{name}' column is empty"));
            else if (NumericTypePrefixes.Any(p => type.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
                reader.ExtraNumeric.Add((name, feature));
            else
                reader.ExtraCategorical.Add((name, feature));
        }
        reader.ReadRows(store, asOf);
        return reader;
    }

    private static Dictionary<string, long> FilledCounts(TransactionStore store, List<string> columns)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        if (columns.Count == 0)
            return counts;
        FeatureQueries.ForEachRow(
            store,
            $"SELECT {string.Join(", ", columns.Select(c => $"count({FeatureQueries.Quote(c)})"))} FROM "
                + $"{TransactionStore.CustomersTable}",
            r =>
            {
                for (var i = 0; i < columns.Count; i++)
                    counts[columns[i]] = FeatureQueries.ToLong(r, i);
            }
        );
        return counts;
    }

    private void ReadRows(TransactionStore store, DateOnly asOf)
    {
        string Column(string name, string type) =>
            Available.Contains(name) ? $"CAST({FeatureQueries.Quote(name)} AS {type})" : $"CAST(NULL AS {type})";
        var signup = Available.Contains(CustomerColumns.SignupDate)
            ? $"date_diff('day', CAST({FeatureQueries.Quote(CustomerColumns.SignupDate)} AS DATE), "
                + $"{FeatureQueries.DateLiteral(asOf)})"
            : "CAST(NULL AS BIGINT)";
        var select = new List<string>
        {
            FeatureQueries.Quote(CustomerColumns.CustomerId),
            signup,
            Column(CustomerColumns.Age, "INTEGER"),
            Column(CustomerColumns.Gender, "VARCHAR"),
            Column(CustomerColumns.Occupation, "VARCHAR"),
            Column(CustomerColumns.Income, "DOUBLE"),
            Column(CustomerColumns.City, "VARCHAR"),
            Column(CustomerColumns.CityTier, "INTEGER"),
            Column(CustomerColumns.AcquisitionChannel, "VARCHAR"),
            Column(CustomerColumns.AcquisitionCost, "DOUBLE"),
            Column(CustomerColumns.Lifestyle, "VARCHAR"),
            Column(CustomerColumns.PriceSensitivity, "INTEGER"),
            Column(CustomerColumns.Satisfaction, "INTEGER"),
            Column(CustomerColumns.PurchaseDriver, "VARCHAR"),
        };
        const int fixedColumns = 14;
        select.AddRange(ExtraNumeric.Select(e => $"CAST({FeatureQueries.Quote(e.Column)} AS DOUBLE)"));
        select.AddRange(ExtraCategorical.Select(e => $"CAST({FeatureQueries.Quote(e.Column)} AS VARCHAR)"));
        // Labels (gender, city, channel, …) repeat across millions of customers: one string per label.
        var labels = new TextPool();
        string? Text(DbDataReader r, int i) => Label(r, i) is { } text ? labels.Share(text) : null;
        FeatureQueries.ForEachRow(
            store,
            $"SELECT {string.Join(", ", select)} FROM {TransactionStore.CustomersTable}",
            r =>
            {
                if (r.IsDBNull(0))
                    throw new SegmentationException(
                        $"the customer table has a row without '{CustomerColumns.CustomerId}'"
                    );
                var id = r.GetString(0);
                var extraNumeric = new double?[ExtraNumeric.Count];
                for (var i = 0; i < extraNumeric.Length; i++)
                    extraNumeric[i] = Double(r, fixedColumns + i);
                var extraCategorical = new string?[ExtraCategorical.Count];
                for (var i = 0; i < extraCategorical.Length; i++)
                    extraCategorical[i] = Text(r, fixedColumns + ExtraNumeric.Count + i);
                var row = new CustomerAttributes(
                    Integer(r, 1),
                    Integer(r, 2),
                    Text(r, 3),
                    Text(r, 4),
                    Double(r, 5),
                    Text(r, 6),
                    Integer(r, 7),
                    Text(r, 8),
                    Double(r, 9),
                    Text(r, 10),
                    Integer(r, 11),
                    Integer(r, 12),
                    Text(r, 13),
                    extraNumeric,
                    extraCategorical
                );
                if (!Rows.TryAdd(id, row))
                    throw new SegmentationException(
                        $"the customer table has more than one row for customer_id '{id}'; expected one row "
                            + "per customer"
                    );
            }
        );
    }

    private static int? Integer(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);

    private static double? Double(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), CultureInfo.InvariantCulture);

    private static string? Label(DbDataReader r, int i)
    {
        if (r.IsDBNull(i))
            return null;
        var text = r.GetString(i).Trim();
        return text.Length == 0 ? null : text;
    }
}
