using Segmentation.Metrics;
using Segmentation.Tests.Validation;
using Segmentation.Validation;

namespace Segmentation.Tests.Metrics;

public sealed class LabelCodesTests
{
    [Theory]
    [InlineData(new[] { 2, 0, 2, 1, 0, 2 })]
    [InlineData(new[] { 5, -3, 5, 9, -3 })]
    [InlineData(new[] { int.MaxValue, int.MinValue, 0, int.MaxValue })]
    [InlineData(new[] { 7 })]
    [InlineData(new[] { 1_000_000, 3, 3, 1_000_000 })]
    public void Labels_are_coded_by_their_sorted_distinct_values_whatever_their_range(int[] labels)
    {
        var codes = LabelCodes.From(labels);

        var values = labels.Distinct().Order().ToArray();
        Assert.Equal(values, codes.Values);
        Assert.Equal(labels.Select(l => Array.IndexOf(values, l)).ToArray(), codes.Codes);
        Assert.Equal(values.Select(v => labels.Count(l => l == v)).ToArray(), codes.Counts);
    }

    [Fact]
    public void No_labels_give_no_codes()
    {
        var codes = LabelCodes.From([]);

        Assert.Equal(0, codes.Count);
        Assert.Empty(codes.Codes);
    }
}
