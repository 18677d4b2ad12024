using System.Globalization;
using Segmentation.Common;
using Segmentation.Data;
using Segmentation.Features;
using Segmentation.Reports;
using Segmentation.Segmenting.Rules;
using Segmentation.Tests.Value;
using Segmentation.Value;
using Segmentation.Workflow;

namespace Segmentation.Tests.Features;

/// <summary>CLV in the value dimension: clv, p_alive, clv_tier, clv_net and CLV against acquisition cost by
/// channel.</summary>
public sealed class ClvFeatureTests
{
    private static readonly DateOnly AsOf = new(2020, 8, 2);

    /// <summary>400 customers simulated from BG/NBD and Gamma–Gamma with known parameters, bought over 60
    /// weeks.</summary>
    private static List<Transaction> Log() => BuyTillYouDie.SixtyWeeksOfFourHundred();

    /// <summary>Customers C00000..C00399 plus one who never bought: even ids came through search (cost 10), odd through
    /// social (cost 40).</summary>
    private static TransactionStore Store(List<Transaction> log, bool withCustomers = true)
    {
        var store = TransactionStore.FromTransactions(log);
        if (!withCustomers)
            return store;
        var rows = Enumerable
            .Range(0, 401)
            .Select(i =>
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"('C{i:D5}', '{(i % 2 == 0 ? "search" : "social")}', {(i % 2 == 0 ? 10 : 40)})"
                )
            );
        store.Execute(
            $"INSERT INTO {TransactionStore.CustomersTable} (customer_id, acquisition_channel, "
                + $"acquisition_cost) VALUES {string.Join(", ", rows)}"
        );
        return store;
    }

    [Fact]
    public void Clv_features_are_the_models_fitted_on_the_purchases_up_to_the_as_of_date()
    {
        var log = Log();
        using var store = Store(log);

        var set = CustomerFeatureSet.Compute(store, new FeatureOptions { AsOf = AsOf });

        // Independently: the typed summary of the same lines with the calibration ending on the as-of date.
        var expected = CustomerLifetimeValue.Run(
            ClvSummary.FromTransactions(log, AsOf.ToDateTime(TimeOnly.MinValue), null, TimeUnit.Week)
        );
        var byId = expected.Customers.ToDictionary(c => c.CustomerId, StringComparer.Ordinal);
        Assert.Equal(set.Rows.Select(r => r.CustomerId), expected.Customers.Select(c => c.CustomerId));
        Assert.Equal(expected.PurchaseModel.Parameters, set.Clv!.Result.PurchaseModel.Parameters);
        foreach (var row in set.Rows)
        {
            Assert.Equal(byId[row.CustomerId].Clv, row.Clv);
            Assert.Equal(byId[row.CustomerId].ProbabilityAlive, row.ProbabilityAlive);
            Assert.Equal(
                byId[row.CustomerId].Clv
                    - (int.Parse(row.CustomerId[1..], CultureInfo.InvariantCulture) % 2 == 0 ? 10 : 40),
                row.ClvNet
            );
        }
        Assert.Contains(set.Rows, r => r.ProbabilityAlive < 0.5);
        Assert.Contains(set.Rows, r => r.ProbabilityAlive > 0.9);
    }

    [Fact]
    public void Clv_tiers_split_at_the_tertiles_and_higher_tiers_have_higher_clv()
    {
        using var store = Store(Log());

        var set = CustomerFeatureSet.Compute(store, new FeatureOptions { AsOf = AsOf });

        var tiers = set.Clv!.Tiers;
        var clv = set.Rows.Select(r => r.Clv!.Value).Order().ToArray();
        // numpy's linear quantile at 1/3 and 2/3 of the sorted values.
        double Quantile(double q)
        {
            var p = q * (clv.Length - 1);
            var i = (int)p;
            return clv[i] + (p - i) * (clv[Math.Min(i + 1, clv.Length - 1)] - clv[i]);
        }
        Assert.Equal(Quantile(1.0 / 3), tiers.LowCut, 12);
        Assert.Equal(Quantile(2.0 / 3), tiers.HighCut, 12);
        foreach (var row in set.Rows)
        {
            var expected =
                row.Clv >= tiers.HighCut ? "high"
                : row.Clv < tiers.LowCut ? "low"
                : "medium";
            Assert.Equal(expected, row.ClvTier);
        }
        var counts = set.Categorical(FeatureCatalog.ClvTier).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(counts.Values, n => Assert.InRange(n, set.Rows.Count / 3 - 2, set.Rows.Count / 3 + 2));
    }

    [Fact]
    public void Clv_against_acquisition_cost_is_reported_by_channel_with_non_buyers_at_zero()
    {
        using var store = Store(Log());

        var set = CustomerFeatureSet.Compute(store, new FeatureOptions { AsOf = AsOf });

        var channels = set.Clv!.ByChannel!;
        Assert.Equal(["search", "social"], channels.Select(c => c.Channel));
        var search = channels[0];
        var evenBuyers = set
            .Rows.Where(r => int.Parse(r.CustomerId[1..], CultureInfo.InvariantCulture) % 2 == 0)
            .ToList();
        // C00400 (search) never bought: counted with CLV 0.
        Assert.Equal(201, search.Customers);
        Assert.Equal(201 - evenBuyers.Count, search.CustomersWithoutClv);
        Assert.Equal(10, search.MeanAcquisitionCost);
        Assert.Equal(evenBuyers.Sum(r => r.Clv!.Value) / 201, search.MeanClv, 9);
        Assert.Equal(search.MeanClv / 10, search.ClvToCacRatio!.Value, 12);
        Assert.Equal(40, channels[1].MeanAcquisitionCost);
    }

    [Fact]
    public void Feature_files_carry_the_clv_tier_cuts_and_clv_by_channel()
    {
        using var store = Store(Log());
        var directory = Directory.CreateTempSubdirectory("clv-features-").FullName;
        try
        {
            var outputs = RuleOutputs.WriteFeatures(store, directory, new FeatureOptions { AsOf = AsOf });

            var tiers = outputs.Features.Clv!.Tiers;
            var cuts = File.ReadAllLines(Path.Combine(directory, RuleOutputs.TierCutsFile));
            var clvRow = cuts[^1].Split(',');
            Assert.Equal(["clv", "clv"], clvRow[..2]);
            Assert.Equal(tiers.LowCut, double.Parse(clvRow[2], CultureInfo.InvariantCulture));
            Assert.Equal(tiers.HighCut, double.Parse(clvRow[3], CultureInfo.InvariantCulture));
            Assert.Equal(
                outputs.Features.Rows.Count,
                clvRow[^3..].Sum(c => int.Parse(c, CultureInfo.InvariantCulture))
            );
            var channels = File.ReadAllLines(Path.Combine(directory, FeatureFiles.ClvByChannelFile));
            Assert.Equal(FeatureFiles.ClvByChannelHeader, channels[0]);
            Assert.Equal(
                ["search,201", "social,200"],
                channels.Skip(1).Select(l => string.Join(',', l.Split(',')[..2]))
            );
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Clv_net_needs_the_acquisition_cost_and_says_so()
    {
        using var store = Store(Log(), withCustomers: false);

        var set = CustomerFeatureSet.Compute(store, new FeatureOptions { AsOf = AsOf });

        Assert.True(set.IsComputable(FeatureCatalog.Clv));
        Assert.True(set.IsComputable(FeatureCatalog.ClvTier));
        Assert.Null(set.Clv!.ByChannel);
        var missing = Assert.Single(set.NotComputable, m => m.Name == FeatureCatalog.ClvNet);
        Assert.Equal("no customer table was loaded", missing.Reason);
    }

    [Fact]
    public void Clv_is_left_out_with_the_reason_when_not_requested()
    {
        using var store = Store(Log());

        var set = CustomerFeatureSet.Compute(store, new FeatureOptions { AsOf = AsOf, Clv = null });

        Assert.Null(set.Clv);
        foreach (
            var name in new[]
            {
                FeatureCatalog.Clv,
                FeatureCatalog.ProbabilityAlive,
                FeatureCatalog.ClvTier,
                FeatureCatalog.ClvNet,
            }
        )
        {
            var missing = Assert.Single(set.NotComputable, m => m.Name == name);
            Assert.Contains("CLV was not requested", missing.Reason, StringComparison.Ordinal);
        }
        Assert.All(set.Rows, r => Assert.Equal(FeatureValues.Unknown, r.ClvTier));
    }
}
