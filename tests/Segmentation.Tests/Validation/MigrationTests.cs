using Segmentation.Common.Text;
using Segmentation.Validation;

namespace Segmentation.Tests.Validation;

public sealed class MigrationTests
{
    private static readonly Dictionary<string, string> Earlier = new()
    {
        ["c1"] = "A",
        ["c2"] = "A",
        ["c3"] = "B",
        ["c4"] = "B",
    };
    private static readonly Dictionary<string, string> Later = new()
    {
        ["c5"] = "C",
        ["c3"] = "B",
        ["c2"] = "B",
        ["c1"] = "A",
    };

    [Fact]
    public void Transition_matrix_counts_moves_new_and_lapsed_customers()
    {
        // c1 A→A, c2 A→B, c3 B→B, c4 B→(lapsed), c5 (new)→C.
        var matrix = Migration.Between(Earlier, Later);

        Assert.Equal(["A", "B", "C", "new"], matrix.From);
        Assert.Equal(["A", "B", "C", "lapsed"], matrix.To);
        Assert.Equal([1, 1, 0, 0], matrix.Counts[0]);
        Assert.Equal([0, 1, 0, 1], matrix.Counts[1]);
        Assert.Equal([0, 0, 0, 0], matrix.Counts[2]);
        Assert.Equal([0, 0, 1, 0], matrix.Counts[3]);
        Assert.Equal([0.5, 0.5, 0, 0], matrix.RowShares[0]);
        Assert.Equal([0.0, 0, 0, 0], matrix.RowShares[2]);
        Assert.Equal(1, matrix.Count("B", "lapsed"));
        Assert.Equal(0, matrix.Count("Z", "A"));
    }

    [Fact]
    public void Sankey_links_list_non_zero_cells_row_by_row()
    {
        var matrix = Migration.Between(Earlier, Later);

        Assert.Equal(
            [
                new MigrationLink(0, "A", 1, "A", 1),
                new MigrationLink(0, "A", 1, "B", 1),
                new MigrationLink(0, "B", 1, "B", 1),
                new MigrationLink(0, "B", 1, "lapsed", 1),
                new MigrationLink(0, "new", 1, "C", 1),
            ],
            matrix.Links
        );
    }

    [Fact]
    public void Ordering_does_not_depend_on_input_order_and_follows_a_given_segment_order()
    {
        var reversed = Migration.Between(
            Earlier.Reverse().Select(p => (p.Key, p.Value)),
            Later.Reverse().Select(p => (p.Key, p.Value))
        );
        var ordered = Migration.Between(Earlier, Later, segmentOrder: ["C", "A"]);

        Assert.Equal(Migration.Between(Earlier, Later).Links, reversed.Links);
        Assert.Equal(["C", "A", "B", "new"], ordered.From);
        Assert.Equal(["C", "A", "B", "lapsed"], ordered.To);
        Assert.Equal([1, 0, 0, 0], ordered.Counts[3]); // new → C
        Assert.Equal([0, 0, 1, 1], ordered.Counts[2]); // B → B, B → lapsed
    }

    [Fact]
    public void Three_periods_give_two_transitions_and_period_tagged_links()
    {
        var third = new Dictionary<string, string> { ["c1"] = "A", ["c5"] = "A" };

        var path = Migration.Across([Earlier, Later, third], ["2022", "2023", "2024"]);

        Assert.Equal(["2022", "2023", "2024"], path.Periods);
        Assert.Equal(2, path.Transitions.Count);
        Assert.Equal((1, 2), (path.Transitions[1].FromPeriod, path.Transitions[1].ToPeriod));
        // 2023 → 2024: c1 A→A, c5 C→A, c2 B→lapsed, c3 B→lapsed.
        Assert.Equal(
            [
                new MigrationLink(1, "A", 2, "A", 1),
                new MigrationLink(1, "B", 2, "lapsed", 2),
                new MigrationLink(1, "C", 2, "A", 1),
            ],
            path.Links.Where(l => l.FromPeriod == 1)
        );
        Assert.Equal(path.Transitions.Sum(t => t.Links.Count), path.Links.Count);
    }

    [Fact]
    public void Repeated_customers_and_clashing_segment_names_are_rejected()
    {
        var repeated = Assert.Throws<OptionsException>(() =>
            Migration.Between([("c1", "A"), ("c1", "B")], [("c1", "A")])
        );
        var clash = Assert.Throws<OptionsException>(() =>
            Migration.Between(new Dictionary<string, string> { ["c1"] = "new" }, Later)
        );
        var one = Assert.Throws<OptionsException>(() => Migration.Across([Earlier]));

        Assert.Contains("customer 'c1' appears more than once", repeated.Message);
        Assert.Contains("segment 'new' clashes", clash.Message);
        Assert.Contains("periods=1 must be >= 2", one.Message);
    }

    [Fact]
    public void Migration_rows_read_in_the_language_new_and_lapsed_included()
    {
        Assert.Equal("忠诚客户", Migration.SegmentText("loyal_customers", Language.Chinese));
        Assert.Equal("已流失", Migration.SegmentText(Migration.LapsedSegment, Language.Chinese));
        Assert.Equal("new", Migration.SegmentText(Migration.NewSegment, Language.English));
        Assert.Equal("S1", Migration.SegmentText("S1", Language.Chinese));
    }
}
