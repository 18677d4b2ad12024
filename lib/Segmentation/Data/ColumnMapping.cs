using System.Collections.ObjectModel;
using System.Text.Json;

namespace Segmentation.Data;

/// <summary>
/// Turns an export's own column names into the workspace schema: a map from workspace column
/// (<see cref="TransactionColumns"/> or <see cref="CustomerColumns"/>; for transactions also
/// <see cref="TransactionColumns.Amount"/>) to source column. A user's names match the header exactly after trimming;
/// a preset's match it case-insensitively. Workspace columns that the mapping leaves out are NULL after loading.
/// </summary>
/// <param name="Name">Preset name (<c>workspace</c>, <c>online-retail</c>) or <c>custom</c>.</param>
/// <param name="Columns">Workspace column → source column.</param>
public sealed record ColumnMapping(string Name, IReadOnlyDictionary<string, string> Columns)
{
    /// <summary>Name of the preset that reads the workspace's own layout (the generator's files).</summary>
    public const string WorkspacePresetName = "workspace";

    /// <summary>Name of the preset that reads the UCI Online Retail export.</summary>
    public const string OnlineRetailPresetName = "online-retail";

    /// <summary>Name of a mapping given by the user (<c>--map</c>, a map file,
    /// <see cref="From(ValueTuple{string, string}[])"/>).</summary>
    public const string CustomName = "custom";

    /// <summary>True when header text must match exactly (after trimming); presets match case-insensitively.</summary>
    public bool ExactNames { get; init; }

    /// <summary>Roles the user named; a named column missing from the header is an error, the others fall back to
    /// NULL.</summary>
    public IReadOnlyList<string> NamedRoles { get; init; } = [];

    /// <summary>strptime formats tried first for the timestamp column (DuckDB syntax); empty uses the defaults
    /// only.</summary>
    public IReadOnlyList<string> TimestampFormats { get; init; } = [];

    /// <summary>The generator's layout: every column named as in <see cref="TransactionColumns"/>.</summary>
    public static ColumnMapping Workspace { get; } = new(WorkspacePresetName, Identity(TransactionColumns.All));

