using Segmentation.Data;
using Segmentation.Data.Loading;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Data.OwnData;

public sealed class CustomerEncodingTests
{
    [Fact]
    public void Bad_bytes_in_a_dropped_identifier_column_are_still_caught_and_its_text_never_staged()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write(
            "c.csv",
            [
                .. System.Text.Encoding.UTF8.GetBytes("customer_id,age,email\nc1,30,a@b.c\nc2,40,"),
                0xE9,
                (byte)'\n',
                .. System.Text.Encoding.UTF8.GetBytes("c3,50,x@y.z\n"),
            ]
        );
        using var store = TransactionStore.InMemory();

        var result = CustomerLoader.Load(store, path);

        Assert.Equal((3L, 2L, 1L), (result.RowsIn, result.Loaded, result.Quarantined));
        Assert.Equal(["email"], result.DroppedIdentifierColumns);
        Assert.Equal(
            [
                ["3", "invalid encoding: the line is not valid UTF-8", "True"],
            ],
            StoreQueries.Rows(store, "SELECT line_number, reason, starts_with(raw, '(withheld') FROM quarantine")
        );
    }
}
