using System.Globalization;
using Segmentation.Common;
using Segmentation.Data;
using Source = Segmentation.Features.FeatureCatalog.Source;

namespace Segmentation.Features;

/// <summary>Runs the feature queries and assembles one <see cref="CustomerFeatures"/> row per customer.</summary>
internal static class CustomerFeatureBuilder
{
    /// <summary>Average Gregorian month (365.25 / 12 days): the unit of tenure in per-month rates.</summary>
    public const double DaysPerMonth = 30.4375;

    private static readonly string[] OptionalLogColumns =
    [
        TransactionColumns.Category,
        TransactionColumns.Channel,
        TransactionColumns.BrandOrigin,
        TransactionColumns.PriceTier,
        TransactionColumns.Country,
        TransactionColumns.City,
    ];

    /// <summary>The spend-share columns and the values whose shares are features (first and last give the
    /// labels).</summary>
    private static readonly (string Column, string[] Values)[] PreferenceValues =
    [
        (TransactionColumns.Channel, ["online", "offline"]),
        (TransactionColumns.BrandOrigin, ["international", "local"]),
        (TransactionColumns.PriceTier, ["premium", "mid", "budget"]),
    ];

    /// <summary>
    /// The features of every customer: the line aggregates run where <paramref name="source"/> says (DuckDB or a
    /// warehouse), the customer table and survey answers are read from <paramref name="store"/>.
    /// </summary>
    public static CustomerFeatureSet Build(FeatureSource source, TransactionStore store, FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var asOf = options.AsOf ?? FeatureQueries.DefaultAsOf(source);
        var day = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var orders = FeatureQueries.Orders(source, asOf);
        if (orders.Count == 0)
            throw FeatureQueries.NoCustomers(asOf);

        var unavailable = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (column, count) in FeatureQueries.FilledCounts(source, asOf, OptionalLogColumns))
        {
            if (count == 0)
                unavailable[Source.Clean(column)] = $"the transaction log has no '{column}' value on or before {day}";
        }
        if (FeatureQueries.ReturnLines(source, asOf) == 0)
            unavailable[Source.Returns] = $"the returns table has no line dated on or before {day}";
        var customers = CustomerTableReader.Read(store, asOf);
        foreach (var (column, reason) in customers.Unavailable)
            unavailable[Source.Customers(column)] = reason;
        bool Has(string source) => !unavailable.ContainsKey(source);

        ClvValueDimension? clv = null;
        if (options.Clv is null)
            unavailable[Source.Clv] = "CLV was not requested (FeatureOptions.Clv is null)";
        else
        {
            (clv, var reason) = ClvValueDimension.Fit(source, asOf, options, customers);
            if (reason is not null)
                unavailable[Source.Clv] = reason;
        }
        if (!Has(Source.Clv) || !Has(Source.Customers(CustomerColumns.AcquisitionCost)))
            unavailable[Source.ClvAndCost] = string.Join(
                "; ",
                new[] { Source.Clv, Source.Customers(CustomerColumns.AcquisitionCost) }
                    .Select(s => unavailable.GetValueOrDefault(s))
                    .OfType<string>()
            );
        var clvById = clv?.Result.Customers.ToDictionary(c => c.CustomerId, StringComparer.Ordinal);
        var clvTierById = clv?.Tiers.Customers.ToDictionary(c => c.CustomerId, c => c.Tier, StringComparer.Ordinal);

        var shareGroups = new List<(string Column, string[] Values)>();
        foreach (var (column, values) in PreferenceValues)
        {
            if (Has(Source.Clean(column)))
                shareGroups.Add((column, values));
        }
        var spendShares = FeatureQueries.SpendShares(source, asOf, shareGroups);
        // Where a column's shares start in a customer's array; null when the column has no values.
        int? OffsetOf(string column)
        {
            var index = shareGroups.FindIndex(g => g.Column == column);
            return index < 0 ? null : shareGroups.Take(index).Sum(g => g.Values.Length);
        }
        var channel = OffsetOf(TransactionColumns.Channel);
        var brand = OffsetOf(TransactionColumns.BrandOrigin);
        var tier = OffsetOf(TransactionColumns.PriceTier);
        var category = Has(Source.Clean(TransactionColumns.Category))
            ? FeatureQueries.TopBySpend(source, asOf, TransactionColumns.Category)
            : null;
        var country = Has(Source.Clean(TransactionColumns.Country))
            ? FeatureQueries.TopBySpend(source, asOf, TransactionColumns.Country)
            : null;
        var logCity =
            !Has(Source.Customers(CustomerColumns.City)) && Has(Source.Clean(TransactionColumns.City))
                ? FeatureQueries.TopBySpend(source, asOf, TransactionColumns.City)
                : null;
        var returned = Has(Source.Returns) ? FeatureQueries.ReturnedValue(source, asOf) : null;

