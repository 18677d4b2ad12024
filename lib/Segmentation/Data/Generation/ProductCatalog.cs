using Segmentation.Common;

namespace Segmentation.Data.Generation;

/// <summary>One simulated product; text fields are kept pre-encoded for the CSV writer.</summary>
internal sealed record Product(
    int Index,
    int Category,
    int Tier,
    int Origin,
    long PriceCents,
    byte[] Code,
    byte[] Description
);

/// <summary>
/// The simulated product range: for every category × price tier × brand origin, <see cref="PerCell"/>
/// products with a base price drawn from the seed (log-uniform within the tier's range, times the category's
/// multiplier).
/// </summary>
internal sealed class ProductCatalog
{
    public const int PerCell = 6;

    private static readonly string[][] Nouns =
    [
        ["COTTON T-SHIRT", "WOOL SCARF", "DENIM JACKET", "SOCKS, PACK OF 3", "LEATHER BELT", "KNITTED HAT"],
        ["FACE CREAM", "LIPSTICK", "SHAMPOO", "PERFUME", "HAND LOTION", "NAIL POLISH, SET OF 4"],
        ["WIRELESS EARBUDS", "USB CHARGER", "BLUETOOTH SPEAKER", "SMART WATCH", "POWER BANK", "10\" TABLET STAND"],
        ["CERAMIC MUG", "CUSHION COVER", "SCENTED CANDLE", "BOWLS, SET OF 2", "BATH TOWEL", "WALL CLOCK"],
        ["GREEN TEA", "COFFEE BEANS", "OLIVE OIL", "DARK CHOCOLATE", "RICE 5KG", "HONEY JAR"],
        ["YOGA MAT", "WATER BOTTLE", "RUNNING SHOES", "TENNIS BALLS, 3 PACK", "GYM BAG", "SKIPPING ROPE"],
        ["COOKBOOK", "NOVEL", "TRAVEL GUIDE", "NOTEBOOK", "CHILDREN'S BOOK", "PUZZLE BOOK"],
        ["BUILDING BLOCKS", "PLUSH BEAR", "JIGSAW PUZZLE", "TOY CAR", "BOARD GAME", "KITE"],
    ];

    private static readonly double[] CategoryPrice = [1.0, 0.9, 1.5, 1.2, 0.6, 1.1, 0.7, 0.8];
    private static readonly (double Low, double High)[] TierPrice = [(45, 140), (12, 35), (3, 10)];
    private static readonly string[] TierWords = ["DELUXE", "CLASSIC", "BASIC"];
    private static readonly string[] OriginWords = ["IMPORTED", "LOCAL"];

    private readonly Product[] products;

    public ProductCatalog(ulong seed)
    {
        var random = SeededRandom.Fork(seed, ulong.MaxValue);
        var list = new List<Product>();
        for (var category = 0; category < RetailVocabulary.Categories.Count; category++)
        {
            for (var tier = 0; tier < RetailVocabulary.PriceTiers.Count; tier++)
            {
                for (var origin = 0; origin < RetailVocabulary.BrandOrigins.Count; origin++)
                {
                    for (var k = 0; k < PerCell; k++)
                    {
                        var (low, high) = TierPrice[tier];
                        var price =
                            Math.Exp(Math.Log(low) + random.NextDouble() * (Math.Log(high) - Math.Log(low)))
                            * CategoryPrice[category];
                        var index = list.Count;
                        var code = (21001 + index).ToString(System.Globalization.CultureInfo.InvariantCulture);
                        var description = $"{TierWords[tier]} {OriginWords[origin]} {Nouns[category][k]}";
                        list.Add(
                            new Product(
                                index,
                                category,
                                tier,
                                origin,
                                (long)Math.Round(price * 100),
                                CsvText.Field(code),
                                CsvText.Field(description)
                            )
                        );
                    }
                }
            }
        }
        products = list.ToArray();
    }

    public int Count => products.Length;

    public Product this[int index] => products[index];

    /// <summary>The index of product <paramref name="k"/> in a category × tier × origin cell.</summary>
    public static int IndexOf(int category, int tier, int origin, int k) =>
        ((category * RetailVocabulary.PriceTiers.Count + tier) * RetailVocabulary.BrandOrigins.Count + origin) * PerCell
        + k;
}
