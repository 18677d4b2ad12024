using Segmentation.Data;
using Segmentation.Value;

namespace Segmentation.Tests.Value;

public sealed class AcquisitionValueTests
{
    private static readonly Dictionary<string, double> Clv = new()
    {
        ["A"] = 100,
        ["B"] = 50,
        ["C"] = 30,
        ["X"] = 999,
    };

    [Fact]
    public void Channels_report_mean_cac_mean_clv_and_their_ratio()
    {
        CustomerAcquisition[] acquisitions =
        [
            new("A", "ads", 20),
            new("B", "ads", 30),
            new("C", "email", 0),
            new("D", "email", 10),
            new("E", "referral", 0),
        ];

        var channels = AcquisitionValue.ByChannel(Clv, acquisitions);

        // ads: CAC (20 + 30)/2 = 25, CLV (100 + 50)/2 = 75, ratio 3.
        // email: D never bought (CLV 0): CAC 5, CLV 15, ratio 3.  referral: CAC 0 → no ratio.
        Assert.Equal(
            [
                new ChannelValue("ads", 2, 0, 25, 75, 3),
                new ChannelValue("email", 2, 1, 5, 15, 3),
                new ChannelValue("referral", 1, 1, 0, 0, null),
            ],
            channels
        );
    }

    [Fact]
    public void A_customer_acquired_twice_is_rejected()
    {
        var error = Assert.Throws<OptionsException>(() =>
            AcquisitionValue.ByChannel(Clv, [new("A", "ads", 1), new("A", "email", 2)])
        );

        Assert.Equal(
            "customer 'A' appears more than once in the acquisitions; expected one channel and cost per customer",
            error.Message
        );
    }

    [Fact]
    public void Acquisitions_are_read_from_the_customers_table_skipping_missing_values()
    {
        using var store = TransactionStore.InMemory();
        store.Execute(
            $"CREATE OR REPLACE TABLE {TransactionStore.CustomersTable} (customer_id VARCHAR, "
                + "acquisition_channel VARCHAR, acquisition_cost DOUBLE)"
        );
        store.Execute(
            $"INSERT INTO {TransactionStore.CustomersTable} VALUES ('B', 'ads', 30), ('A', 'ads', 20.5), "
                + "('C', NULL, 3), ('D', 'email', NULL)"
        );

        var acquisitions = AcquisitionValue.ReadAcquisitions(store);

        Assert.Equal(
            [new CustomerAcquisition("A", "ads", 20.5), new CustomerAcquisition("B", "ads", 30)],
            acquisitions
        );
    }
}