        TierCuts? incomeBands = null;
        if (Has(Source.Customers(CustomerColumns.Income)))
        {
            var incomes = orders
                .Select(o => customers.Rows.GetValueOrDefault(o.Rfm.CustomerId)?.Income)
                .OfType<double>()
                .ToList();
            incomeBands = options.IncomeBands ?? (incomes.Count > 0 ? TierCuts.FromQuantiles(incomes) : null);
        }

        var share = options.PreferenceShare;
        // Customers without a row in the customer table share one array of each kind (read only).
        var noExtraNumeric = new double?[customers.ExtraNumeric.Count];
        var noExtraCategorical = Enumerable.Repeat(FeatureValues.Missing, customers.ExtraCategorical.Count).ToArray();
        var rows = new List<CustomerFeatures>(orders.Count);
        foreach (var o in orders)
        {
            var r = o.Rfm;
            var lastPurchase = asOf.AddDays(-r.RecencyDays);
            var firstPurchase = DateOnly.FromDayNumber(o.FirstPurchaseDay);
            var tenureDays = asOf.DayNumber - firstPurchase.DayNumber;
            var tenureMonths = Math.Max(1.0, tenureDays / DaysPerMonth);
            var monetary = (double)r.Monetary;
            var (meanGap, gapVariation) = GapStatistics(o);
            var attributes = customers.Rows.GetValueOrDefault(r.CustomerId);
            var customerShares = spendShares.GetValueOrDefault(r.CustomerId);
            var channelShares = Shares(customerShares, channel, 2);
            var brandShares = Shares(customerShares, brand, 2);
            var tierShares = Shares(customerShares, tier, 3);
            double? returnedValue = returned is null ? null : (double)returned.GetValueOrDefault(r.CustomerId);
            var acquisitionCost = Has(Source.Customers(CustomerColumns.AcquisitionCost))
                ? attributes?.AcquisitionCost
                : null;
            var predicted = clvById?.GetValueOrDefault(r.CustomerId);

            rows.Add(
                new CustomerFeatures
                {
                    CustomerId = r.CustomerId,
                    RecencyDays = r.RecencyDays,
                    Frequency = r.Frequency,
                    Monetary = r.Monetary,
                    FirstPurchase = firstPurchase,
                    LastPurchase = lastPurchase,
                    TenureDays = tenureDays,
                    PurchaseSpanDays = lastPurchase.DayNumber - firstPurchase.DayNumber,
                    ActiveMonths = o.ActiveMonths,
                    OrdersPerMonth = r.Frequency / tenureMonths,
                    AverageOrderValue = (double)(r.Monetary / r.Frequency),
                    AverageItemsPerOrder = (double)(o.Units / r.Frequency),
                    MeanDaysBetweenOrders = meanGap,
                    DaysBetweenOrdersVariation = gapVariation,
                    ReturnedValue = returnedValue,
                    ReturnRate = returnedValue is { } value && r.Monetary != 0 ? value / monetary : null,
                    RevenuePerMonth = monetary / tenureMonths,
                    AcquisitionChannel = Label(
                        customers,
                        CustomerColumns.AcquisitionChannel,
                        attributes?.AcquisitionChannel
                    ),
                    AcquisitionCost = acquisitionCost,
                    NetValue = acquisitionCost is { } cost ? monetary - cost : null,
                    Clv = predicted?.Clv,
                    ProbabilityAlive = predicted?.ProbabilityAlive,
                    ClvTier =
                        clvTierById is null ? FeatureValues.Unknown
                        : clvTierById.TryGetValue(r.CustomerId, out var clvTier) ? TierLevels.Name(clvTier)
                        : FeatureValues.Missing,
                    ClvNet = predicted is not null && acquisitionCost is { } paid ? predicted.Clv - paid : null,
                    OnlineShare = channelShares?[0],
                    OfflineShare = channelShares?[1],
                    InternationalShare = brandShares?[0],
                    LocalShare = brandShares?[1],
                    PremiumShare = tierShares?[0],
                    MidShare = tierShares?[1],
                    BudgetShare = tierShares?[2],
                    ChannelPreference = Preference(channelShares, share, PreferenceValues[0].Values, "omnichannel"),
                    BrandPreference = Preference(brandShares, share, PreferenceValues[1].Values, "no preference"),
                    PriceTierPreference = Preference(tierShares, share, PreferenceValues[2].Values, "mid"),
                    FavouriteCategory = Top(category, r.CustomerId),
                    Age = Has(Source.Customers(CustomerColumns.Age)) ? attributes?.Age : null,
                    AgeBand = Has(Source.Customers(CustomerColumns.Age))
                        ? AgeBand(attributes?.Age, options)
                        : FeatureValues.Unknown,
                    Gender = Label(customers, CustomerColumns.Gender, attributes?.Gender),
                    Occupation = Label(customers, CustomerColumns.Occupation, attributes?.Occupation),
                    Income = Has(Source.Customers(CustomerColumns.Income)) ? attributes?.Income : null,
                    IncomeBand = Has(Source.Customers(CustomerColumns.Income))
                        ? IncomeBand(incomeBands, attributes?.Income)
                        : FeatureValues.Unknown,
                    City = logCity is null
                        ? Label(customers, CustomerColumns.City, attributes?.City)
                        : Top(logCity, r.CustomerId),
                    CityTier = Label(
                        customers,
                        CustomerColumns.CityTier,
                        attributes?.CityTier?.ToString(CultureInfo.InvariantCulture)
                    ),
                    Country = Top(country, r.CustomerId),
                    DaysSinceSignup = Has(Source.Customers(CustomerColumns.SignupDate))
                        ? attributes?.DaysSinceSignup
                        : null,
                    Lifestyle = Label(customers, CustomerColumns.Lifestyle, attributes?.Lifestyle),
                    PriceSensitivity = Has(Source.Customers(CustomerColumns.PriceSensitivity))
                        ? attributes?.PriceSensitivity
                        : null,
                    Satisfaction = Has(Source.Customers(CustomerColumns.Satisfaction))
                        ? attributes?.Satisfaction
                        : null,
                    PurchaseDriver = Label(customers, CustomerColumns.PurchaseDriver, attributes?.PurchaseDriver),
                    ExtraNumeric = attributes?.ExtraNumeric ?? noExtraNumeric,
                    ExtraCategorical = attributes?.ExtraCategorical.Select(v => v ?? FeatureValues.Missing).ToArray()
                        ?? noExtraCategorical,
                }
            );
        }

