using Segmentation.Common.Text;
using Segmentation.Data;
using Segmentation.Data.Generation;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Features;

public sealed class CustomerFeatureSetTests
{
    private const double Tolerance = 1e-12;

    private static CustomerFeatureSet Fixture()
    {
        using var store = FeatureFixture.Store();
        return CustomerFeatureSet.Compute(store);
    }

    [Fact]
    public void Default_as_of_is_the_day_after_the_last_timestamp_and_rows_are_sorted_by_id()
    {
        var set = Fixture();

        Assert.Equal(FeatureFixture.AsOf, set.AsOf); // last timestamp 2024-03-05 12:00 → 2024-03-06
        Assert.Equal(["c1", "c2", "c3"], set.Rows.Select(r => r.CustomerId));
        Assert.Equal(1, set.CustomersWithoutPurchases); // c4 is in the customer table only
    }

    [Fact]
    public void Rfm_and_behaviour_of_a_three_order_customer_match_the_hand_computation()
    {
        var c1 = Fixture().Rows[0];

        Assert.Equal(1, c1.RecencyDays); // 2024-03-05 → 2024-03-06
        Assert.Equal(3, c1.Frequency); // o1, o2, o3 (o1 has two lines)
        Assert.Equal(64.50m, c1.Monetary); // 20 + 5.50 + 30 + 9
        Assert.Equal(new DateOnly(2024, 1, 5), c1.FirstPurchase);
        Assert.Equal(new DateOnly(2024, 3, 5), c1.LastPurchase);
        Assert.Equal(61, c1.TenureDays); // Jan 5 → Feb 5 = 31, → Mar 5 = 29 (leap year), → Mar 6 = 1
        Assert.Equal(60, c1.PurchaseSpanDays); // Jan 5 → Mar 5
        Assert.Equal(2, c1.ActiveMonths); // January and March
        Assert.Equal(3 * 30.4375 / 61, c1.OrdersPerMonth, Tolerance); // 3 orders / (61 / 30.4375 months)
        Assert.Equal(21.5, c1.AverageOrderValue, Tolerance); // 64.50 / 3
        Assert.Equal(8.0 / 3, c1.AverageItemsPerOrder, Tolerance); // (2 + 1 + 1 + 4) / 3
        Assert.Equal(30.0, c1.MeanDaysBetweenOrders!.Value, Tolerance); // gaps 10 (Jan 5 → 15) and 50 (Jan 15 → Mar 5)
        // sample sd sqrt((20² + 20²) / 1) / mean 30
        Assert.Equal(Math.Sqrt(800) / 30, c1.DaysBetweenOrdersVariation!.Value, Tolerance);
        Assert.Equal(5.5, c1.ReturnedValue!.Value, Tolerance); // |-1 × 5.50|
        Assert.Equal(5.5 / 64.5, c1.ReturnRate!.Value, Tolerance);
    }

    [Fact]
    public void One_order_and_same_day_customers_have_undefined_gap_statistics_and_one_month_minimum_tenure()
    {
        var rows = Fixture().Rows;
        var c2 = rows[1];
        var c3 = rows[2];

        Assert.Equal(15, c2.RecencyDays); // Feb 20 → Feb 29 = 9, → Mar 6 = 6
        Assert.Equal(1, c2.Frequency); // one order with two lines
        Assert.Equal(25.00m, c2.Monetary); // 21 + 4
        Assert.Equal(15, c2.TenureDays);
        Assert.Equal(0, c2.PurchaseSpanDays);
        Assert.Equal(1.0, c2.OrdersPerMonth, Tolerance); // tenure 15 days counts as one month
        Assert.Equal(25.0, c2.RevenuePerMonth, Tolerance);
        Assert.Equal(4.0, c2.AverageItemsPerOrder, Tolerance);
        Assert.Null(c2.MeanDaysBetweenOrders);
        Assert.Null(c2.DaysBetweenOrdersVariation);
        Assert.Equal(0.0, c2.ReturnRate); // the returns table has lines, none of c2

        Assert.Equal(5, c3.RecencyDays); // Mar 1 → Mar 6
        Assert.Equal(2, c3.Frequency); // two orders on the same day
        Assert.Equal(2.0, c3.OrdersPerMonth, Tolerance);
        Assert.Equal(75.0, c3.AverageOrderValue, Tolerance);
        Assert.Equal(0.0, c3.MeanDaysBetweenOrders); // one gap of 0 days
        Assert.Null(c3.DaysBetweenOrdersVariation); // needs two gaps and a mean above 0
    }

