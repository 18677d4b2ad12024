using Segmentation.Data;
using Segmentation.Data.Loading;

namespace Segmentation.Tests.Data.Loading;

public sealed class ColumnMappingTests
{
    private static readonly string[] OnlineRetailHeader =
    [
        "InvoiceNo",
        "StockCode",
        "Description",
        "Quantity",
        "InvoiceDate",
        "UnitPrice",
        "CustomerID",
        "Country",
    ];

    [Fact]
    public void Detect_picks_the_preset_whose_required_columns_the_header_has()
    {
        Assert.Same(ColumnMapping.OnlineRetail, ColumnMapping.Detect(OnlineRetailHeader));
        Assert.Same(ColumnMapping.Workspace, ColumnMapping.Detect(TransactionColumns.All.ToArray()));
        Assert.Same(
            ColumnMapping.Workspace,
            ColumnMapping.Detect(["CUSTOMER_ID", "order_id", "Timestamp", "quantity", "unit_price"])
        );
        Assert.Null(ColumnMapping.Detect(["a", "b", "c"]));
    }

    [Fact]
    public void Workspace_preset_is_the_schema_column_names()
    {
        Assert.Equal(TransactionColumns.All.Order(), ColumnMapping.Workspace.Columns.Keys.Order());
        Assert.All(ColumnMapping.Workspace.Columns, kv => Assert.Equal(kv.Key, kv.Value));
    }

    [Fact]
    public void Preset_names_are_looked_up_and_an_unknown_one_lists_the_choices()
    {
        Assert.Same(ColumnMapping.OnlineRetail, ColumnMapping.Preset("Online-Retail"));
        var error = Assert.Throws<OptionsException>(() => ColumnMapping.Preset("sap"));
        Assert.Equal("preset='sap' is unknown; expected one of workspace, online-retail", error.Message);
    }

    [Fact]
    public void Parse_reads_pairs_and_falls_back_to_same_named_columns()
    {
        var mapping = ColumnMapping.Parse("customer_id=Client, order_id = Ticket");

        Assert.Equal("Client", mapping.Columns[TransactionColumns.CustomerId]);
        Assert.Equal("Ticket", mapping.Columns[TransactionColumns.OrderId]);
        Assert.Equal("quantity", mapping.Columns[TransactionColumns.Quantity]);
        Assert.Equal("custom", mapping.Name);
    }

    [Fact]
    public void Parse_rejects_unknown_workspace_columns_and_bad_pairs()
    {
        var unknown = Assert.Throws<OptionsException>(() => ColumnMapping.Parse("client=Client"));
        var bad = Assert.Throws<OptionsException>(() => ColumnMapping.Parse("customer_id"));

        Assert.StartsWith("map: 'client' is not a role; roles: customer_id, order_id", unknown.Message);
        Assert.StartsWith("map='customer_id' must be a list of role=column pairs", bad.Message);
    }

    [Fact]
    public void Missing_required_lists_the_columns_the_header_lacks()
    {
        var missing = ColumnMapping.OnlineRetail.MissingRequired(
            ["InvoiceNo", "Quantity", "UnitPrice"],
            TransactionColumns.Required
        );

        Assert.Equal([TransactionColumns.CustomerId, TransactionColumns.Timestamp], missing.Order());
    }
}