        var buyers = orders.Select(o => o.Rfm.CustomerId).ToHashSet(StringComparer.Ordinal);
        var customersWithoutPurchases = customers.Rows.Keys.Count(id => !buyers.Contains(id));
        return new CustomerFeatureSet(
            asOf,
            rows,
            unavailable,
            customers,
            incomeBands,
            options,
            customersWithoutPurchases,
            clv
        );
    }

    /// <summary>
    /// Mean and coefficient of variation of the gaps between order dates, from exact integer sums:
    /// variance = (n·Σg² − (Σg)²) / (n(n−1)) is computed in 128-bit integers and divided once.
    /// </summary>
    private static (double? Mean, double? Variation) GapStatistics(FeatureQueries.CustomerOrders o)
    {
        if (o.GapCount == 0)
            return (null, null);
        var n = o.GapCount;
        var mean = (double)o.GapSum / n;
        if (n < 2 || o.GapSum == 0)
            return (mean, null);
        var numerator = (Int128)n * o.GapSquareSum - (Int128)o.GapSum * o.GapSum;
        var variance = (double)numerator / ((double)n * (n - 1));
        return (mean, Math.Sqrt(variance) / mean);
    }

    /// <summary>A customer's shares of the known spend in one column, or null when the column is absent (nothing
    /// known for the customer: null values).</summary>
    private static double?[]? Shares(double?[]? customerShares, int? offset, int values) =>
        offset is not { } at ? null
        : customerShares is null ? new double?[values]
        : customerShares[at..(at + values)];

    private static string Preference(double?[]? shares, double threshold, string[] labels, string otherwise)
    {
        if (shares is null)
            return FeatureValues.Unknown;
        if (shares[0] is null)
            return FeatureValues.Missing;
        if (shares[0] >= threshold)
            return labels[0];
        if (shares[^1] >= threshold)
            return labels[^1];
        return otherwise;
    }

    private static string Top(Dictionary<string, string>? values, string customerId) =>
        values is null ? FeatureValues.Unknown : values.GetValueOrDefault(customerId) ?? FeatureValues.Missing;

    private static string Label(CustomerTableReader customers, string column, string? value) =>
        customers.Available.Contains(column) ? value ?? FeatureValues.Missing : FeatureValues.Unknown;

    private static string AgeBand(int? age, FeatureOptions options) =>
        age switch
        {
            null => FeatureValues.Missing,
            var a when a < options.YoungBelowAge => "young",
            var a when a >= options.SeniorFromAge => "senior",
            _ => "middle-aged",
        };

    private static string IncomeBand(TierCuts? cuts, double? income)
    {
        if (cuts is null || income is not { } value)
            return FeatureValues.Missing;
        return cuts.Assign(value) switch
        {
            TierLevel.Low => "low",
            TierLevel.Medium => "middle",
            _ => "high",
        };
    }
}