    [Fact]
    public void Value_features_use_tenure_months_and_the_acquisition_cost()
    {
        var rows = Fixture().Rows;

        Assert.Equal(64.5 * 30.4375 / 61, rows[0].RevenuePerMonth, Tolerance);
        Assert.Equal("search", rows[0].AcquisitionChannel);
        Assert.Equal(12.5, rows[0].AcquisitionCost);
        Assert.Equal(52.0, rows[0].NetValue); // 64.50 - 12.5
        Assert.Equal(-5.0, rows[1].NetValue); // 25 - 30
        Assert.Equal(FeatureValues.Missing, rows[2].AcquisitionChannel); // c3 has no customer row
        Assert.Null(rows[2].NetValue);
    }

    [Fact]
    public void Preference_shares_and_labels_follow_the_seventy_percent_rule()
    {
        var rows = Fixture().Rows;
        var (c1, c2, c3) = (rows[0], rows[1], rows[2]);

        Assert.Equal(34.5 / 64.5, c1.OnlineShare!.Value, Tolerance); // 20 + 5.50 + 9 online
        Assert.Equal(30 / 64.5, c1.OfflineShare!.Value, Tolerance);
        Assert.Equal("omnichannel", c1.ChannelPreference); // 53 % and 47 %: neither >= 70 %
        Assert.Equal(59 / 64.5, c1.InternationalShare!.Value, Tolerance); // 20 + 30 + 9
        Assert.Equal("international", c1.BrandPreference); // 91 %
        Assert.Equal(59 / 64.5, c1.PremiumShare!.Value, Tolerance);
        Assert.Equal(5.5 / 64.5, c1.MidShare!.Value, Tolerance);
        Assert.Equal(0.0, c1.BudgetShare);
        Assert.Equal("premium", c1.PriceTierPreference);
        Assert.Equal("books", c1.FavouriteCategory); // books 50 > toys 14.50

        Assert.Equal("offline", c2.ChannelPreference);
        Assert.Equal("local", c2.BrandPreference);
        Assert.Equal("budget", c2.PriceTierPreference);
        Assert.Equal("toys", c2.FavouriteCategory); // toys 21 > garden 4

        Assert.Equal("online", c3.ChannelPreference);
        Assert.Equal(100 / 150.0, c3.PremiumShare!.Value, Tolerance);
        Assert.Equal("mid", c3.PriceTierPreference); // premium 67 % < 70 %, budget 0 %
        Assert.Equal("garden", c3.FavouriteCategory);
    }

