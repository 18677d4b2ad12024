using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Reports;
using Segmentation.Segmenting.Rules;
using Segmentation.Tests.Features;

namespace Segmentation.Tests.Segmenting.Rules;

public sealed class TiersTests
{
    private static CustomerFeatureSet Fixture()
    {
        using var store = FeatureFixture.Store();
        return CustomerFeatureSet.Compute(store);
    }

    [Fact]
    public void Behaviour_tiers_report_quantile_cut_points_per_dimension()
    {
        var tiers = BehaviourTiers.Assign(Fixture());

        // activity = active months [c1 2, c2 1, c3 1] → sorted [1, 1, 2]: h = 2/3 → 1; h = 4/3 → 1 + 1/3 = 1.333.
        Assert.Equal(
            ["activity", "frequency", "purchase_volume", "loyalty", "value"],
            tiers.Dimensions.Select(d => d.Name)
        );
        Assert.Equal(1.0, tiers.Cuts[0].LowUpper, 1e-12);
        Assert.Equal(4.0 / 3, tiers.Cuts[0].MediumUpper, 1e-12);
        Assert.Equal(
            [TierLevel.High, TierLevel.Low, TierLevel.Low],
            Enumerable.Range(0, 3).Select(i => tiers.Level(i, 0))
        );
        Assert.Equal([2, 0, 1], tiers.Counts(0));
        // purchase volume = average order value [21.5, 25, 75]: cuts 21.5 + 2/3 · 3.5 = 23.833 and 25 + 1/3 · 50 =
        // 41.667.
        Assert.Equal(
            [TierLevel.Low, TierLevel.Medium, TierLevel.High],
            Enumerable.Range(0, 3).Select(i => tiers.Level(i, 2))
        );
    }

    [Fact]
    public void User_thresholds_replace_the_quantiles_for_one_dimension()
    {
        var options = new BehaviourTierOptions
        {
            Dimensions =
            [
                new("frequency", FeatureCatalog.Frequency, TierCuts.FromThresholds(1, 2)),
                new("recency", FeatureCatalog.RecencyDays),
            ],
        };

        var tiers = BehaviourTiers.Assign(Fixture(), options);

        Assert.Equal("user thresholds", tiers.Cuts[0].Rule);
        Assert.Equal(
            [TierLevel.High, TierLevel.Low, TierLevel.Medium],
            Enumerable.Range(0, 3).Select(i => tiers.Level(i, 0))
        ); // 3, 1, 2 orders
        Assert.Equal("quantiles 1/3 and 2/3 of 3 values", tiers.Cuts[1].Rule);
    }

    [Fact]
    public void Undefined_values_get_no_tier_and_are_left_out_of_the_quantiles()
    {
        var options = new BehaviourTierOptions
        {
            Dimensions = [new("regularity", FeatureCatalog.MeanDaysBetweenOrders)],
        };

        var tiers = BehaviourTiers.Assign(Fixture(), options);

        Assert.Null(tiers.Level(1, 0)); // c2 has one order
        Assert.Equal("quantiles 1/3 and 2/3 of 2 values", tiers.Cuts[0].Rule); // c1 30 days, c3 0 days
    }

