namespace Segmentation.Tests.Segmenting;

public sealed class SegmentingFixturesTests
{
    [Fact]
    public void Adjusted_rand_index_is_one_for_a_relabelled_partition_and_matches_a_hand_computed_value()
    {
        Assert.Equal(1.0, SegmentingFixtures.AdjustedRandIndex([0, 0, 1, 1, 2], [2, 2, 0, 0, 1]), 12);
        // [0,0,1,1] vs [0,0,0,1]: index = 1, sumA = 2, sumB = 3, expected = 1, max = 2.5 => 0.
        Assert.Equal(0.0, SegmentingFixtures.AdjustedRandIndex([0, 0, 1, 1], [0, 0, 0, 1]), 12);
    }
}
