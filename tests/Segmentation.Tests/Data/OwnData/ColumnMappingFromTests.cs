using Segmentation.Data;
using Segmentation.Data.Loading;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Data.OwnData;

public sealed class ColumnMappingFromTests
{
    [Fact]
    public void From_pairs_reads_chinese_headers_exactly_after_trimming()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write("t.csv", " 会员ID ,订单号,下单时间,数量,单价\n7,A1,2024-01-02 10:00:00,2,2.5\n");

        var result = TransactionLoader.Load(
            store,
            path,
            ColumnMapping.From(
                ("customer_id", "会员ID"),
                ("order_id", "订单号"),
                ("timestamp", "下单时间"),
                ("quantity", "数量"),
                ("unit_price", "单价")
            )
        );

        Assert.Equal(1, result.Clean);
        var row = Assert.Single(store.Read());
        Assert.Equal(("7", "A1", 2m, 2.5m), (row.CustomerId, row.OrderId, row.Quantity, row.UnitPrice));
    }

    [Fact]
    public void A_user_map_matches_case_exactly()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write(
            "t.csv",
            "Client,order_id,timestamp,quantity,unit_price\n7,A1,2024-01-02 10:00:00,2,2.5\n"
        );

        var error = Assert.Throws<DataFormatException>(() =>
            TransactionLoader.Load(store, path, ColumnMapping.Parse("customer_id=client"))
        );

        Assert.Equal(
            $"{path}:1: map: column 'client' for role customer_id is not in the header (did you mean "
                + "'Client'?); columns: Client, order_id, timestamp, quantity, unit_price",
            error.Message
        );
    }

    [Fact]
    public void An_amount_alone_is_one_unit_at_that_price_and_a_negative_amount_a_return()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write(
            "t.csv",
            "客户,订单号,日期,实付金额\n7,A1,2024-01-02 10:00:00,12.5\n7,A2,2024-01-03 "
                + "10:00:00,-12.5\n8,A3,2024-01-03 10:00:00,0\n8,A4,2024-01-03 10:00:00,x\n"
        );

        var result = TransactionLoader.Load(
            store,
            path,
            ColumnMapping.From(
                ("customer_id", "客户"),
                ("order_id", "订单号"),
                ("timestamp", "日期"),
                ("amount", "实付金额")
            )
        );

        Assert.Equal((1L, 1L, 2L), (result.Clean, result.Returns, result.Quarantined));
        var clean = Assert.Single(store.Read());
        Assert.Equal((1m, 12.5m), (clean.Quantity, clean.UnitPrice));
        Assert.Equal(
            [
                ["4", "non_positive", "amount", "0"],
                ["5", "unparseable", "amount", "x"],
            ],
            StoreQueries.Rows(
                store,
                "SELECT line_number, rule, column_name, \"value\" FROM quarantine ORDER BY line_number"
            )
        );
    }

    [Fact]
    public void An_amount_with_a_quantity_gives_the_unit_price_as_amount_over_quantity()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var path = scratch.Write(
            "t.csv",
            "customer_id,order_id,timestamp,quantity,amount\n7,A1,2024-01-02 10:00:00,3,25.89\n"
        );

        var result = TransactionLoader.Load(store, path, ColumnMapping.From(("amount", "amount")));

        Assert.Equal(1, result.Clean);
        var row = Assert.Single(store.Read());
        Assert.Equal((3m, 8.63m), (row.Quantity, row.UnitPrice));
    }

    [Fact]
    public void The_suggestion_knows_common_english_and_chinese_names()
    {
        var guesses = ColumnBinding.Guess(
            ["用户ID", "订单编号", "下单日期", "购买数量", "实付金额", "Product"],
            TransactionColumns.Roles
        );

        Assert.Equal("用户ID", guesses[TransactionColumns.CustomerId]);
        Assert.Equal("订单编号", guesses[TransactionColumns.OrderId]);
        Assert.Equal("下单日期", guesses[TransactionColumns.Timestamp]);
        Assert.Equal("购买数量", guesses[TransactionColumns.Quantity]);
        Assert.Equal("实付金额", guesses[TransactionColumns.Amount]);
        Assert.Equal("Product", guesses[TransactionColumns.ProductId]);
        Assert.Equal(
            "; try --map customer_id=用户ID,amount=实付金额",
            ColumnBinding.Suggestion(
                ["用户ID", "订单编号", "下单日期", "购买数量", "实付金额"],
                [TransactionColumns.CustomerId, TransactionColumns.UnitPrice],
                TransactionColumns.Roles,
                "--map"
            )
        );
    }
}