    [Fact]
    public void Tier_options_name_the_problem()
    {
        var set = Fixture();

        Assert.Equal(
            "dimension 'a' is given 2 times; expected once",
            Assert
                .Throws<OptionsException>(() =>
                    BehaviourTiers.Assign(
                        set,
                        new BehaviourTierOptions { Dimensions = [new("a", "frequency"), new("a", "monetary")] }
                    )
                )
                .Message
        );
        Assert.StartsWith(
            "feature 'favourite_category' is not a numeric feature",
            Assert
                .Throws<OptionsException>(() =>
                    BehaviourTiers.Assign(
                        set,
                        new BehaviourTierOptions { Dimensions = [new("a", "favourite_category")] }
                    )
                )
                .Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Value_tiers_with_computed_thresholds_state_the_rule()
    {
        var tiers = CustomerValueTiers.Assign(Fixture());

        // monetary [25, 64.5, 150]: 2/3 quantile = 64.5 + 1/3 · 85.5 = 93 → only c3 contributes highly.
        // recency [1, 15, 5]: median 5 → c1 and c3 are recent. Steady (>= 2 months): c1 only.
        // c1: recent, not high → potential; c2: neither → low-value; c3: high and recent but one month → potential.
        Assert.Equal(93.0, tiers.ContributionAbove, 1e-12);
        Assert.Equal(5.0, tiers.RecentWithinDays);
        Assert.Equal([ValueTier.Potential, ValueTier.LowValue, ValueTier.Potential], tiers.Tiers);
        Assert.Equal(
            "high-value: monetary > 93 (top third) and orders in >= 2 months and recency <= 5 days "
                + "(median); potential: not high-value and (recency <= 5 days or monetary > 93); low-value: the "
                + "rest",
            tiers.Rule
        );
    }

    [Fact]
    public void Value_tiers_with_user_thresholds_find_the_steady_recent_high_contributor()
    {
        var tiers = CustomerValueTiers.Assign(Fixture(), new CustomerValueTierOptions { ContributionAbove = 50 });

        // high contribution: c1 64.50 and c3 150; c1 is also recent and steady → high-value.
        Assert.Equal([ValueTier.HighValue, ValueTier.LowValue, ValueTier.Potential], tiers.Tiers);
        Assert.Equal([1, 1, 1], tiers.Counts);
        Assert.DoesNotContain("top third", tiers.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Tier_files_hold_levels_cut_points_and_the_value_rule()
    {
        var set = Fixture();
        var tiers = BehaviourTiers.Assign(
            set,
            new BehaviourTierOptions
            {
                Dimensions = [new("frequency", FeatureCatalog.Frequency, TierCuts.FromThresholds(1, 2))],
            }
        );
        var value = CustomerValueTiers.Assign(set, new CustomerValueTierOptions { ContributionAbove = 50 });
        var levels = new StringWriter();
        var cuts = new StringWriter();

        TierFiles.WriteTiersCsv(levels, tiers, value);
        TierFiles.WriteCutsCsv(cuts, tiers, value);

        Assert.Equal(
            "customer_id,frequency_tier,customer_value\nc1,high,high-value\nc2,low,low-value\nc3,medium,potential\n",
            levels.ToString()
        );
        var lines = cuts.ToString().Split('\n');
        Assert.Equal("dimension,feature,low_upper,medium_upper,rule,low,medium,high", lines[0]);
        Assert.Equal("frequency,frequency,1,2,user thresholds,1,1,1", lines[1]);
        Assert.Equal(
            "customer_value,monetary active_months recency_days,,,high-value: monetary > 50 and orders in "
                + ">= 2 months and recency <= 5 days (median); potential: not high-value and (recency <= 5 days "
                + "or monetary > 50); low-value: the rest,1,1,1",
            lines[2]
        );
    }

    [Theory]
    [InlineData(null)]
    [InlineData(50.0)]
    public void The_value_rule_reads_as_the_machine_rule_in_english_and_in_chinese_words_with_the_same_figures(
        double? contributionAbove
    )
    {
        var tiers = CustomerValueTiers.Assign(
            Fixture(),
            new CustomerValueTierOptions { ContributionAbove = contributionAbove }
        );

        Assert.Equal(tiers.Rule, tiers.RuleText(Language.English));
        var chinese = tiers.RuleText(Language.Chinese);
        Assert.StartsWith("高价值客户：", chinese, StringComparison.Ordinal);
        Assert.Equal(contributionAbove is null, chinese.Contains("（前三分之一）", StringComparison.Ordinal));
        Assert.DoesNotMatch("[A-Za-z]{2,}", chinese);
    }

    [Fact]
    public void Behaviour_dimensions_read_in_the_language_and_custom_ones_as_named()
    {
        var names = BehaviourTierOptions.DefaultDimensions.Select(d => d.Text(Language.Chinese)).ToList();
        Assert.Equal(["活跃度", "购买频率", "购买量", "忠诚度", "价值"], names);
        Assert.Equal("purchase volume", BehaviourTierOptions.DefaultDimensions[2].Text(Language.English));
        Assert.Equal("spend_cycle", new TierDimension("spend_cycle", "x").Text(Language.Chinese));
    }
}
