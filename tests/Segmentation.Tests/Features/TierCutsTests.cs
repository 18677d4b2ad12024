using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Features;

namespace Segmentation.Tests.Features;

public sealed class TierCutsTests
{
    [Fact]
    public void Quantile_cuts_of_one_to_nine_split_three_three_three()
    {
        // Type-7 quantiles: h = 8/3 → 3 + 2/3 · (4 − 3) = 3.667; h = 16/3 → 6 + 1/3 · (7 − 6) = 6.333.
        var cuts = TierCuts.FromQuantiles([9, 1, 8, 2, 7, 3, 6, 4, 5]);

        Assert.Equal(11.0 / 3, cuts.LowUpper, 1e-12);
        Assert.Equal(19.0 / 3, cuts.MediumUpper, 1e-12);
        Assert.Equal("quantiles 1/3 and 2/3 of 9 values", cuts.Rule);
        var levels = Enumerable.Range(1, 9).Select(v => cuts.Assign(v)).ToArray();
        Assert.Equal(
            [
                TierLevel.Low,
                TierLevel.Low,
                TierLevel.Low,
                TierLevel.Medium,
                TierLevel.Medium,
                TierLevel.Medium,
                TierLevel.High,
                TierLevel.High,
                TierLevel.High,
            ],
            levels
        );
    }

    [Fact]
    public void Tied_values_share_a_level_so_heavy_ties_make_the_low_level_large()
    {
        // 60 zeros (sorted positions 0..59) and the values 1..40 (positions 60..99).
        var values = Enumerable.Repeat(0.0, 60).Concat(Enumerable.Range(1, 40).Select(v => (double)v)).ToArray();

        var cuts = TierCuts.FromQuantiles(values);

        // h = 99/3 = 33 → sorted[33] = 0; h = 66 → sorted[66] = 7 (position 60 holds 1).
        Assert.Equal(0.0, cuts.LowUpper);
        Assert.Equal(7.0, cuts.MediumUpper);
        Assert.Equal(60, values.Count(v => cuts.Assign(v) == TierLevel.Low));
        Assert.Equal(7, values.Count(v => cuts.Assign(v) == TierLevel.Medium));
        Assert.Equal(33, values.Count(v => cuts.Assign(v) == TierLevel.High));
    }

    [Fact]
    public void User_thresholds_are_inclusive_upper_bounds()
    {
        var cuts = TierCuts.FromThresholds(2, 5);

        Assert.Equal(
            [TierLevel.Low, TierLevel.Low, TierLevel.Medium, TierLevel.Medium, TierLevel.High],
            new[] { 1.0, 2.0, 2.5, 5.0, 5.5 }.Select(cuts.Assign)
        );
        Assert.Equal("user thresholds", cuts.Rule);
        Assert.Equal("low <= 2 < medium <= 5 < high (user thresholds)", cuts.ToString());
    }

    [Fact]
    public void The_rule_reads_in_the_language_asked_for_and_the_file_form_stays_english()
    {
        var quantiles = TierCuts.FromQuantiles([9, 1, 8, 2, 7, 3, 6, 4, 5]);
        var thresholds = TierCuts.FromThresholds(2, 5);

        Assert.Equal(quantiles.Rule, quantiles.RuleText(Language.English));
        Assert.Equal(thresholds.Rule, thresholds.RuleText(Language.English));
        Assert.Equal("9 个值的 1/3 与 2/3 分位数", quantiles.RuleText(Language.Chinese));
        Assert.Equal("用户设定的阈值", thresholds.RuleText(Language.Chinese));
        Assert.Equal("低 <= 2 < 中 <= 5 < 高（用户设定的阈值）", thresholds.Summary(Language.Chinese));
        Assert.Equal(thresholds.ToString(), thresholds.Summary(Language.English));
        using (Language.Use(Language.Chinese))
        {
            Assert.Equal(quantiles.RuleText(Language.Chinese), quantiles.RuleText());
            Assert.Equal("user thresholds", thresholds.Rule);
            Assert.Equal("low <= 2 < medium <= 5 < high (user thresholds)", thresholds.ToString());
        }
    }

    [Fact]
    public void Invalid_cuts_are_rejected_with_both_values()
    {
        Assert.Equal(
            "lowUpper=5 must be <= mediumUpper=2",
            Assert.Throws<OptionsException>(() => TierCuts.FromThresholds(5, 2)).Message
        );
        Assert.Equal(
            "values=0 must be >= 1 to compute quantile cut points",
            Assert.Throws<OptionsException>(() => TierCuts.FromQuantiles([])).Message
        );
        Assert.Throws<OptionsException>(() => TierCuts.FromQuantiles([1, double.NaN]));
    }
}
