using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;

namespace Segmentation.Tests.Data.Loading;

public sealed class TransactionLoaderTests
{
    private const string OnlineRetail =
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
        + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom\n"
        + "536365,71053,\"WHITE METAL LANTERN, LARGE\",6,12/1/2010 8:26,3.39,17850,United Kingdom\n"
        + "C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom\n"
        + "536414,22139,,56,12/1/2010 11:52,0,,United Kingdom\n"
        + "536520,21123,SET/10 IVORY POLKADOT PARTY CANDLES,1,12/1/2010 12:43,1.25,14729.0,United Kingdom\n";

    [Fact]
    public void Online_retail_export_is_detected_and_read_with_its_date_format_and_cancellations()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();

        var result = TransactionLoader.Load(store, scratch.Write("online_retail.csv", OnlineRetail));

        Assert.Equal(ColumnMapping.OnlineRetailPresetName, result.Mapping.Name);
        Assert.Equal(5, result.RowsIn);
        Assert.Equal(3, result.Clean);
        Assert.Equal(1, result.Returns);
        Assert.Equal([5L], StoreQueries.Lines(store, TransactionStore.QuarantineTable, "rule = 'missing_customer_id'"));
        var first = store.Read().First();
        Assert.Equal(
            new Transaction("17850", "536365", new DateTime(2010, 12, 1, 8, 26, 0), 6m, 2.55m)
            {
                LineNumber = 2,
                ProductId = "85123A",
                Country = "United Kingdom",
            },
            first
        );
        var cancellation = store.Read(TransactionStore.ReturnsTable).Single();
        Assert.Equal("C536379", cancellation.OrderId);
        Assert.Equal(-1m, cancellation.Quantity);
    }

    [Fact]
    public void Optional_columns_the_file_lacks_are_null_and_reported_missing()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();

        var result = TransactionLoader.Load(store, scratch.Write("online_retail.csv", OnlineRetail));

        Assert.Equal(
            [
                TransactionColumns.Category,
                TransactionColumns.Channel,
                TransactionColumns.BrandOrigin,
                TransactionColumns.PriceTier,
                TransactionColumns.City,
            ],
            result.MissingColumns
        );
        Assert.All(store.Read(), t => Assert.Null(t.Category));
    }

    [Fact]
    public void Optional_columns_can_be_left_unread()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();

        var result = TransactionLoader.Load(
            store,
            scratch.Write("online_retail.csv", OnlineRetail),
            options: new CleaningOptions { ReadOptionalColumns = false }
        );

        Assert.Equal(TransactionColumns.Required, result.PresentColumns);
        Assert.Equal(3, result.Clean);
        Assert.All(store.Read(), t => Assert.Null(t.Country));
    }

    [Fact]
    public void An_explicit_mapping_reads_any_header()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write("t.csv", "Client;Ticket;When;Units;Price\nk1;t1;2023-05-06T07:08:09;3;4.5\n");
        var mapping = ColumnMapping.Parse(
            "customer_id=Client,order_id=Ticket,timestamp=When,quantity=Units,unit_price=Price"
        );

        var result = TransactionLoader.Load(store, path, mapping, new CleaningOptions { Delimiter = ';' });

        Assert.Equal(1, result.Clean);
        Assert.Equal(
            new Transaction("k1", "t1", new DateTime(2023, 5, 6, 7, 8, 9), 3m, 4.5m) { LineNumber = 2 },
            store.Read().Single()
        );
    }

    [Fact]
    public void A_header_that_fits_no_preset_lists_the_expected_and_the_found_columns()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write("t.csv", "a,b,c\n1,2,3\n");

        var error = Assert.Throws<DataFormatException>(() => TransactionLoader.Load(store, path));

        Assert.Equal(
            $"{path}:1: no column mapping fits the header; missing roles customer_id, order_id, timestamp, "
                + "quantity, unit_price (found 'a, b, c'); "
                + "expected customer_id, order_id, timestamp, quantity, unit_price (preset 'workspace') "
                + "or CustomerID, InvoiceNo, InvoiceDate, Quantity, UnitPrice (preset 'online-retail'), or a map",
            error.Message
        );
    }

    [Fact]
    public void A_preset_whose_column_is_missing_names_it()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write("t.csv", "InvoiceNo,Quantity,InvoiceDate,UnitPrice\n1,2,12/1/2010 8:26,3\n");

        var error = Assert.Throws<DataFormatException>(() =>
            TransactionLoader.Load(store, path, ColumnMapping.OnlineRetail)
        );

        Assert.Equal(
            $"{path}:1: missing required column customer_id (from 'CustomerID') for mapping 'online-retail' "
                + "(found 'InvoiceNo, Quantity, InvoiceDate, UnitPrice'); "
                + "expected CustomerID, InvoiceNo, InvoiceDate, Quantity, UnitPrice",
            error.Message
        );
    }

    [Fact]
    public void Parquet_input_is_read_with_row_numbers_as_line_numbers()
    {
        using var scratch = new ScratchDirectory();
        var parquet = Path.Combine(scratch.Path, "t.parquet");
        using (var writer = TransactionStore.InMemory())
        {
            writer.Execute(
                $"""
                COPY (SELECT * FROM (VALUES ('c1', 'o1', TIMESTAMP '2024-01-02 03:04:05', 2.5::DOUBLE, 4::INTEGER),
                                            ('c2', 'o2', TIMESTAMP '2024-01-03 00:00:00', -1.0::DOUBLE, 4::INTEGER),
                                            (NULL, 'o3', TIMESTAMP '2024-01-04 00:00:00', 1.0::DOUBLE, 4::INTEGER))
                      t(customer_id, order_id, "timestamp", quantity, unit_price))
                TO '{parquet}' (FORMAT parquet)
                """
            );
        }
        using var store = TransactionStore.InMemory();

        var result = TransactionLoader.Load(store, parquet);

        Assert.Equal(3, result.RowsIn);
        Assert.Equal(
            new Transaction("c1", "o1", new DateTime(2024, 1, 2, 3, 4, 5), 2.5m, 4m) { LineNumber = 1 },
            store.Read().Single()
        );
        Assert.Equal([2L], StoreQueries.Lines(store, TransactionStore.ReturnsTable));
        Assert.Equal([3L], StoreQueries.Lines(store, TransactionStore.QuarantineTable));
    }

    [Fact]
    public void Common_timestamp_formats_are_understood_in_the_invariant_culture()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write(
            "t.csv",
            "customer_id,order_id,timestamp,quantity,unit_price\n"
                + "c,o1,2024-03-04,1,1\nc,o2,2024-03-04 "
                + "05:06,1,1\nc,o3,2024-03-04T05:06:07,1,1\nc,o4,3/4/2024 5:06,1,1\n"
                + "c,o5,2024/03/04,1,1\nc,o6,04.03.2024 05:06:07,1,1\nc,o7,1.5,1,1\n"
        );

        TransactionLoader.Load(store, path);

        var days = store.Read().Select(t => t.Timestamp.Date).Distinct().ToList();
        Assert.Equal([new DateTime(2024, 3, 4)], days);
        Assert.Equal(6, store.Count(TransactionStore.CleanTable));
        Assert.Equal([8L], StoreQueries.Lines(store, TransactionStore.QuarantineTable));
    }

    [Fact]
    public void Loading_twice_replaces_the_tables()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write("online_retail.csv", OnlineRetail);

        TransactionLoader.Load(store, path);
        var second = TransactionLoader.Load(store, path);

        Assert.Equal(second.Clean, store.Count(TransactionStore.CleanTable));
        Assert.Equal(second.Quarantined, store.Count(TransactionStore.QuarantineTable));
    }
}
