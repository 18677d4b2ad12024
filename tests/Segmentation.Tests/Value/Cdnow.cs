using System.Globalization;
using System.Runtime.CompilerServices;
using Segmentation.Value;

namespace Segmentation.Tests.Value;

/// <summary>The CDNOW sample summary (2357 customers, weeks) from the lifetimes repository; see
/// data/README.md.</summary>
internal static class Cdnow
{
    private static readonly Lazy<IReadOnlyList<CustomerSummary>> Data = new(Load);

    private static readonly Lazy<BgNbdModel> Purchases = new(() => BetaGeometricNbd.Fit(Customers));

    private static readonly Lazy<GammaGammaModel> Spend = new(() => GammaGamma.Fit(Customers));

    public static IReadOnlyList<CustomerSummary> Customers => Data.Value;

    /// <summary>BG/NBD fitted on the whole sample (fitted once per test run).</summary>
    public static BgNbdModel PurchaseModel => Purchases.Value;

    /// <summary>Gamma–Gamma fitted on the repeat customers (fitted once per test run).</summary>
    public static GammaGammaModel SpendModel => Spend.Value;

    private static IReadOnlyList<CustomerSummary> Load() => Load(DataPath());

    private static IReadOnlyList<CustomerSummary> Load(string path) =>
        File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(','))
            .Select(f => new CustomerSummary(
                f[0],
                int.Parse(f[1], CultureInfo.InvariantCulture),
                double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture),
                double.Parse(f[4], CultureInfo.InvariantCulture)
            ))
            .ToList();

    private static string DataPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "data", "cdnow_customers_summary_with_transactions.csv");
}