    [Fact]
    public void Attributes_pass_through_with_bands_and_missing_values_stay_visible()
    {
        var set = Fixture();
        var (c1, c2, c3) = (set.Rows[0], set.Rows[1], set.Rows[2]);

        Assert.Equal(
            ("young", "F", "white-collar", "Shanghai", "1"),
            (c1.AgeBand, c1.Gender, c1.Occupation, c1.City, c1.CityTier)
        );
        Assert.Equal(96, c1.DaysSinceSignup); // Dec 1 → Jan 1 = 31, → Feb 1 = 62, → Mar 1 = 91, → Mar 6 = 96
        Assert.Equal(
            ("urban", 2, 5, "quality"),
            (c1.Lifestyle, c1.PriceSensitivity, c1.Satisfaction, c1.PurchaseDriver)
        );
        Assert.Equal(
            ("senior", FeatureValues.Missing, "retired", "Chengdu", "2"),
            (c2.AgeBand, c2.Gender, c2.Occupation, c2.City, c2.CityTier)
        );
        Assert.Null(c2.DaysSinceSignup);
        Assert.Equal((FeatureValues.Missing, 4, (int?)null), (c2.Lifestyle, c2.PriceSensitivity, c2.Satisfaction));
        Assert.All(
            new[]
            {
                c3.AgeBand,
                c3.Gender,
                c3.Occupation,
                c3.IncomeBand,
                c3.City,
                c3.CityTier,
                c3.Lifestyle,
                c3.PurchaseDriver,
            },
            v => Assert.Equal(FeatureValues.Missing, v)
        );
        Assert.Null(c3.Age);

        // Income tertiles of the buying customers' known incomes [20000, 50000]: 20000 + 30000/3 = 30000 and 40000.
        Assert.Equal(30000, set.IncomeBands!.LowUpper, Tolerance);
        Assert.Equal(40000, set.IncomeBands.MediumUpper, Tolerance);
        Assert.Equal(("high", "low"), (c1.IncomeBand, c2.IncomeBand));
    }

    [Fact]
    public void Every_categorical_feature_holds_one_string_per_label_however_many_customers_share_it()
    {
        // Labels from the log (favourite category, city) and from the customer table (gender, occupation, …): at
        // millions of customers a string per customer would cost more than the numbers.
        using var scratch = new ScratchDirectory();
        RetailSimulator.Write(new GeneratorOptions { Customers = 2_000, Seed = 3 }, scratch.Path);
        using var store = TransactionStore.InMemory();
        CustomerLoader.Load(store, Path.Combine(scratch.Path, "customers.csv"));
        TransactionLoader.Load(store, Path.Combine(scratch.Path, "transactions.csv"));
        var set = CustomerFeatureSet.Compute(store);

        Assert.Contains(FeatureCatalog.FavouriteCategory, set.CategoricalColumns);
        Assert.Contains(CustomerColumns.City, set.CategoricalColumns);
        foreach (var column in set.CategoricalColumns)
        {
            var labels = set.Categorical(column);
            var distinct = labels.Distinct(StringComparer.Ordinal).Count();
            Assert.True(distinct < labels.Length / 4, $"{column}: {distinct} labels for {labels.Length} customers");
            var instances = labels.Distinct(ReferenceEqualityComparer.Instance).Count();
            Assert.True(distinct == instances, $"{column}: {distinct} labels held in {instances} strings");
        }
    }

    [Fact]
    public void Extra_customer_columns_pass_through_by_type_and_a_clashing_name_is_prefixed()
    {
        var set = Fixture();

        Assert.Equal(["deposit_balance", "customer_frequency"], set.ExtraNumericColumns);
        Assert.Equal(["member_level"], set.ExtraCategoricalColumns);
        Assert.Equal([1000.0, 250.5, null], set.Numeric("deposit_balance"));
        Assert.Equal([7.0, null, null], set.Numeric("customer_frequency"));
        Assert.Equal(["gold", FeatureValues.Missing, FeatureValues.Missing], set.Categorical("member_level"));
        Assert.Equal([3.0, 1.0, 2.0], set.Numeric(FeatureCatalog.Frequency)); // the built-in keeps its name
    }

