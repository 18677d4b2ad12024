using Segmentation.Common.Text;

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

    /// <summary>What the built-in feature <paramref name="name"/> means and how it is computed, in
    /// <paramref name="language"/> (the resource <c>FeatureDescription_</c> + name); the English text is the
    /// column's <see cref="FeatureColumn.Description"/>.</summary>
    internal static string Description(string name, Language language) => language["FeatureDescription_" + name];

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
            Number(RecencyDays, FeatureFamily.Rfm, f => f.RecencyDays),
            Number(Frequency, FeatureFamily.Rfm, f => f.Frequency),
            Number(Monetary, FeatureFamily.Rfm, f => (double)f.Monetary),
            Number(TenureDays, FeatureFamily.Behaviour, f => f.TenureDays),
            Number(PurchaseSpanDays, FeatureFamily.Behaviour, f => f.PurchaseSpanDays),
            Number(ActiveMonths, FeatureFamily.Behaviour, f => f.ActiveMonths),
            Number(OrdersPerMonth, FeatureFamily.Behaviour, f => f.OrdersPerMonth),
            Number(AverageOrderValue, FeatureFamily.Behaviour, f => f.AverageOrderValue),
            Number(AverageItemsPerOrder, FeatureFamily.Behaviour, f => f.AverageItemsPerOrder),
            Number(MeanDaysBetweenOrders, FeatureFamily.Behaviour, f => f.MeanDaysBetweenOrders),
            Number(DaysBetweenOrdersVariation, FeatureFamily.Behaviour, f => f.DaysBetweenOrdersVariation),
            Number(ReturnedValue, FeatureFamily.Behaviour, f => f.ReturnedValue, Source.Returns),
            Number(ReturnRate, FeatureFamily.Behaviour, f => f.ReturnRate, Source.Returns),
            Number(RevenuePerMonth, FeatureFamily.Value, f => f.RevenuePerMonth),
            Label(
                AcquisitionChannel,
                FeatureFamily.Value,
                f => f.AcquisitionChannel,
                Source.Customers(AcquisitionChannel)
            ),
            Number(AcquisitionCost, FeatureFamily.Value, f => f.AcquisitionCost, Source.Customers(AcquisitionCost)),
            Number(NetValue, FeatureFamily.Value, f => f.NetValue, Source.Customers(AcquisitionCost)),
            Number(Clv, FeatureFamily.Value, f => f.Clv, Source.Clv),
            Number(ProbabilityAlive, FeatureFamily.Value, f => f.ProbabilityAlive, Source.Clv),
            Label(ClvTier, FeatureFamily.Value, f => f.ClvTier, Source.Clv),
            Number(ClvNet, FeatureFamily.Value, f => f.ClvNet, Source.ClvAndCost),
            Number(OnlineShare, FeatureFamily.Preference, f => f.OnlineShare, Source.Clean("channel")),
            Number(OfflineShare, FeatureFamily.Preference, f => f.OfflineShare, Source.Clean("channel")),
            Number(
                InternationalShare,
                FeatureFamily.Preference,
                f => f.InternationalShare,
                Source.Clean("brand_origin")
            ),
            Number(LocalShare, FeatureFamily.Preference, f => f.LocalShare, Source.Clean("brand_origin")),
            Number(PremiumShare, FeatureFamily.Preference, f => f.PremiumShare, Source.Clean("price_tier")),
            Number(MidShare, FeatureFamily.Preference, f => f.MidShare, Source.Clean("price_tier")),
            Number(BudgetShare, FeatureFamily.Preference, f => f.BudgetShare, Source.Clean("price_tier")),
            Label(ChannelPreference, FeatureFamily.Preference, f => f.ChannelPreference, Source.Clean("channel")),
            Label(BrandPreference, FeatureFamily.Preference, f => f.BrandPreference, Source.Clean("brand_origin")),
            Label(
                PriceTierPreference,
                FeatureFamily.Preference,
                f => f.PriceTierPreference,
                Source.Clean("price_tier")
            ),
            Label(FavouriteCategory, FeatureFamily.Preference, f => f.FavouriteCategory, Source.Clean("category")),
            Number(Age, FeatureFamily.Attributes, f => f.Age, Source.Customers(Age)),
            Label(AgeBand, FeatureFamily.Attributes, f => f.AgeBand, Source.Customers(Age)),
            Label(Gender, FeatureFamily.Attributes, f => f.Gender, Source.Customers(Gender)),
            Label(Occupation, FeatureFamily.Attributes, f => f.Occupation, Source.Customers(Occupation)),
            Number(Income, FeatureFamily.Attributes, f => f.Income, Source.Customers(Income)),
            Label(IncomeBand, FeatureFamily.Attributes, f => f.IncomeBand, Source.Customers(Income)),
            Label(City, FeatureFamily.Attributes, f => f.City, Source.Customers(City), Source.Clean(City)),
            Label(CityTier, FeatureFamily.Attributes, f => f.CityTier, Source.Customers(CityTier)),
            Label(Country, FeatureFamily.Attributes, f => f.Country, Source.Clean(Country)),
            Number(DaysSinceSignup, FeatureFamily.Attributes, f => f.DaysSinceSignup, Source.Customers("signup_date")),
            Label(Lifestyle, FeatureFamily.Survey, f => f.Lifestyle, Source.Customers(Lifestyle)),
            Number(PriceSensitivity, FeatureFamily.Survey, f => f.PriceSensitivity, Source.Customers(PriceSensitivity)),
            Number(Satisfaction, FeatureFamily.Survey, f => f.Satisfaction, Source.Customers(Satisfaction)),
            Label(PurchaseDriver, FeatureFamily.Survey, f => f.PurchaseDriver, Source.Customers(PurchaseDriver)),
        ];

        public static readonly Dictionary<string, Definition> ByName = All.ToDictionary(
            d => d.Column.Name,
            StringComparer.Ordinal
        );

        private static Definition Number(
            string name,
            FeatureFamily family,
            Func<CustomerFeatures, double?> read,
            params string[] sources
        ) =>
            new(
                new FeatureColumn(name, FeatureKind.Numeric, family, Description(name, Language.English)),
                sources.Length == 0 ? Always : sources,
                read,
                null
            );

        private static Definition Label(
            string name,
            FeatureFamily family,
            Func<CustomerFeatures, string> read,
            params string[] sources
        ) =>
            new(
                new FeatureColumn(name, FeatureKind.Categorical, family, Description(name, Language.English)),
                sources,
                null,
                read
            );
    }
}
