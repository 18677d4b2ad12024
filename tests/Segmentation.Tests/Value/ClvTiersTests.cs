using Segmentation.Common;
using Segmentation.Value;

namespace Segmentation.Tests.Value;

public sealed class ClvTiersTests
{
    private static KeyValuePair<string, double>[] Pairs(params double[] values) =>
        values.Select((v, i) => new KeyValuePair<string, double>(((char)('A' + i)).ToString(), v)).ToArray();

    [Fact]
    public void Tiers_split_at_interpolated_terciles_with_cut_points_reported()
    {
        // Sorted 1..6: the 1/3 quantile sits at position 5/3 → 2 + 2/3; the 2/3 quantile at 10/3 → 4 + 1/3.
        var tiering = ClvTiers.Assign(Pairs(3, 1, 6, 2, 5, 4));

        Assert.Equal(2.0 + 2.0 / 3.0, tiering.LowCut, 1e-12);
        Assert.Equal(4.0 + 1.0 / 3.0, tiering.HighCut, 1e-12);
        Assert.Equal(
            [TierLevel.Medium, TierLevel.Low, TierLevel.High, TierLevel.Low, TierLevel.High, TierLevel.Medium],
            tiering.Customers.Select(c => c.Tier)
        );
        Assert.Equal(2, tiering.Count(TierLevel.High));
    }

    [Fact]
    public void Customers_with_equal_clv_share_a_tier()
    {
        var tiering = ClvTiers.Assign(Pairs(0, 0, 0, 0, 5, 10));

        Assert.Equal(0.0, tiering.LowCut);
        Assert.All(tiering.Customers.Take(4), c => Assert.Equal(TierLevel.Medium, c.Tier));
        Assert.All(tiering.Customers.Skip(4), c => Assert.Equal(TierLevel.High, c.Tier));
    }

    [Fact]
    public void Custom_quantiles_move_the_cut_points()
    {
        var tiering = ClvTiers.Assign(
            Pairs(1, 2, 3, 4, 5),
            new ClvTierOptions { LowQuantile = 0.5, HighQuantile = 0.75 }
        );

        Assert.Equal(3.0, tiering.LowCut);
        Assert.Equal(4.0, tiering.HighCut);
        Assert.Equal(
            [TierLevel.Low, TierLevel.Low, TierLevel.Medium, TierLevel.High, TierLevel.High],
            tiering.Customers.Select(c => c.Tier)
        );
    }

    [Fact]
    public void Quantiles_out_of_order_are_rejected_naming_both_values()
    {
        var error = Assert.Throws<OptionsException>(() =>
            ClvTiers.Assign(Pairs(1, 2), new ClvTierOptions { LowQuantile = 0.8, HighQuantile = 0.2 })
        );

        Assert.Equal(
            "lowQuantile=0.8 and highQuantile=0.2 must satisfy 0 < lowQuantile < highQuantile < 1",
            error.Message
        );
    }
}
