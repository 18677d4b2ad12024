namespace Segmentation.Features;

/// <summary>
/// Every built-in feature: its column name (the constants here are the only spelling), kind, family,
/// meaning, and which optional data it needs. <see cref="CustomerFeatureSet"/> reads values through it.
/// </summary>
public static class FeatureCatalog
{
#pragma warning disable CS1591 // the constant names say what they are; meanings are in All
    public const string RecencyDays = "recency_days";
    public const string Frequency = "frequency";
    public const string Monetary = "monetary";
    public const string TenureDays = "tenure_days";
    public const string PurchaseSpanDays = "purchase_span_days";
    public const string ActiveMonths = "active_months";
    public const string OrdersPerMonth = "orders_per_month";
    public const string AverageOrderValue = "average_order_value";
    public const string AverageItemsPerOrder = "average_items_per_order";
    public const string MeanDaysBetweenOrders = "mean_days_between_orders";
    public const string DaysBetweenOrdersVariation = "days_between_orders_cv";
    public const string ReturnedValue = "returned_value";
    public const string ReturnRate = "return_rate";
    public const string RevenuePerMonth = "revenue_per_month";
    public const string AcquisitionChannel = "acquisition_channel";
    public const string AcquisitionCost = "acquisition_cost";
    public const string NetValue = "net_value";
    public const string Clv = "clv";
    public const string ProbabilityAlive = "p_alive";
    public const string ClvTier = "clv_tier";
    public const string ClvNet = "clv_net";
    public const string OnlineShare = "online_share";
    public const string OfflineShare = "offline_share";
    public const string InternationalShare = "international_share";
    public const string LocalShare = "local_share";
    public const string PremiumShare = "premium_share";
    public const string MidShare = "mid_share";
    public const string BudgetShare = "budget_share";
    public const string ChannelPreference = "channel_preference";
    public const string BrandPreference = "brand_preference";
    public const string PriceTierPreference = "price_tier_preference";
    public const string FavouriteCategory = "favourite_category";
    public const string Age = "age";
    public const string AgeBand = "age_band";
    public const string Gender = "gender";
    public const string Occupation = "occupation";
    public const string Income = "income";
    public const string IncomeBand = "income_band";
    public const string City = "city";
    public const string CityTier = "city_tier";
    public const string Country = "country";
    public const string DaysSinceSignup = "days_since_signup";
    public const string Lifestyle = "lifestyle";
    public const string PriceSensitivity = "price_sensitivity";
    public const string Satisfaction = "satisfaction";
    public const string PurchaseDriver = "purchase_driver";
#pragma warning restore CS1591

    /// <summary>The columns of the built-in features, in output order.</summary>
    public static IReadOnlyList<FeatureColumn> All { get; } = Definitions.All.Select(d => d.Column).ToArray();

    /// <summary>The built-in column named <paramref name="name"/>, or null.</summary>
    public static FeatureColumn? Find(string name) => Definitions.ByName.GetValueOrDefault(name)?.Column;

    /// <summary>A built-in feature with how to read it and what it needs.</summary>
    internal sealed record Definition(
        FeatureColumn Column,
        string[] Sources,
        Func<CustomerFeatures, double?>? Numeric,
        Func<CustomerFeatures, string>? Categorical
    );

    /// <summary>Names of the optional inputs a feature may need.</summary>
    internal static class Source
    {
        public const string Returns = "returns";

        /// <summary>The CLV models (fitted when <see cref="FeatureOptions.Clv"/> is set).</summary>
        public const string Clv = "clv";

        /// <summary>CLV and the acquisition cost together.</summary>
        public const string ClvAndCost = "clv+customers.acquisition_cost";

        public static string Clean(string column) => "clean." + column;

        public static string Customers(string column) => "customers." + column;
    }

    /// <summary>The definitions with their readers.</summary>
    internal static class Definitions
    {
        private static readonly string[] Always = [];

