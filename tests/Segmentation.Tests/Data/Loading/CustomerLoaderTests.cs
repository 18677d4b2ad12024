using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;

namespace Segmentation.Tests.Data.Loading;

public sealed class CustomerLoaderTests
{
    private const string Customers =
        "customer_id,age,gender,income,city_tier,satisfaction,signup_date,loyalty_card\n"
        + // 1
        "k1,34,female,52000,1,4,2020-01-05,gold\n"
        + // 2 loaded
        "k2,abc,male,40000,2,3,2020-02-01,none\n"
        + // 3 age not an integer
        ",40,male,1,1,1,2020-01-01,none\n"
        + // 4 missing id
        "k3,200,female,1,1,1,2020-01-01,none\n"
        + // 5 age out of range
        "k1,35,female,1,1,1,2020-01-01,silver\n"
        + // 6 id already on line 2
        "k4,28,,,,,,\n"
        + // 7 loaded, attributes NULL
        "k5,30,male,1000,1,9,2021-13-01,none\n"
        + // 8 impossible date (read before range checks)
        "k2,41,male,1,1,1,2020-01-01,none\n"; // 9 loaded: the earlier k2 was invalid

    [Fact]
    public void Customers_are_typed_checked_and_deduplicated_with_every_row_accounted_for()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();

        var result = CustomerLoader.Load(store, scratch.Write("customers.csv", Customers));

        Assert.Equal(8, result.RowsIn);
        Assert.Equal(3, result.Loaded);
        Assert.Equal(5, result.Quarantined);
        Assert.Equal([2L, 7L, 9L], StoreQueries.Lines(store, TransactionStore.CustomersTable));
        var quarantine = StoreQueries.Rows(
            store,
            "SELECT line_number, rule, column_name, reason FROM quarantine WHERE source = 'customers' "
                + "ORDER BY line_number"
        );
        Assert.Equal(
            new[]
            {
                "3 unparseable age not an integer",
                "4 missing_customer_id customer_id missing customer id",
                "5 out_of_range age age must be between 0 and 130",
                "6 duplicate_customer_id customer_id customer id already on line 2",
                "8 unparseable signup_date not a date",
            },
            quarantine.Select(r => string.Join(" ", r)).ToArray()
        );
    }

    [Fact]
    public void Known_columns_are_typed_and_unknown_ones_pass_through_as_text()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();

        var result = CustomerLoader.Load(store, scratch.Write("customers.csv", Customers));

        Assert.Equal(["loyalty_card"], result.PassthroughColumns);
        var row = StoreQueries
            .Rows(
                store,
                "SELECT customer_id, age, typeof(age), income, typeof(signup_date), CAST(signup_date AS "
                    + "VARCHAR), loyalty_card, gender FROM customers WHERE line_number = 2"
            )
            .Single();
        Assert.Equal(new string?[] { "k1", "34", "INTEGER", "52000.00", "DATE", "2020-01-05", "gold", "female" }, row);
        var empty = StoreQueries
            .Rows(store, "SELECT gender, income, loyalty_card FROM customers WHERE line_number = 7")
            .Single();
        Assert.Equal(new string?[] { null, null, null }, empty);
    }

    [Fact]
    public void A_customer_file_without_an_id_column_is_refused()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write("customers.csv", "client,age\nk1,3\n");

        var error = Assert.Throws<DataFormatException>(() => CustomerLoader.Load(store, path));

        Assert.Equal(
            $"{path}:1: missing required column customer_id for mapping 'workspace' (found 'client, age'); "
                + "expected customer_id; try --customer-map customer_id=client",
            error.Message
        );
    }

    [Fact]
    public void A_customer_mapping_renames_source_columns()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write("customers.csv", "client,age\nk1,3\n");

        var result = CustomerLoader.Load(store, path, ColumnMapping.Parse("customer_id=client", CustomerColumns.All));

        Assert.Equal(1, result.Loaded);
        Assert.Equal([CustomerColumns.CustomerId, CustomerColumns.Age], result.PresentColumns);
    }

    [Fact]
    public void Direct_identifier_columns_are_dropped_at_load_unless_kept_explicitly()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write(
            "contacts.csv",
            "customer_id,full_name,email,mobile,shipping_address,loyalty_card\n"
                + "k1,Li Wei,li@example.com,+86 138 0013 8000,1 Road,gold\n"
        );
        using var store = TransactionStore.InMemory();

        var dropped = CustomerLoader.Load(store, path);

        Assert.Equal(["full_name", "email", "mobile", "shipping_address"], dropped.DroppedIdentifierColumns);
        Assert.Equal(["loyalty_card"], dropped.PassthroughColumns);
        var columns = StoreQueries
            .Rows(store, "SELECT column_name FROM information_schema.columns WHERE table_name = 'customers'")
            .Select(r => r[0])
            .ToList();
        Assert.DoesNotContain("email", columns);
        Assert.DoesNotContain("full_name", columns);

        var kept = CustomerLoader.Load(store, path, options: new CleaningOptions { KeepIdentifierColumns = ["email"] });
        Assert.Equal(["full_name", "mobile", "shipping_address"], kept.DroppedIdentifierColumns);
        Assert.Contains("email", kept.PassthroughColumns);
    }

    [Fact]
    public void Quarantined_lines_never_carry_dropped_identifiers()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write(
            "contacts.csv",
            "customer_id,email,age\n"
                + "k1,li@example.com,30\n"
                + "k2,wang@example.com,40,extra\n"
                + // malformed: four fields
                "k3,zhao@example.com,old\n"
        ); // bad age: quarantined by rule
        using var store = TransactionStore.InMemory();

        var result = CustomerLoader.Load(store, path);

        Assert.Equal(1, result.Loaded);
        var rows = StoreQueries.Rows(
            store,
            "SELECT line_number, rule, raw FROM quarantine WHERE source = 'customers' ORDER BY line_number"
        );
        Assert.Equal(["3", "4"], rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.DoesNotContain("@example.com", r[2], StringComparison.Ordinal));
        Assert.Contains("dropped identifier columns email", rows[0][2], StringComparison.Ordinal);
        Assert.Equal("k3,old", rows[1][2]);
    }
}