    [Fact]
    public void Only_the_country_and_clv_are_not_computable_on_the_full_fixture()
    {
        var set = Fixture();

        // Three customers with two repeat buyers are too few to fit BG/NBD: the CLV features say so, the rest stay.
        Assert.Equal(
            [
                FeatureCatalog.Clv,
                FeatureCatalog.ProbabilityAlive,
                FeatureCatalog.ClvTier,
                FeatureCatalog.ClvNet,
                FeatureCatalog.Country,
            ],
            set.NotComputable.Select(m => m.Name)
        );
        Assert.All(set.NotComputable.Take(4), m =>
            Assert.StartsWith(
                "the CLV models could not be fitted on the purchases up to the as-of date: ",
                m.Reason,
                StringComparison.Ordinal
            )
        );
        var missing = set.NotComputable[^1];
        Assert.Equal("the transaction log has no 'country' value on or before 2024-03-06", missing.Reason);
        Assert.Equal(FeatureValues.Unknown, set.Rows[0].Country);
        Assert.False(set.IsComputable(FeatureCatalog.Country));
        Assert.Contains(FeatureCatalog.ChannelPreference, set.CategoricalColumns);
        Assert.Contains(FeatureCatalog.ReturnRate, set.NumericColumns);
    }

    [Fact]
    public void An_earlier_as_of_date_ignores_later_lines()
    {
        using var store = FeatureFixture.Store();

        var set = CustomerFeatureSet.Compute(store, new FeatureOptions { AsOf = new DateOnly(2024, 2, 29) });

        Assert.Equal(["c1", "c2"], set.Rows.Select(r => r.CustomerId)); // c3 bought on Mar 1
        var c1 = set.Rows[0];
        Assert.Equal(45, c1.RecencyDays); // Jan 15 → Jan 31 = 16, → Feb 29 = 29
        Assert.Equal(2, c1.Frequency); // o3 (Mar 5) is after the as-of date
        Assert.Equal(55.50m, c1.Monetary);
        Assert.Equal(9, set.Rows[1].RecencyDays); // c2: Feb 20 → Feb 29
    }

    [Fact]
    public void A_log_without_optional_columns_reports_the_features_it_cannot_compute()
    {
        var lines = FeatureFixture
            .Clean()
            .Select(t => new Transaction(t.CustomerId, t.OrderId, t.Timestamp, t.Quantity, t.UnitPrice)
            {
                LineNumber = t.LineNumber,
            });
        using var store = TransactionStore.FromTransactions(lines);

        var set = CustomerFeatureSet.Compute(store);

        var notComputable = set.NotComputable.ToDictionary(m => m.Name, m => m.Reason);
        Assert.Equal(
            "the returns table has no line dated on or before 2024-03-06",
            notComputable[FeatureCatalog.ReturnRate]
        );
        Assert.Equal(
            "the transaction log has no 'channel' value on or before 2024-03-06",
            notComputable[FeatureCatalog.ChannelPreference]
        );
        Assert.Equal("no customer table was loaded", notComputable[FeatureCatalog.Age]);
        Assert.Equal(
            "no customer table was loaded; the transaction log has no 'city' value on or before 2024-03-06",
            notComputable[FeatureCatalog.City]
        );
        foreach (
            var name in new[]
            {
                FeatureCatalog.OnlineShare,
                FeatureCatalog.BrandPreference,
                FeatureCatalog.PriceTierPreference,
                FeatureCatalog.FavouriteCategory,
                FeatureCatalog.AcquisitionCost,
                FeatureCatalog.NetValue,
                FeatureCatalog.IncomeBand,
                FeatureCatalog.Satisfaction,
            }
        )
        {
            Assert.Contains(name, notComputable.Keys);
        }
        Assert.Equal(FeatureValues.Unknown, set.Rows[0].ChannelPreference);
        Assert.Null(set.Rows[0].OnlineShare);
        Assert.Null(set.Rows[0].ReturnRate);
        Assert.Equal(64.50m, set.Rows[0].Monetary); // what can be computed still is
        var error = Assert.Throws<OptionsException>(() => set.Categorical(FeatureCatalog.ChannelPreference));
        Assert.Equal(
            "feature 'channel_preference' could not be computed: the transaction log has no 'channel' "
                + "value on or before 2024-03-06",
            error.Message
        );
    }

