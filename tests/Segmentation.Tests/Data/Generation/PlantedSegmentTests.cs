using System.Globalization;
using Segmentation.Data.Generation;

namespace Segmentation.Tests.Data.Generation;

public sealed class PlantedSegmentTests
{
    [Fact]
    public void Planted_segments_are_recovered_by_k_means_on_standardised_customer_features()
    {
        var (rows, labels) = StandardisedFeatures(Samples.Default);
        var k = PlantedSegments.All.Count;
        var planted = SegmentRecovery.Centroids(rows, labels, k);

        var nearest = rows.Select(r => SegmentRecovery.Nearest(r, planted)).ToArray();
        var accuracy = nearest.Zip(labels).Count(p => p.First == p.Second) / (double)labels.Length;
        var (seeded, seededInertia) = SegmentRecovery.Lloyd(rows, planted);
        var searched = SegmentRecovery.KMeans(rows, k, seed: 1, restarts: 10);
        var searchedInertia = SegmentRecovery.Lloyd(rows, SegmentRecovery.Centroids(rows, searched, k)).Inertia;

        Assert.True(accuracy >= 0.95, $"nearest planted centroid accuracy {accuracy:F3}");
        Assert.True(SegmentRecovery.AdjustedRandIndex(labels, seeded) >= 0.9, "Lloyd from the planted centroids");
        Assert.True(SegmentRecovery.AdjustedRandIndex(labels, searched) >= 0.9, "best of 10 k-means++ starts");
        // The planted partition is (near) the k-means optimum: no start found a clearly better one.
        Assert.True(
            seededInertia <= searchedInertia * 1.001,
            $"planted inertia {seededInertia:F0} vs found {searchedInertia:F0}"
        );
    }

    [Fact]
    public void More_spread_blurs_the_segments_and_none_makes_them_crisper()
    {
        double Accuracy(double spread)
        {
            var (rows, labels) = StandardisedFeatures(
                new GeneratedData(
                    new GeneratorOptions
                    {
                        Customers = 1500,
                        Seed = 4,
                        Spread = spread,
                    }
                )
            );
            var planted = SegmentRecovery.Centroids(rows, labels, PlantedSegments.All.Count);
            return rows.Select(r => SegmentRecovery.Nearest(r, planted)).Zip(labels).Count(p => p.First == p.Second)
                / (double)labels.Length;
        }

        var crisp = Accuracy(0);
        var blurred = Accuracy(3);
        Assert.True(crisp > blurred, $"spread 0 accuracy {crisp:F3} must exceed spread 3 accuracy {blurred:F3}");
    }

    [Fact]
    public void Segment_profiles_differ_in_the_intended_direction()
    {
        var data = Samples.Default;
        var truth = data.TruthById();
        var features = SegmentRecovery.Features(data.WorkspaceLines(), data.Report.WindowEnd);
        double Mean(PlantedSegment segment, int feature) =>
            features.Where(f => truth[f.Key] == segment.Label()).Average(f => f.Value[feature]);
        const int recency = 0,
            frequency = 1,
            averageOrderValue = 3,
            online = 4,
            premium = 5,
            international = 6;

        Assert.True(Mean(PlantedSegment.Champions, frequency) > Mean(PlantedSegment.Loyal, frequency));
        Assert.True(Mean(PlantedSegment.Loyal, frequency) > Mean(PlantedSegment.Hibernating, frequency));
        Assert.True(Mean(PlantedSegment.AtRisk, frequency) > Mean(PlantedSegment.Hibernating, frequency));
        Assert.True(Mean(PlantedSegment.AtRisk, recency) > Mean(PlantedSegment.Loyal, recency));
        Assert.True(Mean(PlantedSegment.Hibernating, recency) > Mean(PlantedSegment.AtRisk, recency));
        var highestOrderValue = PlantedSegments.All.MaxBy(s => Mean(s, averageOrderValue));
        Assert.Equal(PlantedSegment.BigSpenders, highestOrderValue);
        Assert.Equal(PlantedSegment.BigSpenders, PlantedSegments.All.MaxBy(s => Mean(s, premium)));
        Assert.Equal(PlantedSegment.NewPotential, PlantedSegments.All.MaxBy(s => Mean(s, online)));
        Assert.True(Mean(PlantedSegment.Champions, international) > Mean(PlantedSegment.Loyal, international));

        // Days from the last order to the window end: at risk stopped about 4–9 months ago, hibernating 10+ months ago.
        var end = data.Report.WindowEnd.DayNumber;
        var lastOrder = data.WorkspaceLines()
            .Where(l => l.IsUsableSale)
            .GroupBy(l => l.CustomerId)
            .ToDictionary(g => g.Key, g => end - DateOnly.FromDateTime(g.Max(l => l.Timestamp)).DayNumber);
        var atRisk = lastOrder.Where(p => truth[p.Key] == "at_risk").Select(p => p.Value).ToList();
        Assert.All(atRisk, days => Assert.True(days >= 120));
        Assert.True(
            atRisk.Count(days => days <= 300) >= 0.9 * atRisk.Count,
            "most at-risk customers stopped 4-9 months ago"
        );
        Assert.All(lastOrder.Where(p => truth[p.Key] == "hibernating"), p => Assert.True(p.Value >= 300));
    }

