using Segmentation.Segmenting;
using Segmentation.Tests.Simulation;
using Segmentation.Workflow;

namespace Segmentation.Tests.Workflow;

/// <summary>
/// The method on data it was not shaped for: a purchase-only shop from <see cref="IndependentShopSimulator"/> (six
/// planted behavioural segments, online-retail layout, ISO timestamps, guest orders, cancellations, duplicate lines).
/// </summary>
public sealed class IndependentShopTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Automatic_k_finds_the_six_planted_segments_with_adjusted_rand_index_of_at_least_0_85(int seed)
    {
        var directory = Directory.CreateTempSubdirectory("seg-independent-").FullName;
        try
        {
            var (transactions, truth) = IndependentShopSimulator.Write(directory, 4000, seed);

            using var result = SegmentWorkflow.Run(
                new SegmentWorkflowOptions
                {
                    Input = transactions,
                    Truth = truth,
                    StabilityReplicates = 0,
                }
            );

            Assert.Equal(IndependentShopSimulator.Segments.Count, result.Clusters);
            Assert.True(
                result.Validation.Agreement!.AdjustedRandIndex >= 0.85,
                $"ARI {result.Validation.Agreement.AdjustedRandIndex}"
            );
            Assert.Equal(SegmentWorkflowOptions.TransactionLogFeatures, result.FeatureSelection.Chosen);
            Assert.True(result.FeatureSelection.Automatic);
            var cleaning = result.Cleaning!;
            Assert.Equal(cleaning.RowsIn, cleaning.Clean + cleaning.Returns + cleaning.Quarantined);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Its_indices_disagree_so_the_choice_says_no_consensus_and_prediction_strength_decided()
    {
        var directory = Directory.CreateTempSubdirectory("seg-independent-").FullName;
        try
        {
            var (transactions, _) = IndependentShopSimulator.Write(directory, 4000, 1);

            using var result = SegmentWorkflow.Run(
                new SegmentWorkflowOptions { Input = transactions, StabilityReplicates = 0 }
            );

            var choice = result.Scan!.Recommendation;
            Assert.False(choice.Consensus);
            Assert.Equal(KScanDecision.PredictionStrength, choice.Decision);
            Assert.True(
                choice
                    .Votes.GroupBy(v => v.K)
                    .Where(g => g.Key is not null)
                    .All(g => g.Count() * 2 <= choice.Votes.Count)
            );
            var chosen = result.Scan.PerK.Single(r => r.K == result.Clusters);
            Assert.True(chosen.PredictionStrength >= choice.PredictionStrengthCutoff);
            SegmentOutputs.Write(result, Path.Combine(directory, "out"));
            var report = File.ReadAllText(Path.Combine(directory, "out", SegmentOutputs.Report));
            Assert.Contains("No consensus: no k has more than half of the 5 indices", report, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
