using Segmentation.Data;
using Segmentation.Features;
using Segmentation.Reports;
using Segmentation.Segmenting.Rules;
using Segmentation.Tests.Features;

namespace Segmentation.Tests.Segmenting.Rules;

public sealed class RfmSegmentationTests
{
    [Fact]
    public void Rfm_csv_of_the_fixture_matches_the_hand_computation()
    {
        using var store = TransactionStore.FromTransactions(FeatureFixture.Clean());
        // n = 3: rank r → bin max(1, ceil(5(r − 1)/2)) = 1, 3, 5.
        // recency c1 1, c3 5, c2 15 → bins 1, 3, 5 → R = 5, 3, 1; frequency c2 1, c3 2, c1 3 → F = 1, 3, 5;
        // monetary c2 25, c1 64.50, c3 150 → M = 1, 3, 5. Segments: 55 champions, 11 hibernating, 33 need_attention.
        var segmentation = RfmSegmentation.FromRfm(Rfm.FromStore(store));
        var writer = new StringWriter();

        RfmFiles.WriteCsv(segmentation, writer);

        Assert.Equal(
            "customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_segment\n"
                + "c1,1,3,64.50,5,5,3,champions\n"
                + "c2,15,1,25.00,1,1,1,hibernating\n"
                + "c3,5,2,150.00,3,3,5,need_attention\n",
            writer.ToString()
        );
    }

    [Fact]
    public void Counts_list_every_rule_in_order_and_count_the_customers_matching_none()
    {
        var table = new RfmTable(
            new DateOnly(2024, 1, 1),
            Enumerable.Range(1, 10).Select(i => new CustomerRfm($"c{i:D2}", i, i, i)).ToArray()
        );
        var rules = new RfmSegmentRules([new("fresh", 4, 5, 1, 5), new("never", 1, 1, 5, 5)]);

        var segmentation = RfmSegmentation.Assign(RfmScores.Score(table), rules);

        // Recency 1..10 → scores 5,5,4,4,3,3,2,2,1,1: four customers are fresh, "never" (r 1, f 5) matches c09 and c10.
        Assert.Equal(
            [new SegmentCount("fresh", 4), new SegmentCount("never", 2), new SegmentCount(RfmSegmentRules.Other, 4)],
            segmentation.Counts
        );
        Assert.Equal(4, segmentation.OtherCount);
    }

    [Fact]
    public void Customer_ids_with_commas_are_quoted_and_rows_are_sorted_ordinally()
    {
        var table = new RfmTable(
            new DateOnly(2024, 1, 1),
            [new CustomerRfm("b", 1, 1, 1.5m), new CustomerRfm("a,1", 2, 2, 2m), new CustomerRfm("B", 3, 3, 3.125m)]
        );
        var writer = new StringWriter();

        RfmFiles.WriteCsv(RfmSegmentation.Assign(RfmScores.Score(table)), writer);

        var lines = writer.ToString().Split('\n');
        Assert.StartsWith("B,3,3,3.125,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("\"a,1\",2,2,2.00,", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("b,1,1,1.50,", lines[3], StringComparison.Ordinal);
    }
}