    [Fact]
    public void Segment_attributes_differ_in_the_intended_direction()
    {
        var data = Samples.Default;
        var truth = data.TruthById();
        var rows = GeneratedData.DataLines(data.Customers).Select(GeneratedData.SplitCsvLine).ToList();
        double Mean(string segment, int column) =>
            rows.Where(r => truth[r[0]] == segment && r[column].Length > 0)
                .Average(r => double.Parse(r[column], CultureInfo.InvariantCulture));
        double Share(string segment, int column, string value) =>
            rows.Where(r => truth[r[0]] == segment && r[column].Length > 0)
                .Average(r => r[column] == value ? 1.0 : 0.0);
        const int age = 2,
            occupation = 4,
            income = 5,
            satisfaction = 12,
            priceSensitivity = 11;
        var window = data.Report.WindowEnd;

        Assert.True(Mean("big_spenders", income) > Mean("champions", income));
        Assert.True(Mean("champions", income) > Mean("hibernating", income));
        Assert.True(Mean("new", age) < Mean("loyal", age));
        Assert.True(Share("new", occupation, "student") > Share("loyal", occupation, "student"));
        Assert.True(Mean("at_risk", satisfaction) < Mean("champions", satisfaction));
        Assert.True(Mean("hibernating", priceSensitivity) > Mean("big_spenders", priceSensitivity));
        // New customers signed up in the last 100 days; everyone else earlier.
        Assert.All(rows.Where(r => truth[r[0]] == "new"), r =>
            Assert.InRange(
                window.DayNumber - DateOnly.ParseExact(r[1], "yyyy-MM-dd", CultureInfo.InvariantCulture).DayNumber,
                0,
                100
            )
        );
    }

    [Fact]
    public void Segment_sizes_follow_the_planted_shares()
    {
        var report = new GeneratedData(
            new GeneratorOptions
            {
                Customers = 20_000,
                Seed = 12,
                Faults = FaultRates.None,
            }
        ).Report;
        double[] shares = [0.14, 0.20, 0.16, 0.16, 0.22, 0.12];

        foreach (var segment in PlantedSegments.All)
        {
            var share = report.CustomersBySegment[segment.Label()] / 20_000.0;
            Assert.InRange(share, shares[(int)segment] - 0.015, shares[(int)segment] + 0.015);
        }
    }

    private static (double[][] Rows, int[] Labels) StandardisedFeatures(GeneratedData data)
    {
        var truth = data.TruthById();
        var features = SegmentRecovery.Features(data.WorkspaceLines(), data.Report.WindowEnd);
        var labels = features.Keys.Select(id => (int)PlantedSegments.Parse(truth[id])).ToArray();
        return (SegmentRecovery.Standardise(features.Values.ToArray()), labels);
    }
}
