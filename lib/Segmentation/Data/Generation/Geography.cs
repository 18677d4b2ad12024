namespace Segmentation.Data.Generation;

/// <summary>One simulated city with its tier (1 = largest) and country; text fields pre-encoded for the CSV
/// writer.</summary>
internal sealed record City(string Name, int Tier, string Country)
{
    public byte[] NameField { get; } = CsvText.Field(Name);
    public byte[] CountryField { get; } = CsvText.Field(Country);
}

/// <summary>Where simulated customers live: Chinese cities by tier, and a few abroad.</summary>
internal static class Geography
{
    public const double AbroadShare = 0.04;

    public static IReadOnlyList<City> Domestic { get; } =
    [
        new("Beijing", 1, "China"),
        new("Shanghai", 1, "China"),
        new("Guangzhou", 1, "China"),
        new("Shenzhen", 1, "China"),
        new("Chengdu", 2, "China"),
        new("Hangzhou", 2, "China"),
        new("Wuhan", 2, "China"),
        new("Nanjing", 2, "China"),
        new("Xi'an", 2, "China"),
        new("Chongqing", 2, "China"),
        new("Suzhou", 2, "China"),
        new("Tianjin", 2, "China"),
        new("Kunming", 3, "China"),
        new("Xiamen", 3, "China"),
        new("Hefei", 3, "China"),
        new("Fuzhou", 3, "China"),
        new("Jinan", 3, "China"),
        new("Dalian", 3, "China"),
        new("Nanning", 3, "China"),
        new("Harbin", 3, "China"),
        new("Luoyang", 4, "China"),
        new("Yangzhou", 4, "China"),
        new("Guilin", 4, "China"),
        new("Weifang", 4, "China"),
        new("Baoding", 4, "China"),
        new("Zhuzhou", 4, "China"),
    ];

    public static IReadOnlyList<City> Abroad { get; } =
    [
        new("Singapore", 1, "Singapore"),
        new("Kuala Lumpur", 1, "Malaysia"),
        new("Tokyo", 1, "Japan"),
        new("Los Angeles", 1, "United States"),
        new("Sydney", 1, "Australia"),
    ];

    /// <summary>Domestic cities grouped by tier (index 0 = tier 1).</summary>
    public static IReadOnlyList<City[]> ByTier { get; } =
        Enumerable.Range(1, 4).Select(t => Domestic.Where(c => c.Tier == t).ToArray()).ToArray();
}
