using System.Globalization;

namespace Segmentation.Benchmarks;

/// <summary>`--name value` pairs and `--flag` switches.</summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string?> values;

    private Arguments(Dictionary<string, string?> values) => this.values = values;

    /// <summary>Parses the arguments after the comparison name.</summary>
    public static Arguments Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
                throw new BenchmarkException($"unexpected argument '{list[i]}'");
            var name = list[i][2..];
            var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
            values[name] = hasValue ? list[++i] : null;
        }
        return new Arguments(values);
    }

    /// <summary>A text option.</summary>
    public string? Text(string name) => values.TryGetValue(name, out var v) ? v : null;

    /// <summary>A required text option.</summary>
    public string RequiredText(string name) => Text(name) ?? throw new BenchmarkException($"--{name} is required");

    /// <summary>An integer option ("1000000", "1e6", "10M" and "1_000_000" are accepted).</summary>
    public long Integer(string name, long? fallback = null)
    {
        var text = Text(name);
        if (text is null)
            return fallback ?? throw new BenchmarkException($"--{name} is required");
        var t = text.Replace("_", "", StringComparison.Ordinal).Trim();
        var scale = 1L;
        if (t.EndsWith('M') || t.EndsWith('m'))
            (scale, t) = (1_000_000, t[..^1]);
        else if (t.EndsWith('k') || t.EndsWith('K'))
            (scale, t) = (1_000, t[..^1]);
        if (
            double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && x * scale == Math.Floor(x * scale)
            && x >= 0
        )
            return checked((long)(x * scale));
        throw new BenchmarkException($"--{name}={text} must be a non-negative integer");
    }

    /// <summary>A count or size option that fits an <see cref="int"/> (same forms as <see cref="Integer"/>), or
    /// <paramref name="fallback"/> when the option is absent.</summary>
    public int Count(string name, int fallback)
    {
        var value = Integer(name, fallback);
        return value <= int.MaxValue ? (int)value : throw new BenchmarkException($"--{name}={value} is too large");
    }

    /// <summary>An option given as 0 (off) or another integer (on); off when absent unless
    /// <paramref name="fallback"/>.</summary>
    public bool Switch(string name, bool fallback = false) => Integer(name, fallback ? 1 : 0) != 0;

    /// <summary>--matrix: the feature matrix the comparison exported (<see cref="MatrixCsv"/>).</summary>
    public Segmentation.Features.FeatureMatrix Matrix() => MatrixCsv.Read(RequiredText("matrix"));

    /// <summary>--k: the cluster counts a diagnostic profiles (default 2,6,10).</summary>
    public int[] ClusterCounts() => Integers("k", "2,6,10");

    /// <summary>A comma-separated list of integers ("2,6,10"), or <paramref name="fallback"/> when the option is
    /// absent.</summary>
    public int[] Integers(string name, string fallback)
    {
        var text = Text(name) ?? fallback;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.All(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            ? parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray()
            : throw new BenchmarkException($"--{name}={text} must be a comma-separated list of integers");
    }

    /// <summary>--seed: the seed of every generated log and every fit (default 42).</summary>
    public ulong Seed() => (ulong)Integer("seed", 42);

    /// <summary>--timeout-minutes: how long one measured run may take (default 180).</summary>
    public TimeSpan Timeout() => TimeSpan.FromMinutes(Integer("timeout-minutes", 180));

    /// <summary>A switch.</summary>
    public bool Flag(string name) => values.ContainsKey(name);
}
