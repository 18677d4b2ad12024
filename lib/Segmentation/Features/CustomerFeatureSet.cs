using System.Globalization;
using Segmentation.Common.Text;
using Segmentation.Data;

namespace Segmentation.Features;

/// <summary>A feature that could not be computed for this data set, and why.</summary>
/// <param name="Name">Feature column name.</param>
/// <param name="Reason">Why, e.g. "the transaction log has no 'channel' value on or before 2011-12-10".</param>
public sealed record NotComputableFeature(string Name, string Reason);

/// <summary>
/// The features of every customer with a purchase on or before <see cref="AsOf"/>: one typed
/// <see cref="CustomerFeatures"/> row per customer (sorted by customer id, ordinal), the computable
/// columns by kind, and the features that could not be computed with the reason. Immutable.
/// </summary>
public sealed class CustomerFeatureSet
{
    private readonly Dictionary<string, Func<CustomerFeatures, double?>> numeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<CustomerFeatures, string>> categorical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> notComputable = new(StringComparer.Ordinal);

    internal CustomerFeatureSet(
        DateOnly asOf,
        IReadOnlyList<CustomerFeatures> rows,
        IReadOnlyDictionary<string, string> unavailableSources,
        CustomerTableReader customers,
        TierCuts? incomeBands,
        FeatureOptions options,
        int customersWithoutPurchases,
        ClvValueDimension? clv
    )
    {
        Clv = clv;
        AsOf = asOf;
        Rows = rows;
        IncomeBands = incomeBands;
        PreferenceShare = options.PreferenceShare;
        AgeBands =
            FormattableString.Invariant(
                $"young: age < {options.YoungBelowAge}; middle-aged: {options.YoungBelowAge} <= age < "
            ) + FormattableString.Invariant($"{options.SeniorFromAge}; senior: age >= {options.SeniorFromAge}");
        CustomersWithoutPurchases = customersWithoutPurchases;

        var columns = new List<FeatureColumn>();
        var missing = new List<NotComputableFeature>();
        foreach (var definition in FeatureCatalog.Definitions.All)
        {
            var reasons = definition.Sources.Select(s => unavailableSources.GetValueOrDefault(s)).ToList();
            if (definition.Sources.Length > 0 && reasons.All(r => r is not null))
            {
                missing.Add(new NotComputableFeature(definition.Column.Name, string.Join("; ", reasons.Distinct())));
                continue;
            }
            columns.Add(definition.Column);
            if (definition.Numeric is { } n)
                numeric[definition.Column.Name] = n;
            if (definition.Categorical is { } c)
                categorical[definition.Column.Name] = c;
        }
        for (var i = 0; i < customers.ExtraNumeric.Count; i++)
        {
            var index = i;
            numeric[AddAttribute(columns, customers.ExtraNumeric[i], FeatureKind.Numeric)] = f => f.ExtraNumeric[index];
        }
        for (var i = 0; i < customers.ExtraCategorical.Count; i++)
        {
            var index = i;
            categorical[AddAttribute(columns, customers.ExtraCategorical[i], FeatureKind.Categorical)] = f =>
                f.ExtraCategorical[index];
        }
        missing.AddRange(customers.EmptyExtras.Select(e => new NotComputableFeature(e.Feature, e.Reason)));
        foreach (var m in missing)
            notComputable[m.Name] = m.Reason;

        Columns = columns;
        NotComputable = missing;
        NumericColumns = columns.Where(c => c.Kind == FeatureKind.Numeric).Select(c => c.Name).ToArray();
        CategoricalColumns = columns.Where(c => c.Kind == FeatureKind.Categorical).Select(c => c.Name).ToArray();
        ExtraNumericColumns = customers.ExtraNumeric.Select(e => e.Feature).ToArray();
        ExtraCategoricalColumns = customers.ExtraCategorical.Select(e => e.Feature).ToArray();
    }

    /// <summary>Adds the feature column of a customer-table column passed through as a feature; returns its
    /// name.</summary>
    private static string AddAttribute(
        List<FeatureColumn> columns,
        (string Column, string Feature) extra,
        FeatureKind kind
    )
    {
        columns.Add(
            new FeatureColumn(extra.Feature, kind, FeatureFamily.Attributes, $"customer table column '{extra.Column}'")
        );
        return extra.Feature;
    }

    /// <summary>Computes the features from the store's clean, returns and (when loaded) customers tables.</summary>
    public static CustomerFeatureSet Compute(TransactionStore store, FeatureOptions? options = null) =>
        CustomerFeatureBuilder.Build(FeatureSource.Of(store), store, options ?? new FeatureOptions());

    /// <summary>
    /// Computes the features from the lines of <paramref name="source"/> (in DuckDB or in a warehouse such as
    /// ClickHouse: only one row per customer comes back) and the customer table of <paramref name="store"/>, when one
    /// is loaded.
    /// </summary>
    public static CustomerFeatureSet Compute(
        FeatureSource source,
        TransactionStore store,
        FeatureOptions? options = null
    ) => CustomerFeatureBuilder.Build(source, store, options ?? new FeatureOptions());

    /// <summary>The as-of date: lines dated on or before it were used.</summary>
    public DateOnly AsOf { get; }

    /// <summary>One row per customer, sorted by customer id (ordinal).</summary>
    public IReadOnlyList<CustomerFeatures> Rows { get; }

    /// <summary>The computable feature columns (built-in, then extra customer-table columns), in output
    /// order.</summary>
    public IReadOnlyList<FeatureColumn> Columns { get; }

