namespace Segmentation.Data;

/// <summary>
/// The SQL shape of the <see cref="TransactionStore.CustomersTable"/> table: one row per customer,
/// <c>customer_id</c> plus every column of <see cref="CustomerColumns"/>, all but the id optional
/// (NULL when the export lacks them). Loading fills it; features read it.
/// </summary>
public static class CustomerTableSchema
{
    /// <summary>SQL column list of the customers table, in <see cref="CustomerColumns.All"/> order.</summary>
    public const string CustomersTableSchema =
        "customer_id VARCHAR, signup_date DATE, age INTEGER, gender VARCHAR, occupation VARCHAR, income DOUBLE, " +
        "city VARCHAR, city_tier INTEGER, acquisition_channel VARCHAR, acquisition_cost DOUBLE, lifestyle VARCHAR, " +
        "price_sensitivity INTEGER, satisfaction INTEGER, purchase_driver VARCHAR";

    /// <summary>Creates the empty customers table in <paramref name="store"/> (extra pass-through columns may be added after).</summary>
    public static void CreateTable(TransactionStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.Execute($"CREATE TABLE {TransactionStore.CustomersTable} ({CustomersTableSchema})");
    }
}