    [Fact]
    public void A_customer_without_any_known_channel_gets_the_missing_label_when_others_have_one()
    {
        var lines = FeatureFixture
            .Clean()
            .Append(FeatureFixture.Line(10, "c5", "o7", new DateTime(2024, 2, 1), 1m, 8m));
        using var store = TransactionStore.FromTransactions(lines);

        var c5 = CustomerFeatureSet.Compute(store).Rows.Single(r => r.CustomerId == "c5");

        Assert.Equal(FeatureValues.Missing, c5.ChannelPreference);
        Assert.Null(c5.OnlineShare);
        Assert.Equal(FeatureValues.Missing, c5.FavouriteCategory);
    }

    [Fact]
    public void Empty_customer_columns_are_not_computable_and_say_so()
    {
        using var store = FeatureFixture.Store(withCustomers: false);
        store.Execute(
            $"INSERT INTO {TransactionStore.CustomersTable} (customer_id, age) VALUES ('c1', 30), ('c2', NULL)"
        );

        var set = CustomerFeatureSet.Compute(store);

        var notComputable = set.NotComputable.ToDictionary(m => m.Name, m => m.Reason);
        Assert.Equal("the customer table's 'gender' column is empty", notComputable[FeatureCatalog.Gender]);
        Assert.True(set.IsComputable(FeatureCatalog.AgeBand));
        Assert.Equal(["young", FeatureValues.Missing, FeatureValues.Missing], set.Categorical(FeatureCatalog.AgeBand));
    }

    [Fact]
    public void Duplicate_customer_rows_are_an_error_naming_the_customer()
    {
        using var store = FeatureFixture.Store(withCustomers: false);
        store.Execute(
            $"INSERT INTO {TransactionStore.CustomersTable} (customer_id, age) VALUES ('c1', 30), ('c1', 31)"
        );

        var error = Assert.Throws<SegmentationException>(() => CustomerFeatureSet.Compute(store));

        Assert.Equal(
            "the customer table has more than one row for customer_id 'c1'; expected one row per customer",
            error.Message
        );
    }