        public static readonly Definition[] All =
        [
            Number(RecencyDays, FeatureFamily.Rfm, "days from the last purchase date to the as-of date", f =>
                f.RecencyDays
            ),
            Number(Frequency, FeatureFamily.Rfm, "distinct orders", f => f.Frequency),
            Number(Monetary, FeatureFamily.Rfm, "sum of quantity × unit price over clean lines", f =>
                (double)f.Monetary
            ),
            Number(TenureDays, FeatureFamily.Behaviour, "days from the first purchase date to the as-of date", f =>
                f.TenureDays
            ),
            Number(PurchaseSpanDays, FeatureFamily.Behaviour, "days from the first to the last purchase date", f =>
                f.PurchaseSpanDays
            ),
            Number(ActiveMonths, FeatureFamily.Behaviour, "distinct calendar months with an order", f =>
                f.ActiveMonths
            ),
            Number(OrdersPerMonth, FeatureFamily.Behaviour, "frequency / max(1, tenure_days / 30.4375)", f =>
                f.OrdersPerMonth
            ),
            Number(AverageOrderValue, FeatureFamily.Behaviour, "monetary / frequency", f => f.AverageOrderValue),
            Number(AverageItemsPerOrder, FeatureFamily.Behaviour, "sum of quantity / frequency", f =>
                f.AverageItemsPerOrder
            ),
            Number(
                MeanDaysBetweenOrders,
                FeatureFamily.Behaviour,
                "mean days between consecutive order dates (>= 2 orders)",
                f => f.MeanDaysBetweenOrders
            ),
            Number(
                DaysBetweenOrdersVariation,
                FeatureFamily.Behaviour,
                "sample standard deviation / mean of days between orders (>= 3 orders, mean > 0)",
                f => f.DaysBetweenOrdersVariation
            ),
            Number(
                ReturnedValue,
                FeatureFamily.Behaviour,
                "sum of |quantity × unit price| over the customer's returned lines",
                f => f.ReturnedValue,
                Source.Returns
            ),
            Number(ReturnRate, FeatureFamily.Behaviour, "returned value / monetary", f => f.ReturnRate, Source.Returns),
            Number(RevenuePerMonth, FeatureFamily.Value, "ARPU: monetary / max(1, tenure_days / 30.4375)", f =>
                f.RevenuePerMonth
            ),
            Label(
                AcquisitionChannel,
                FeatureFamily.Value,
                "acquisition channel (customer table)",
                f => f.AcquisitionChannel,
                Source.Customers(AcquisitionChannel)
            ),
            Number(
                AcquisitionCost,
                FeatureFamily.Value,
                "acquisition cost (customer table)",
                f => f.AcquisitionCost,
                Source.Customers(AcquisitionCost)
            ),
            Number(
                NetValue,
                FeatureFamily.Value,
                "monetary - acquisition cost",
                f => f.NetValue,
                Source.Customers(AcquisitionCost)
            ),
            Number(
                Clv,
                FeatureFamily.Value,
                "discounted customer lifetime value over the horizon (BG/NBD x Gamma-Gamma fitted up to "
                    + "the as-of date)",
                f => f.Clv,
                Source.Clv
            ),
            Number(
                ProbabilityAlive,
                FeatureFamily.Value,
                "BG/NBD probability that the customer is still active at the as-of date",
                f => f.ProbabilityAlive,
                Source.Clv
            ),
            Label(
                ClvTier,
                FeatureFamily.Value,
                "low / medium / high CLV (tertiles of clv unless set otherwise)",
                f => f.ClvTier,
                Source.Clv
            ),
            Number(
                ClvNet,
                FeatureFamily.Value,
                "clv - acquisition cost: what the customer is expected to pay back beyond the cost of acquiring them",
                f => f.ClvNet,
                Source.ClvAndCost
            ),
            Number(
                OnlineShare,
                FeatureFamily.Preference,
                "share of spend online (of spend with a known channel)",
                f => f.OnlineShare,
                Source.Clean("channel")
            ),
            Number(
                OfflineShare,
                FeatureFamily.Preference,
                "share of spend offline (of spend with a known channel)",
                f => f.OfflineShare,
                Source.Clean("channel")
            ),
            Number(
                InternationalShare,
                FeatureFamily.Preference,
                "share of spend on international brands",
                f => f.InternationalShare,
                Source.Clean("brand_origin")
            ),
            Number(
                LocalShare,
                FeatureFamily.Preference,
                "share of spend on local brands",
                f => f.LocalShare,
                Source.Clean("brand_origin")
            ),
            Number(
                PremiumShare,
                FeatureFamily.Preference,
                "share of spend on premium products",
                f => f.PremiumShare,
                Source.Clean("price_tier")
            ),
            Number(
                MidShare,
                FeatureFamily.Preference,
                "share of spend on mid-range products",
                f => f.MidShare,
                Source.Clean("price_tier")
            ),
            Number(
                BudgetShare,
                FeatureFamily.Preference,
                "share of spend on budget products",
                f => f.BudgetShare,
                Source.Clean("price_tier")
            ),
            Label(
                ChannelPreference,
                FeatureFamily.Preference,
                "online / offline when that share >= the preference share, else omnichannel",
                f => f.ChannelPreference,
                Source.Clean("channel")
            ),
            Label(
                BrandPreference,
                FeatureFamily.Preference,
                "international / local when that share >= the preference share, else no preference",
                f => f.BrandPreference,
                Source.Clean("brand_origin")
            ),
            Label(
                PriceTierPreference,
                FeatureFamily.Preference,
                "premium / budget when that share >= the preference share, else mid",
                f => f.PriceTierPreference,
                Source.Clean("price_tier")
            ),
            Label(
                FavouriteCategory,
                FeatureFamily.Preference,
                "category with the largest spend",
                f => f.FavouriteCategory,
                Source.Clean("category")
            ),
            Number(Age, FeatureFamily.Attributes, "age in years (customer table)", f => f.Age, Source.Customers(Age)),
            Label(
                AgeBand,
                FeatureFamily.Attributes,
                "young / middle-aged / senior",
                f => f.AgeBand,
                Source.Customers(Age)
            ),
            Label(Gender, FeatureFamily.Attributes, "gender (customer table)", f => f.Gender, Source.Customers(Gender)),
            Label(
                Occupation,
                FeatureFamily.Attributes,
                "occupation (customer table)",
                f => f.Occupation,
                Source.Customers(Occupation)
            ),
            Number(
                Income,
                FeatureFamily.Attributes,
                "yearly income (customer table)",
                f => f.Income,
                Source.Customers(Income)
            ),
            Label(
                IncomeBand,
                FeatureFamily.Attributes,
                "low / middle / high income",
                f => f.IncomeBand,
                Source.Customers(Income)
            ),
            Label(
                City,
                FeatureFamily.Attributes,
                "city (customer table, else the city of most spend)",
                f => f.City,
                Source.Customers(City),
                Source.Clean(City)
            ),
            Label(
                CityTier,
                FeatureFamily.Attributes,
                "city tier (customer table)",
                f => f.CityTier,
                Source.Customers(CityTier)
            ),
            Label(Country, FeatureFamily.Attributes, "country of most spend", f => f.Country, Source.Clean(Country)),
            Number(
                DaysSinceSignup,
                FeatureFamily.Attributes,
                "days from the signup date to the as-of date",
                f => f.DaysSinceSignup,
                Source.Customers("signup_date")
            ),
            Label(Lifestyle, FeatureFamily.Survey, "lifestyle answer", f => f.Lifestyle, Source.Customers(Lifestyle)),
            Number(
                PriceSensitivity,
                FeatureFamily.Survey,
                "price sensitivity 1-5",
                f => f.PriceSensitivity,
                Source.Customers(PriceSensitivity)
            ),
            Number(
                Satisfaction,
                FeatureFamily.Survey,
                "satisfaction 1-5",
                f => f.Satisfaction,
                Source.Customers(Satisfaction)
            ),
            Label(
                PurchaseDriver,
                FeatureFamily.Survey,
                "what drives the choice",
                f => f.PurchaseDriver,
                Source.Customers(PurchaseDriver)
            ),
        ];

        public static readonly Dictionary<string, Definition> ByName = All.ToDictionary(
            d => d.Column.Name,
            StringComparer.Ordinal
        );

        private static Definition Number(
            string name,
            FeatureFamily family,
            string description,
            Func<CustomerFeatures, double?> read,
            params string[] sources
        ) =>
            new(
                new FeatureColumn(name, FeatureKind.Numeric, family, description),
                sources.Length == 0 ? Always : sources,
                read,
                null
            );

        private static Definition Label(
            string name,
            FeatureFamily family,
            string description,
            Func<CustomerFeatures, string> read,
            params string[] sources
        ) => new(new FeatureColumn(name, FeatureKind.Categorical, family, description), sources, null, read);
    }
}
