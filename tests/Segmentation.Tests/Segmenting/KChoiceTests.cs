using Segmentation.Common.Text;
using Segmentation.Reports;
using Segmentation.Segmenting;

namespace Segmentation.Tests.Segmenting;

/// <summary>How the k-scan turns votes and prediction strength into one k.</summary>
public sealed class KChoiceTests
{
    private static KScanVote[] Votes(params int?[] ks) =>
        ks.Select(
                (k, i) =>
                    new KScanVote(
                        new[] { "silhouette", "calinskiHarabasz", "daviesBouldin", "gap", "elbow" }[i],
                        k,
                        "rule"
                    )
            )
            .ToArray();

    private static KScanRow[] Rows(params double[] strengths) =>
        strengths.Select((s, i) => new KScanRow(i + 2, i + 2, 1, 0, 0, 0, null, null, null, null, s, 0.1)).ToArray();

    private static (int K, KScanDecision Decision, bool Consensus, int VoteCount) Outcome(KScanRecommendation choice) =>
        (choice.K, choice.Decision, choice.Consensus, choice.VoteCount);

    [Fact]
    public void Three_of_five_votes_are_a_majority_whatever_prediction_strength_says()
    {
        var choice = KScan.Recommend(Votes(4, 4, 4, 2, null), Rows(0.99, 0.99, 0.5, 0.4), 0.9);

        Assert.Equal((4, KScanDecision.Majority, true, 3), Outcome(choice));
    }

    [Fact]
    public void Two_of_five_votes_are_no_consensus_and_the_steepest_fall_of_reproducible_k_decides()
    {
        // ps: k=2 0.99, 3 0.98, 4 0.97, 5 0.95, 6 0.91, 7 0.60. Reproducible (>= 0.9): 2..6; steepest fall after 6.
        var choice = KScan.Recommend(Votes(3, 7, 3, null, null), Rows(0.99, 0.98, 0.97, 0.95, 0.91, 0.60), 0.9);

        Assert.Equal((6, KScanDecision.PredictionStrength, false, 0), Outcome(choice));
    }

    [Fact]
    public void A_fall_after_a_k_below_the_cutoff_does_not_count()
    {
        // The steepest fall is after k=5 (0.85 → 0.2) but 0.85 is below the cutoff; of 2..4 the fall after 4 is
        // largest.
        var choice = KScan.Recommend(Votes(2, 3, 4, 5, null), Rows(0.99, 0.98, 0.92, 0.85, 0.2), 0.9);

        Assert.Equal(4, choice.K);
    }

    [Fact]
    public void When_no_k_is_reproducible_the_highest_prediction_strength_wins_and_equal_ones_go_to_the_smaller_k()
    {
        Assert.Equal(3, KScan.Recommend(Votes(2, 3, 4, 5, 6), Rows(0.5, 0.7, 0.6, 0.4), 0.9).K);
        Assert.Equal(2, KScan.Recommend(Votes(2, 3, 4, 5, 6), Rows(0.7, 0.7, 0.6, 0.4), 0.9).K);
    }

    [Fact]
    public void When_only_the_largest_k_is_reproducible_it_is_chosen()
    {
        Assert.Equal(5, KScan.Recommend(Votes(2, 3, 4, 5, null), Rows(0.5, 0.7, 0.6, 0.95), 0.9).K);
    }

    [Fact]
    public void Without_prediction_strength_no_consensus_falls_back_to_the_plurality_with_ties_to_the_smaller_k()
    {
        var rows = new[] { 2, 3, 4 }.Select(k => new KScanRow(k, k, 1, 0, 0, 0, null, null, null, null)).ToArray();

        var choice = KScan.Recommend(Votes(4, 3, 4, 3, null), rows, null);

        Assert.Equal(3, choice.K);
        Assert.Equal(KScanDecision.Plurality, choice.Decision);
    }

    [Fact]
    public void Every_scanned_k_reports_prediction_strength_and_the_smallest_cluster_share()
    {
        var (x, _) = Validation.TestClustering.Blobs(Validation.TestClustering.Square(8), 30, 1.0, 2);

        var scan = KScan.Run(x, KScanTests.ScanOptions(kMax: 5, gapReferences: 0, seed: 3), (m, k, seed) =>
            Validation.TestClustering.KMeans(m, k, seed)
        );

        Assert.All(scan.PerK, r => Assert.InRange(r.PredictionStrength!.Value, 0, 1));
        Assert.Equal(0.25, scan.PerK.Single(r => r.K == 4).SmallestClusterShare, 12);
        Assert.All(scan.PerK, r => Assert.InRange(r.SmallestClusterShare, 1.0 / x.Rows, 1.0 / r.K));
        var restored = KScanResult.FromJson(scan.ToJson());
        Assert.Equal(scan.PerK.Select(r => r.PredictionStrength), restored.PerK.Select(r => r.PredictionStrength));
        Assert.Equal(scan.Recommendation.Decision, restored.Recommendation.Decision);
    }

    [Fact]
    public void The_decision_reads_in_the_language_given_else_in_the_flows_language()
    {
        var choice = KScan.Recommend(Votes(4, 4, 4, 2, null), Rows(0.99, 0.99, 0.5, 0.4), 0.9);
        var scan = new KScanResult(
            100,
            2,
            2,
            5,
            42,
            0,
            GapReferenceBox.PrincipalComponents,
            null,
            Rows(0.99, 0.99, 0.5, 0.4),
            null,
            0,
            choice
        );

        Assert.Equal("Recommended k = 4: 3 of 5 indices agree.", KChoiceTables.Decision(scan));
        Assert.Equal("推荐 k = 4：5 个指标中有 3 个一致。", KChoiceTables.Decision(scan, Language.Chinese));
        using (Language.Use(Language.Chinese))
        {
            Assert.Equal("推荐 k = 4：5 个指标中有 3 个一致。", KChoiceTables.Decision(scan));
            Assert.Equal("Recommended k = 4: 3 of 5 indices agree.", KChoiceTables.Decision(scan, Language.English));
            Assert.Contains("<th>轮廓系数</th>", KChoiceTables.PerK(scan), StringComparison.Ordinal);
        }
    }
}
