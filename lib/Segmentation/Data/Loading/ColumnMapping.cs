using System.Collections.ObjectModel;

namespace Segmentation.Data.Loading;

/// <summary>
/// Turns an export's own column names into the workspace schema: a map from workspace column
/// (<see cref="TransactionColumns"/> or <see cref="CustomerColumns"/>) to source column. Source names match the
/// header case-insensitively. Workspace columns that the mapping leaves out are NULL after loading.
/// </summary>
/// <param name="Name">Preset name (<c>workspace</c>, <c>online-retail</c>) or <c>custom</c>.</param>
/// <param name="Columns">Workspace column → source column.</param>
public sealed record ColumnMapping(string Name, IReadOnlyDictionary<string, string> Columns)
{
    /// <summary>Name of the preset that reads the workspace's own layout (the generator's files).</summary>
    public const string WorkspacePresetName = "workspace";

    /// <summary>Name of the preset that reads the UCI Online Retail export.</summary>
    public const string OnlineRetailPresetName = "online-retail";

    /// <summary>strptime formats tried first for the timestamp column (DuckDB syntax); empty uses the defaults only.</summary>
    public IReadOnlyList<string> TimestampFormats { get; init; } = [];

    /// <summary>The generator's layout: every column named as in <see cref="TransactionColumns"/>.</summary>
    public static ColumnMapping Workspace { get; } =
        new(WorkspacePresetName, Identity(TransactionColumns.All));

    /// <summary>
    /// UCI Online Retail (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country):
    /// InvoiceDate reads as M/d/yyyy H:mm; an InvoiceNo starting with C is a cancellation (see
    /// <see cref="Cleaning.CleaningOptions.CancellationPrefix"/>). Description has no workspace column and is dropped.
    /// </summary>
    public static ColumnMapping OnlineRetail { get; } = new(OnlineRetailPresetName, new ReadOnlyDictionary<string, string>(
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [TransactionColumns.OrderId] = "InvoiceNo",
            [TransactionColumns.ProductId] = "StockCode",
            [TransactionColumns.Quantity] = "Quantity",
            [TransactionColumns.Timestamp] = "InvoiceDate",
            [TransactionColumns.UnitPrice] = "UnitPrice",
            [TransactionColumns.CustomerId] = "CustomerID",
            [TransactionColumns.Country] = "Country",
        }))
    {
        TimestampFormats = ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S"],
    };

    /// <summary>The customer table in the workspace layout: every column named as in <see cref="CustomerColumns"/>.</summary>
    public static ColumnMapping CustomerWorkspace { get; } = new(WorkspacePresetName, Identity(CustomerColumns.All));

    /// <summary>Transaction presets, in the order <see cref="Detect"/> tries them.</summary>
    public static IReadOnlyList<ColumnMapping> Presets { get; } = [Workspace, OnlineRetail];

    /// <summary>The transaction preset called <paramref name="name"/>; throws <see cref="OptionsException"/> listing the presets otherwise.</summary>
    public static ColumnMapping Preset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Presets.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new OptionsException($"preset='{name}' is unknown; expected one of {string.Join(", ", Presets.Select(p => p.Name))}");
    }

    /// <summary>
    /// A custom mapping (workspace column → source column) over <paramref name="knownColumns"/> (default: the
    /// transaction columns). Workspace columns it does not name are read from a source column of the same name, if
    /// any. Throws <see cref="OptionsException"/> on an unknown workspace column.
    /// </summary>
    public static ColumnMapping Explicit(IReadOnlyDictionary<string, string> columns, IReadOnlyList<string>? knownColumns = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var known = knownColumns ?? TransactionColumns.All;
        var map = known.ToDictionary(c => c, c => c, StringComparer.Ordinal);
        foreach (var (target, source) in columns)
        {
            var key = target.Trim().ToLowerInvariant();
            if (!known.Contains(key))
                throw new OptionsException($"map column '{target}' is not a workspace column; expected one of {string.Join(", ", known)}");
            if (string.IsNullOrWhiteSpace(source))
                throw new OptionsException($"map column '{target}' has an empty source column name");
            map[key] = source.Trim();
        }
        return new ColumnMapping("custom", new ReadOnlyDictionary<string, string>(map));
    }

    /// <summary>
    /// Parses <c>customer_id=CustomerID,order_id=InvoiceNo</c> (the CLI's <c>--map</c>) into a custom mapping.
    /// </summary>
    public static ColumnMapping Parse(string text, IReadOnlyList<string>? knownColumns = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new OptionsException($"map='{text}' must be a list of workspace=source pairs, e.g. customer_id=CustomerID,order_id=InvoiceNo");
            pairs[part[..equals]] = part[(equals + 1)..];
        }
        return Explicit(pairs, knownColumns);
    }

    /// <summary>
    /// The first preset whose required source columns all appear in <paramref name="header"/>, or null when none fits.
    /// </summary>
    public static ColumnMapping? Detect(IReadOnlyList<string> header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return Presets.FirstOrDefault(p => p.MissingRequired(header, TransactionColumns.Required).Count == 0);
    }

    /// <summary>
    /// The workspace columns this mapping requires (from <paramref name="required"/>) whose source column is absent
    /// from <paramref name="header"/> or not mapped at all.
    /// </summary>
    public IReadOnlyList<string> MissingRequired(IReadOnlyList<string> header, IReadOnlyList<string> required)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(required);
        return required.Where(c => !Columns.TryGetValue(c, out var source) || IndexOf(header, source) < 0).ToList();
    }

    /// <summary>Position of <paramref name="column"/> in <paramref name="header"/> (case-insensitive), or -1.</summary>
    internal static int IndexOf(IReadOnlyList<string> header, string column)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], column, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ColumnMapping {Name}: {string.Join(", ", Columns.Select(kv => $"{kv.Key}={kv.Value}"))}";

    private static ReadOnlyDictionary<string, string> Identity(IEnumerable<string> columns) =>
        new(columns.ToDictionary(c => c, c => c, StringComparer.Ordinal));
}
