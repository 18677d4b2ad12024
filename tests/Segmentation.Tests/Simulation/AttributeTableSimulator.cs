using System.Globalization;
using System.Text;

namespace Segmentation.Tests.Simulation;

/// <summary>
/// A customer table with four planted groups and no purchases: age and income (known columns), visits per month and
/// a satisfaction score (extra numeric columns) and a preferred channel (extra categorical column), as a CRM or form
/// tool would export it. The groups differ in every column but overlap in each one alone.
/// </summary>
public static class AttributeTableSimulator
{
    private sealed record Group(
        string Name,
        double Share,
        double Age,
        double Income,
        double Visits,
        double Satisfaction,
        string[] Channels
    );

    private static readonly Group[] Groups =
    [
        new("young_digital", 0.30, 26, 32_000, 8, 4.0, ["app", "app", "app", "web"]),
        new("families", 0.30, 39, 62_000, 4, 3.2, ["store", "store", "store", "web"]),
        new("affluent", 0.20, 51, 125_000, 2.5, 4.4, ["web", "web", "web", "app"]),
        new("seniors", 0.20, 69, 38_000, 1.2, 2.6, ["store", "store", "store", "phone"]),
    ];

    /// <summary>Planted groups.</summary>
    public static int GroupCount => Groups.Length;

    /// <summary>Writes <c>customers.csv</c> and <c>truth.csv</c> into <paramref name="directory"/>.</summary>
    public static (string Customers, string Truth) Write(string directory, int customers, int seed)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var table = new StringBuilder("customer_id,age,income,visits_per_month,satisfaction_score,preferred_channel\n");
        var truth = new StringBuilder("customer_id,segment\n");
        for (var c = 0; c < customers; c++)
        {
            var u = random.NextDouble();
            var group = Groups[^1];
            foreach (var g in Groups)
            {
                if (u < g.Share)
                {
                    group = g;
                    break;
                }
                u -= g.Share;
            }
            var id = string.Create(CultureInfo.InvariantCulture, $"M{100000 + c * 7}");
            var age = Math.Clamp((int)Math.Round(group.Age + 4 * Gaussian(random)), 18, 90);
            var income = 100 * Math.Round(group.Income * Math.Exp(0.15 * Gaussian(random)) / 100);
            var visits = Math.Round(Math.Max(0.1, group.Visits * Math.Exp(0.25 * Gaussian(random))), 1);
            var satisfaction = Math.Clamp((int)Math.Round(group.Satisfaction + 0.5 * Gaussian(random)), 1, 5);
            var channel = group.Channels[random.Next(group.Channels.Length)];
            table.Append(
                CultureInfo.InvariantCulture,
                $"{id},{age},{income:0},{visits:0.0},{satisfaction},{channel}\n"
            );
            truth.Append(CultureInfo.InvariantCulture, $"{id},{group.Name}\n");
        }
        var customersPath = Path.Combine(directory, "customers.csv");
        var truthPath = Path.Combine(directory, "truth.csv");
        File.WriteAllText(customersPath, table.ToString());
        File.WriteAllText(truthPath, truth.ToString());
        return (customersPath, truthPath);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
