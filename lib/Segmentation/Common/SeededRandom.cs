namespace Segmentation.Common;

/// <summary>
/// A small seeded pseudo-random generator (xoshiro256** seeded through SplitMix64) whose output is
/// a contract: the same seed gives the same sequence on every machine and .NET version, unlike
/// <see cref="System.Random"/>. Not thread-safe: give each worker its own, derived with <see cref="Fork"/>.
/// </summary>
public sealed class SeededRandom
{
    private ulong s0,
        s1,
        s2,
        s3;

    /// <summary>Creates a generator from a seed.</summary>
    public SeededRandom(ulong seed)
    {
        var x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>), without modulo bias.</summary>
    public int NextInt(int maxExclusive)
    {
        if (maxExclusive <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), maxExclusive, "must be > 0");
        var bound = (ulong)maxExclusive;
        var threshold = (0UL - bound) % bound;
        while (true)
        {
            var r = NextUInt64();
            if (r >= threshold)
                return (int)(r % bound);
        }
    }

    /// <summary>Uniform integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int minInclusive, int maxExclusive) => minInclusive + NextInt(maxExclusive - minInclusive);

    /// <summary>Standard normal deviate (Box–Muller; one value per call, deterministic).</summary>
    public double NextGaussian()
    {
        double u1;
        do
        {
            u1 = NextDouble();
        } while (u1 <= double.Epsilon);
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Normal deviate with the given mean and standard deviation.</summary>
    public double NextGaussian(double mean, double standardDeviation) => mean + standardDeviation * NextGaussian();

    /// <summary>Exponential deviate with the given rate.</summary>
    public double NextExponential(double rate)
    {
        double u;
        do
        {
            u = NextDouble();
        } while (u <= double.Epsilon);
        return -Math.Log(u) / rate;
    }

    /// <summary>Gamma deviate (Marsaglia–Tsang) with the given shape and scale.</summary>
    public double NextGamma(double shape, double scale)
    {
        if (shape <= 0)
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "must be > 0");
        if (shape < 1)
        {
            var u = NextDouble();
            return NextGamma(shape + 1, scale) * Math.Pow(Math.Max(u, double.Epsilon), 1.0 / shape);
        }
        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x,
                v;
            do
            {
                x = NextGaussian();
                v = 1.0 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x)
                return d * v * scale;
            if (Math.Log(Math.Max(u, double.Epsilon)) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
                return d * v * scale;
        }
    }

    /// <summary>Beta deviate from two gamma deviates.</summary>
    public double NextBeta(double a, double b)
    {
        var x = NextGamma(a, 1);
        var y = NextGamma(b, 1);
        return x / (x + y);
    }

    /// <summary>Poisson deviate (inversion for small means, normal approximation above 500).</summary>
    public int NextPoisson(double mean)
    {
        if (mean < 0)
            throw new ArgumentOutOfRangeException(nameof(mean), mean, "must be >= 0");
        if (mean > 500)
            return Math.Max(0, (int)Math.Round(NextGaussian(mean, Math.Sqrt(mean))));
        var l = Math.Exp(-mean);
        var k = 0;
        var p = NextDouble();
        var cumulative = l;
        var term = l;
        while (p > cumulative && k < 10_000)
        {
            k++;
            term *= mean / k;
            cumulative += term;
        }
        return k;
    }

    /// <summary>Index drawn with probability proportional to <paramref name="weights"/>.</summary>
    public int NextWeighted(ReadOnlySpan<double> weights)
    {
        var total = 0.0;
        foreach (var w in weights)
            total += w;
        var target = NextDouble() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
                return i;
        }
        return weights.Length - 1;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>An independent generator derived from this seed stream and a stream id (for workers, restarts,
    /// bootstrap replicates).</summary>
    public static SeededRandom Fork(ulong seed, ulong stream)
    {
        var x = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        return new SeededRandom(SplitMix64(ref x));
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
