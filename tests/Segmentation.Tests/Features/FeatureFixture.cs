using Segmentation.Data;

namespace Segmentation.Tests.Features;

/// <summary>
/// The hand-computed fixture: three buying customers, one return, a customer table with two extra columns.
/// Every expected number in the tests is derived in comments from these rows.
/// </summary>
internal static class FeatureFixture
{
    // c1: three orders.
    //   o1 2024-01-05: 2 × 10.00 books/online/international/premium = 20.00; 1 × 5.50 toys/online/local/mid = 5.50
    //   o2 2024-01-15: 1 × 30.00 books/offline/international/premium = 30.00
    //   o3 2024-03-05: 4 × 2.25 toys/online/international/premium = 9.00
    //   monetary 64.50, units 8, order dates Jan 5, Jan 15, Mar 5 (last timestamp of the data)
    // c2: one order o4 2024-02-20 with two lines: 3 × 7.00 toys/offline/local/budget = 21.00; 1 × 4.00 garden/… = 4.00
    // c3: two orders on the same day: o5 2024-03-01 09:00 1 × 100 garden/online/international/premium;
    //     o6 2024-03-01 15:00 1 × 50 garden/online/international/mid → monetary 150
    // returns: c1 returned 1 × 5.50 on 2024-01-20.
    // Default as-of: the day after 2024-03-05 = 2024-03-06.
    public static readonly DateOnly AsOf = new(2024, 3, 6);

    public static Transaction[] Clean() =>
        [
            Line(
                1,
                "c1",
                "o1",
                new DateTime(2024, 1, 5, 10, 0, 0),
                2m,
                10.00m,
                "books",
                "online",
                "international",
                "premium"
            ),
            Line(2, "c1", "o1", new DateTime(2024, 1, 5, 10, 0, 0), 1m, 5.50m, "toys", "online", "local", "mid"),
            Line(
                3,
                "c1",
                "o2",
                new DateTime(2024, 1, 15, 9, 0, 0),
                1m,
                30.00m,
                "books",
                "offline",
                "international",
                "premium"
            ),
            Line(
                4,
                "c1",
                "o3",
                new DateTime(2024, 3, 5, 12, 0, 0),
                4m,
                2.25m,
                "toys",
                "online",
                "international",
                "premium"
            ),
            Line(5, "c2", "o4", new DateTime(2024, 2, 20, 11, 0, 0), 3m, 7.00m, "toys", "offline", "local", "budget"),
            Line(6, "c2", "o4", new DateTime(2024, 2, 20, 11, 0, 0), 1m, 4.00m, "garden", "offline", "local", "budget"),
            Line(
                7,
                "c3",
                "o5",
                new DateTime(2024, 3, 1, 9, 0, 0),
                1m,
                100m,
                "garden",
                "online",
                "international",
                "premium"
            ),
            Line(
                8,
                "c3",
                "o6",
                new DateTime(2024, 3, 1, 15, 0, 0),
                1m,
                50m,
                "garden",
                "online",
                "international",
                "mid"
            ),
        ];

    public static Transaction[] Returns() =>
        [Line(9, "c1", "r1", new DateTime(2024, 1, 20, 8, 0, 0), -1m, 5.50m, "toys", "online", "local", "mid")];

    /// <summary>The fixture's store: clean lines, the return, and the customer table (with c4, who never
    /// bought).</summary>
    public static TransactionStore Store(bool withCustomers = true)
    {
        var store = TransactionStore.FromTransactions(Clean(), Returns());
        if (withCustomers)
            AddCustomers(store);
        return store;
    }

    /// <summary>
    /// c1: signed up 2023-12-01, 30, F, white-collar, income 50000, Shanghai, tier 1, search, cost 12.5, urban, 2, 5,
    /// quality, gold, 1000 c2: 60, gender missing, retired, income 20000, Chengdu, tier 2, social, cost 30, occupation…
    /// survey partly missing c4: no purchase. c3 has no row.
    /// </summary>
    public static void AddCustomers(TransactionStore store)
    {
        store.Execute($"ALTER TABLE {TransactionStore.CustomersTable} ADD COLUMN member_level VARCHAR");
        store.Execute($"ALTER TABLE {TransactionStore.CustomersTable} ADD COLUMN deposit_balance DOUBLE");
        store.Execute($"ALTER TABLE {TransactionStore.CustomersTable} ADD COLUMN frequency INTEGER");
        store.Execute(
            $"""
            INSERT INTO {TransactionStore.CustomersTable} (customer_id, signup_date, age, gender, occupation, income,
                city, city_tier, acquisition_channel, acquisition_cost, lifestyle, price_sensitivity, satisfaction,
                purchase_driver, member_level, deposit_balance, frequency) VALUES
            ('c1', DATE '2023-12-01', 30, 'F', 'white-collar', 50000, 'Shanghai', 1, 'search', 12.5, 'urban', 2, 5,
                'quality', 'gold', 1000, 7),
            ('c2', NULL, 60, NULL, 'retired', 20000, 'Chengdu', 2, 'social', 30, NULL, 4, NULL, 'price', NULL, 250.5,
                NULL),
            ('c4', DATE '2024-01-01', 41, 'M', 'student', 9000, 'Wuhan', 3, 'search', 5, 'sporty', 3, 3, 'service',
                'silver', NULL, 1)
            """
        );
    }

    public static Transaction Line(
        long line,
        string customer,
        string order,
        DateTime timestamp,
        decimal quantity,
        decimal price,
        string? category = null,
        string? channel = null,
        string? brand = null,
        string? tier = null
    ) =>
        new(customer, order, timestamp, quantity, price)
        {
            LineNumber = line,
            Category = category,
            Channel = channel,
            BrandOrigin = brand,
            PriceTier = tier,
        };
}
