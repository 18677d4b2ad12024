using Segmentation.Data.Generation;

namespace Segmentation.Tests.Data.Generation;

/// <summary>Generations shared by the tests (each made once per test run, in memory).</summary>
public static class Samples
{
    /// <summary>The options data/sample was generated with (see data/README.md).</summary>
    public static GeneratorOptions SampleOptions { get; } = new() { Customers = 3000, Seed = 42 };

    private static readonly Lazy<GeneratedData> DefaultData = new(() => new GeneratedData(SampleOptions));

    /// <summary>A fresh in-memory generation with <see cref="SampleOptions"/>.</summary>
    public static GeneratedData Default => DefaultData.Value;
}
