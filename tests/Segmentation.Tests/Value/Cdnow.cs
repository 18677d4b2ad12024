using System.Globalization;
using System.Runtime.CompilerServices;
using Segmentation.Value;

namespace Segmentation.Tests.Value;

/// <summary>The CDNOW sample summary (2357 customers, weeks) from the lifetimes repository; see data/README.md.</summary>
internal static class Cdnow
{
    private static readonly Lazy<IReadOnlyList<CustomerSummary>> Data = new(Load);

    public static IReadOnlyList<CustomerSummary> Customers => Data.Value;

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
                double.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToList();

    private static string DataPath([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "data", "cdnow_customers_summary_with_transactions.csv");
}