    /// <summary>Names of the computable numeric features.</summary>
    public IReadOnlyList<string> NumericColumns { get; }

    /// <summary>Names of the computable categorical features.</summary>
    public IReadOnlyList<string> CategoricalColumns { get; }

    /// <summary>Features that could not be computed for this data, each with the reason.</summary>
    public IReadOnlyList<NotComputableFeature> NotComputable { get; }

    /// <summary>Feature names of the extra numeric customer-table columns (passed through; prefixed "customer_" if a
    /// built-in has the name).</summary>
    public IReadOnlyList<string> ExtraNumericColumns { get; }

    /// <summary>Feature names of the extra non-numeric customer-table columns.</summary>
    public IReadOnlyList<string> ExtraCategoricalColumns { get; }

    /// <summary>Income band cut points (low / middle / high), or null when income is not computable.</summary>
    public TierCuts? IncomeBands { get; }

    /// <summary>The age band rule.</summary>
    public string AgeBands { get; }

    /// <summary>Share of spend from which a preference label is given.</summary>
    public double PreferenceShare { get; }

    /// <summary>
    /// The CLV models, tiers and CLV against acquisition cost by channel behind the clv, p_alive, clv_tier and clv_net
    /// features; null when CLV was not requested or could not be fitted (<see cref="NotComputable"/> says why).
    /// </summary>
    public ClvValueDimension? Clv { get; }

    /// <summary>Customers in the customer table without any purchase on or before the as-of date (they have no
    /// row).</summary>
    public int CustomersWithoutPurchases { get; }

    /// <summary>The values of a computable numeric feature, one per row (null where undefined for the
    /// customer).</summary>
    public double?[] Numeric(string column) => Rows.Select(NumericReader(column)).ToArray();

    /// <summary>The labels of a computable categorical feature, one per row.</summary>
    public string[] Categorical(string column) => Rows.Select(CategoricalReader(column)).ToArray();

    /// <summary>True when <paramref name="column"/> was computed (numeric or categorical).</summary>
    public bool IsComputable(string column) => numeric.ContainsKey(column) || categorical.ContainsKey(column);

    /// <summary>
    /// A dense matrix of numeric features (default: every computable numeric feature) with customer ids as row keys.
    /// Throws <see cref="OptionsException"/> naming the column and the number of customers when a value is undefined:
    /// missing values are never imputed silently; choose the columns, or filter the rows first.
    /// </summary>
    public FeatureMatrix ToFeatureMatrix(IReadOnlyList<string>? columns = null)
    {
        columns ??= NumericColumns;
        var readers = columns.Select(NumericReader).ToArray();
        var values = new double[Rows.Count * columns.Count];
        for (var j = 0; j < columns.Count; j++)
        {
            var undefined = 0;
            for (var i = 0; i < Rows.Count; i++)
            {
                if (readers[j](Rows[i]) is { } v)
                    values[i * columns.Count + j] = v;
                else
                    undefined++;
            }
            if (undefined > 0)
                throw new OptionsException(
                    FormattableString.Invariant(
                        $"feature '{columns[j]}' is undefined for {undefined} of {Rows.Count} customers; "
                    ) + "expected a value for every customer (choose other columns or filter rows)"
                );
        }
        return new FeatureMatrix(columns, values, Rows.Select(r => r.CustomerId).ToArray());
    }

    /// <summary>
    /// The features as a <see cref="FeatureTable"/> for encoding and clustering: the given columns (default: every
    /// computable one) by kind, customer ids as row keys. Undefined numbers become NaN (the table's "missing");
    /// missing labels stay the visible category <see cref="FeatureValues.Missing"/>.
    /// </summary>
    public FeatureTable ToFeatureTable(IReadOnlyList<string>? columns = null)
    {
        var table = new FeatureTable(Rows.Select(r => r.CustomerId).ToArray());
        foreach (var column in columns ?? Columns.Select(c => c.Name).ToArray())
        {
            table = numeric.TryGetValue(column, out var read)
                ? table.WithOwnColumn(column, Rows.Select(r => read(r) ?? double.NaN).ToArray())
                : table.WithOwnColumn(column, Categorical(column));
        }
        return table;
    }

    /// <inheritdoc />
    public override string ToString() => Summary(Language.English);

    /// <summary>"CustomerFeatureSet: 3000 customers as of 2026-01-01, …" in <paramref name="language"/> (default
    /// <see cref="Language.Current"/>).</summary>
    public string Summary(Language? language = null) =>
        (language ?? Language.Current).Format(
            "Summary_CustomerFeatureSet",
            Rows.Count,
            AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            NumericColumns.Count,
            CategoricalColumns.Count,
            NotComputable.Count
        );

    internal Func<CustomerFeatures, double?> NumericReader(string column)
    {
        if (numeric.TryGetValue(column, out var read))
            return read;
        throw UnknownColumn(column, "numeric", NumericColumns);
    }

    internal Func<CustomerFeatures, string> CategoricalReader(string column)
    {
        if (categorical.TryGetValue(column, out var read))
            return read;
        throw UnknownColumn(column, "categorical", CategoricalColumns);
    }

    private OptionsException UnknownColumn(string column, string kind, IReadOnlyList<string> known) =>
        notComputable.TryGetValue(column, out var reason)
            ? new OptionsException($"feature '{column}' could not be computed: {reason}")
            : new OptionsException(
                $"feature '{column}' is not a {kind} feature; expected one of {string.Join(", ", known)}"
            );
}
