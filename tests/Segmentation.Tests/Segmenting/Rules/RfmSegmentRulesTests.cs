using Segmentation.Segmenting.Rules;

namespace Segmentation.Tests.Segmenting.Rules;

public sealed class RfmSegmentRulesTests
{
    [Fact]
    public void The_default_rules_tile_the_five_by_five_grid_exactly_once()
    {
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                var matching = RfmSegmentRules.Default.Rules.Count(rule => rule.Matches(r, f, 3));
                Assert.Equal(1, matching);
            }
        }
    }

    [Theory]
    [InlineData(5, 5, "champions")]
    [InlineData(5, 4, "champions")]
    [InlineData(4, 4, "loyal_customers")]
    [InlineData(3, 5, "loyal_customers")]
    [InlineData(4, 2, "potential_loyalists")]
    [InlineData(5, 1, "new_customers")]
    [InlineData(4, 1, "promising")]
    [InlineData(3, 3, "need_attention")]
    [InlineData(3, 2, "about_to_sleep")]
    [InlineData(2, 3, "at_risk")]
    [InlineData(1, 5, "cant_lose")]
    [InlineData(2, 2, "hibernating")]
    public void Default_rules_follow_the_well_known_r_by_f_map(int r, int f, string segment)
    {
        Assert.Equal(segment, RfmSegmentRules.Default.Assign(r, f, 1));
    }

    [Fact]
    public void The_first_matching_rule_wins_and_unmatched_customers_are_other()
    {
        var rules = new RfmSegmentRules([
            new("vip", 4, 5, 4, 5),
            new("recent", 5, 5, 1, 5),
            new("big_spenders", 1, 5, 1, 5, 5, 5),
        ]);

        Assert.Equal("vip", rules.Assign(5, 5, 1)); // matches vip and recent: vip comes first
        Assert.Equal("recent", rules.Assign(5, 1, 1));
        Assert.Equal("big_spenders", rules.Assign(1, 1, 5));
        Assert.Equal(RfmSegmentRules.Other, rules.Assign(1, 1, 4));
    }

    [Fact]
    public void A_rule_table_parses_from_csv_with_optional_monetary_columns()
    {
        var csv =
            "name,r_min,r_max,f_min,f_max,m_min,m_max\r\nvip,4,5,4,5,4,5\n# comment\n\nlapsed, 1, 2, 1, 5, 1, 5\n";

        var rules = RfmSegmentRules.Parse(csv);
        var short_ = RfmSegmentRules.Parse("name,r_min,r_max,f_min,f_max\nvip,4,5,4,5\n");

        Assert.Equal(
            [new RfmSegmentRule("vip", 4, 5, 4, 5, 4, 5), new RfmSegmentRule("lapsed", 1, 2, 1, 5)],
            rules.Rules
        );
        Assert.Equal(new RfmSegmentRule("vip", 4, 5, 4, 5, 1, 5), Assert.Single(short_.Rules));
        Assert.Equal("name,r_min,r_max,f_min,f_max,m_min,m_max\nvip,4,5,4,5,4,5\nlapsed,1,2,1,5,1,5\n", rules.ToCsv());
        Assert.Equal(RfmSegmentRules.Default.Rules, RfmSegmentRules.Parse(RfmSegmentRules.Default.ToCsv()).Rules);
    }

    [Theory]
    [InlineData(
        "name,r_min,r_max,f_min,f_max\na,1,2,1,2\nb,1,2,x,2\n",
        "r.csv:3 column 'f_min': not an integer score (found 'x'); expected an integer from 1 to 5"
    )]
    [InlineData("name,r_min,r_max,f_min,f_max\na,4,2,1,2\n", "r.csv:2: rule 'a': r_min=4 must be <= r_max=2")]
    [InlineData("name,r_min,r_max,f_min,f_max\na,1,2,0,6\n", "r.csv:2: rule 'a': f_min=0, f_max=6 must be within 1-5")]
    public void Bad_rule_files_name_the_line_and_the_problem(string text, string message)
    {
        var error = Assert.Throws<DataFormatException>(() => RfmSegmentRules.Parse(text, "r.csv"));

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void A_bad_header_is_refused_on_line_1_and_the_name_other_is_reserved()
    {
        Assert.StartsWith(
            "r.csv:1: unexpected header (found 'segment,r')",
            Assert.Throws<DataFormatException>(() => RfmSegmentRules.Parse("segment,r\n", "r.csv")).Message,
            StringComparison.Ordinal
        );
        Assert.Equal(
            "rule name 'other' is reserved for customers matching no rule",
            Assert.Throws<OptionsException>(() => new RfmSegmentRules([new("other", 1, 5, 1, 5)])).Message
        );
    }
}
