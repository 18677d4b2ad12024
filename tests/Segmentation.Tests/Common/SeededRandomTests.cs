using Segmentation.Common;

namespace Segmentation.Tests.Common;

public sealed class SeededRandomTests
{
    [Fact]
    public void Same_seed_gives_the_same_sequence_and_other_seeds_differ()
    {
        var a = new SeededRandom(42);
        var b = new SeededRandom(42);
        var c = new SeededRandom(43);
        var first = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 100).Select(_ => b.NextUInt64()).ToArray());
        Assert.NotEqual(first, Enumerable.Range(0, 100).Select(_ => c.NextUInt64()).ToArray());
    }

    [Fact]
    public void Known_first_output_is_a_contract()
    {
        // SplitMix64(0) seeds xoshiro256**; the first outputs are fixed by the algorithm's definition,
        // so a change here changes every generated data set and must be deliberate.
        // Reference values from an independent Python implementation of SplitMix64 + xoshiro256**.
        var r = new SeededRandom(0);
        Assert.Equal(0x99ec5f36cb75f2b4UL, r.NextUInt64());
        Assert.Equal(0xbf6e1f784956452aUL, r.NextUInt64());
        Assert.Equal(0x1a5f849d4933e6e0UL, r.NextUInt64());
    }

    [Theory]
    [InlineData(2.0, 3.0)]
    [InlineData(0.5, 2.0)]
    [InlineData(9.0, 0.5)]
    public void Gamma_deviates_have_the_mean_and_variance_of_the_distribution(double shape, double scale)
    {
        var r = new SeededRandom(7);
        const int n = 200_000;
        var xs = Enumerable.Range(0, n).Select(_ => r.NextGamma(shape, scale)).ToArray();
        var mean = xs.Average();
        var variance = xs.Select(x => (x - mean) * (x - mean)).Sum() / (n - 1);
        Assert.InRange(mean, shape * scale * 0.98, shape * scale * 1.02);
        Assert.InRange(variance, shape * scale * scale * 0.95, shape * scale * scale * 1.05);
    }

    [Fact]
    public void Poisson_and_gaussian_deviates_have_the_right_moments()
    {
        var r = new SeededRandom(11);
        const int n = 200_000;
        var p = Enumerable.Range(0, n).Select(_ => (double)r.NextPoisson(3.5)).ToArray();
        Assert.InRange(p.Average(), 3.45, 3.55);
        var g = Enumerable.Range(0, n).Select(_ => r.NextGaussian(10, 2)).ToArray();
        var gm = g.Average();
        Assert.InRange(gm, 9.98, 10.02);
        Assert.InRange(Math.Sqrt(g.Select(x => (x - gm) * (x - gm)).Sum() / (n - 1)), 1.98, 2.02);
    }

    [Fact]
    public void Bounded_integers_cover_the_range_uniformly()
    {
        var r = new SeededRandom(5);
        var counts = new int[6];
        for (var i = 0; i < 60_000; i++)
            counts[r.NextInt(6)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Forked_streams_are_deterministic_and_distinct()
    {
        Assert.Equal(SeededRandom.Fork(1, 3).NextUInt64(), SeededRandom.Fork(1, 3).NextUInt64());
        Assert.NotEqual(SeededRandom.Fork(1, 3).NextUInt64(), SeededRandom.Fork(1, 4).NextUInt64());
    }
}
