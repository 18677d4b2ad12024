using Segmentation.Common;
using Segmentation.Data;

namespace Segmentation.Tests.Features;

/// <summary>A few thousand random order lines shaped like a retail export (seeded, so every run is the same).</summary>
internal static class GeneratedLog
{
    private static readonly string[] Channels = ["online", "offline"];
    private static readonly string[] Brands = ["international", "local"];
    private static readonly string[] Tiers = ["premium", "mid", "budget"];
    private static readonly string[] Categories = ["books", "toys", "garden", "food", "beauty"];

    public static List<Transaction> Create(ulong seed, int customers = 400, int orders = 1500)
    {
        var random = new SeededRandom(seed);
        // Skewed activity: a few customers place many orders, many place one.
        var weights = Enumerable.Range(0, customers).Select(i => 1.0 / (1 + i % 37)).ToArray();
        var start = new DateTime(2023, 1, 1);
        var lines = new List<Transaction>();
        var lineNumber = 1L;
        for (var o = 0; o < orders; o++)
        {
            var customer = $"C{random.NextWeighted(weights):D4}";
            var timestamp = start.AddMinutes(random.NextInt(365 * 24 * 60));
            var orderLines = random.NextInt(1, 5);
            for (var l = 0; l < orderLines; l++)
            {
                lines.Add(
                    new Transaction(
                        customer,
                        $"O{o:D5}",
                        timestamp,
                        random.NextInt(1, 13),
                        random.NextInt(1, 10_000) / 100m
                    )
                    {
                        LineNumber = lineNumber++,
                        Channel = random.NextDouble() < 0.1 ? null : Channels[random.NextInt(Channels.Length)],
                        BrandOrigin = Brands[random.NextInt(Brands.Length)],
                        PriceTier = Tiers[random.NextInt(Tiers.Length)],
                        Category = Categories[random.NextInt(Categories.Length)],
                    }
                );
            }
        }
        return lines;
    }
}
