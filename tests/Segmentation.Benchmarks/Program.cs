namespace Segmentation.Benchmarks;

/// <summary>Benchmark entry point; see docs/performance.md for what it compares and how to run it.</summary>
public static class Program
{
    /// <summary>Lists the available comparisons.</summary>
    public static int Main(string[] args)
    {
        Console.WriteLine("usage: dotnet run -c Release --project tests/Segmentation.Benchmarks -- <benchmark>");
        return args.Length == 0 ? 0 : 2;
    }
}