    /// <summary>
    /// UCI Online Retail (InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country):
    /// InvoiceDate reads as M/d/yyyy H:mm; an InvoiceNo starting with C is a cancellation (see
    /// <see cref="Cleaning.CleaningOptions.CancellationPrefix"/>). Description has no workspace column and is dropped.
    /// </summary>
    public static ColumnMapping OnlineRetail { get; } =
        new(
            OnlineRetailPresetName,
            new ReadOnlyDictionary<string, string>(
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [TransactionColumns.OrderId] = "InvoiceNo",
                    [TransactionColumns.ProductId] = "StockCode",
                    [TransactionColumns.Quantity] = "Quantity",
                    [TransactionColumns.Timestamp] = "InvoiceDate",
                    [TransactionColumns.UnitPrice] = "UnitPrice",
                    [TransactionColumns.CustomerId] = "CustomerID",
                    [TransactionColumns.Country] = "Country",
                }
            )
        )
        {
            TimestampFormats = ["%m/%d/%Y %H:%M", "%m/%d/%Y %H:%M:%S"],
        };

    /// <summary>The customer table in the workspace layout: every column named as in
    /// <see cref="CustomerColumns"/>.</summary>
    public static ColumnMapping CustomerWorkspace { get; } = new(WorkspacePresetName, Identity(CustomerColumns.All));

    /// <summary>Transaction presets, in the order <see cref="Detect"/> tries them.</summary>
    public static IReadOnlyList<ColumnMapping> Presets { get; } = [Workspace, OnlineRetail];

    /// <summary>The transaction preset called <paramref name="name"/>; throws <see cref="OptionsException"/> listing
    /// the presets otherwise.</summary>
    public static ColumnMapping Preset(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Presets.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new OptionsException(
                $"preset='{name}' is unknown; expected one of {string.Join(", ", Presets.Select(p => p.Name))}"
            );
    }

    /// <summary>
    /// A custom mapping (role → header text) over <paramref name="knownColumns"/> (default: the transaction roles,
    /// <see cref="TransactionColumns.Roles"/>). Header text is matched exactly after trimming (any Unicode). Roles it
    /// does not name are read from a column of the same name, if any. Throws <see cref="OptionsException"/> on an
    /// unknown role, an empty column name or a role named twice.
    /// </summary>
    public static ColumnMapping Explicit(
        IReadOnlyDictionary<string, string> columns,
        IReadOnlyList<string>? knownColumns = null
    )
    {
        ArgumentNullException.ThrowIfNull(columns);
        return Explicit((IEnumerable<KeyValuePair<string, string>>)columns, knownColumns);
    }

    /// <summary><see cref="Explicit(IReadOnlyDictionary{string, string}, IReadOnlyList{string}?)"/> over pairs, which
    /// may name a role twice (an error).</summary>
    public static ColumnMapping Explicit(
        IEnumerable<KeyValuePair<string, string>> pairs,
        IReadOnlyList<string>? knownColumns = null
    )
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var known = knownColumns ?? TransactionColumns.Roles;
        var map = known.Where(c => c != TransactionColumns.Amount).ToDictionary(c => c, c => c, StringComparer.Ordinal);
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, column) in pairs)
        {
            var key = (role ?? "").Trim().ToLowerInvariant();
            if (!known.Contains(key))
                throw new OptionsException($"map: '{role}' is not a role; roles: {string.Join(", ", known)}");
            if (string.IsNullOrWhiteSpace(column))
                throw new OptionsException($"map: role '{key}' has an empty column name");
            if (named.TryGetValue(key, out var earlier))
                throw new OptionsException(
                    $"map: role '{key}' is mapped twice (to '{earlier}' and '{column.Trim()}'); map each role once"
                );
            named[key] = column.Trim();
            map[key] = column.Trim();
        }
        if (named.ContainsKey(TransactionColumns.Amount) && !named.ContainsKey(TransactionColumns.UnitPrice))
            map.Remove(TransactionColumns.UnitPrice);
        return new ColumnMapping(CustomName, new ReadOnlyDictionary<string, string>(map))
        {
            ExactNames = true,
            NamedRoles = named.Keys.ToList(),
        };
    }

    /// <summary>
    /// A transaction mapping from (role, column) pairs, for notebooks:
    /// <c>ColumnMapping.From(("customer_id", "会员ID"), ("order_id", "订单号"))</c>.
    /// </summary>
    public static ColumnMapping From(params (string Role, string Column)[] pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return Explicit(pairs.Select(p => KeyValuePair.Create(p.Role, p.Column)));
    }

    /// <summary>A transaction mapping from a role → column dictionary (the shape of a map file).</summary>
    public static ColumnMapping From(IReadOnlyDictionary<string, string> columns) => Explicit(columns);

    /// <summary>
    /// Parses <c>customer_id=CustomerID,order_id=InvoiceNo</c> (the CLI's <c>--map</c>) into a custom mapping.
    /// </summary>
    public static ColumnMapping Parse(string text, IReadOnlyList<string>? knownColumns = null) =>
        Explicit(ParsePairs(text), knownColumns);

    /// <summary>Reads a map file (JSON object of role → column, e.g. <c>{"customer_id": "会员ID"}</c>) into a custom
    /// mapping.</summary>
    public static ColumnMapping FromFile(string path, IReadOnlyList<string>? knownColumns = null) =>
        Explicit(ReadPairs(path), knownColumns);

    /// <summary>
    /// The mapping of the CLI's <c>--map TEXT</c> and <c>--map-file FILE</c> together (a role named in both is named
    /// twice, an error); null when neither is given.
    /// </summary>
    public static ColumnMapping? FromOptions(string? text, string? file, IReadOnlyList<string>? knownColumns = null)
    {
        if (text is null && file is null)
            return null;
        var pairs = new List<KeyValuePair<string, string>>();
        if (file is not null)
            pairs.AddRange(ReadPairs(file));
        if (text is not null)
            pairs.AddRange(ParsePairs(text));
        return Explicit(pairs, knownColumns);
    }

    /// <summary>The role=column pairs of <paramref name="text"/>, in order (a column name may hold '=': the first one
    /// splits).</summary>
    internal static List<KeyValuePair<string, string>> ParsePairs(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new OptionsException(
                    $"map='{text}' must be a list of role=column pairs, e.g. customer_id=CustomerID,order_id=InvoiceNo"
                );
            pairs.Add(KeyValuePair.Create(part[..equals].Trim(), part[(equals + 1)..].Trim()));
        }
        return pairs;
    }

    /// <summary>The role → column pairs of a JSON map file, in order (duplicate keys kept, so that they are
    /// reported).</summary>
    internal static List<KeyValuePair<string, string>> ReadPairs(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            throw new OptionsException($"map-file='{path}' does not exist");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new OptionsException($"map-file='{path}' is not valid JSON: {e.Message.Split('\n')[0]}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new OptionsException(
                    $"map-file='{path}' must hold one JSON object of role → column, e.g. {{\"customer_id\": \"会员ID\"}}"
                );
            var pairs = new List<KeyValuePair<string, string>>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String)
                    throw new OptionsException(
                        $"map-file='{path}': role '{property.Name}' must name a column as a JSON string"
                    );
                pairs.Add(KeyValuePair.Create(property.Name, property.Value.GetString()!));
            }
            return pairs;
        }
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
        return required
            .Where(c => !Columns.TryGetValue(c, out var source) || Positions(header, source).Count == 0)
            .ToList();
    }

    /// <summary>
    /// Positions (0-based) of <paramref name="column"/> in <paramref name="header"/>: exact matches (ordinal) and,
    /// unless <see cref="ExactNames"/>, case-insensitive ones when there is no exact match.
    /// </summary>
    internal List<int> Positions(IReadOnlyList<string> header, string column)
    {
        var exact = new List<int>();
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], column, StringComparison.Ordinal))
                exact.Add(i);
        }
        if (exact.Count > 0 || ExactNames)
            return exact;
        var folded = new List<int>();
        for (var i = 0; i < header.Count; i++)
        {
            if (string.Equals(header[i], column, StringComparison.OrdinalIgnoreCase))
                folded.Add(i);
        }
        return folded;
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"ColumnMapping {Name}: {string.Join(", ", Columns.Select(kv => $"{kv.Key}={kv.Value}"))}";

    private static ReadOnlyDictionary<string, string> Identity(IEnumerable<string> columns) =>
        new(columns.ToDictionary(c => c, c => c, StringComparer.Ordinal));
}