    [Fact]
    public void An_empty_clean_table_is_an_error()
    {
        using var store = TransactionStore.InMemory();

        var error = Assert.Throws<SegmentationException>(() => CustomerFeatureSet.Compute(store));

        Assert.Contains("the clean table is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feature_matrix_refuses_undefined_values_instead_of_imputing()
    {
        var set = Fixture();

        var error = Assert.Throws<OptionsException>(() =>
            set.ToFeatureMatrix([FeatureCatalog.Frequency, FeatureCatalog.MeanDaysBetweenOrders])
        );
        var matrix = set.ToFeatureMatrix([
            FeatureCatalog.RecencyDays,
            FeatureCatalog.Frequency,
            FeatureCatalog.Monetary,
        ]);

        Assert.Equal(
            "feature 'mean_days_between_orders' is undefined for 1 of 3 customers; expected a value for "
                + "every customer (choose other columns or filter rows)",
            error.Message
        );
        Assert.Equal(["c1", "c2", "c3"], matrix.RowKeys);
        Assert.Equal([1.0, 3.0, 64.5], matrix.Row(0).ToArray());
        Assert.Equal([5.0, 2.0, 150.0], matrix.Row(2).ToArray());
    }

    [Fact]
    public void Options_are_validated_with_both_values_in_the_message()
    {
        using var store = FeatureFixture.Store();

        var share = Assert.Throws<OptionsException>(() =>
            CustomerFeatureSet.Compute(store, new FeatureOptions { PreferenceShare = 0.4 })
        );
        var ages = Assert.Throws<OptionsException>(() =>
            CustomerFeatureSet.Compute(store, new FeatureOptions { YoungBelowAge = 40, SeniorFromAge = 30 })
        );

        Assert.Equal("preferenceShare=0.4 must be > 0.5 and <= 1", share.Message);
        Assert.Equal("seniorFromAge=30 must be >= youngBelowAge=40", ages.Message);
    }

    [Fact]
    public void Every_catalog_feature_is_either_computed_or_reported()
    {
        var lines = FeatureFixture
            .Clean()
            .Select(t => new Transaction(t.CustomerId, t.OrderId, t.Timestamp, t.Quantity, t.UnitPrice));
        foreach (var store in new[] { FeatureFixture.Store(), TransactionStore.FromTransactions(lines) })
        {
            using (store)
            {
                var set = CustomerFeatureSet.Compute(store);
                var names = set.Columns.Select(c => c.Name).Concat(set.NotComputable.Select(m => m.Name)).ToHashSet();
                Assert.All(FeatureCatalog.All, c => Assert.Contains(c.Name, names));
                Assert.Equal(names.Count, set.Columns.Count + set.NotComputable.Count); // no feature in both lists
            }
        }
    }

    [Fact]
    public void Gap_statistics_on_generated_data_equal_a_two_pass_computation()
    {
        var lines = GeneratedLog.Create(seed: 3);
        using var store = TransactionStore.FromTransactions(lines);

        var set = CustomerFeatureSet.Compute(store);

        foreach (var row in set.Rows)
        {
            var dates = lines
                .Where(t => t.CustomerId == row.CustomerId)
                .GroupBy(t => t.OrderId)
                .Select(g => DateOnly.FromDateTime(g.Min(t => t.Timestamp)).DayNumber)
                .Order()
                .ToArray();
            var gaps = dates.Zip(dates.Skip(1), (a, b) => (double)(b - a)).ToArray();
            var mean = gaps.Length > 0 ? gaps.Average() : (double?)null;
            double? variation = null;
            if (gaps.Length >= 2 && mean > 0)
                variation = Math.Sqrt(gaps.Sum(g => (g - mean!.Value) * (g - mean.Value)) / (gaps.Length - 1)) / mean;
            Assert.Equal(mean.HasValue, row.MeanDaysBetweenOrders.HasValue);
            Assert.Equal(variation.HasValue, row.DaysBetweenOrdersVariation.HasValue);
            if (mean is { } m)
                Assert.Equal(m, row.MeanDaysBetweenOrders!.Value, 1e-9);
            if (variation is { } v)
                Assert.Equal(v, row.DaysBetweenOrdersVariation!.Value, 1e-9);
        }
        Assert.Contains(set.Rows, r => r.DaysBetweenOrdersVariation is not null);
    }

    [Fact]
    public void Feature_table_holds_every_computed_column_by_kind_with_nan_for_undefined_numbers()
    {
        var set = Fixture();

        var table = set.ToFeatureTable();
        var chosen = set.ToFeatureTable([FeatureCatalog.MeanDaysBetweenOrders, FeatureCatalog.Gender]);

        Assert.Equal(set.NumericColumns, table.NumericColumns);
        Assert.Equal(set.CategoricalColumns, table.CategoricalColumns);
        Assert.Equal(["c1", "c2", "c3"], chosen.CustomerIds);
        Assert.Equal([30.0, double.NaN, 0.0], chosen.Numeric(FeatureCatalog.MeanDaysBetweenOrders));
        Assert.Equal(["F", FeatureValues.Missing, FeatureValues.Missing], chosen.Categorical(FeatureCatalog.Gender));
        Assert.Throws<OptionsException>(() => set.ToFeatureTable([FeatureCatalog.Country]));
    }

    [Fact]
    public void The_feature_set_sums_itself_up_in_english_as_before_and_in_chinese()
    {
        var set = Fixture();

        Assert.Matches(
            "^CustomerFeatureSet: [0-9]+ customers as of [0-9-]{10}, [0-9]+ numeric \\+ [0-9]+ categorical features, "
                + "[0-9]+ not computable$",
            set.ToString()
        );
        Assert.Equal(set.ToString(), set.Summary(Language.English));
        Assert.DoesNotMatch("[A-Za-z]{3,}", set.Summary(Language.Chinese));
    }
}
