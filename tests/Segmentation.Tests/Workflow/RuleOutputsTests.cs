using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Segmenting.Rules;
using Segmentation.Tests.Features;
using Segmentation.Workflow;

namespace Segmentation.Tests.Workflow;

public sealed class RuleOutputsTests
{
    [Fact]
    public void Rfm_outputs_hold_scores_bins_and_segment_counts()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"rfm-{Guid.NewGuid():N}");
        try
        {
            using var store = FeatureFixture.Store();

            RuleOutputs.WriteRfm(store, directory);

            Assert.StartsWith(
                RfmSegmentation.CsvHeader + "\nc1,1,3,64.50,5,5,3,champions\n",
                File.ReadAllText(Path.Combine(directory, RuleOutputs.RfmFile)),
                StringComparison.Ordinal
            );
            var bins = File.ReadAllLines(Path.Combine(directory, RuleOutputs.RfmBinsFile));
            // Three customers take scores 1, 3 and 5; recency score 5 is c1 (1 day), 4 is empty.
            Assert.Equal(
                [
                    "dimension,score,customers,lowest,highest",
                    "recency_days,1,1,15,15",
                    "recency_days,2,0,,",
                    "recency_days,3,1,5,5",
                    "recency_days,4,0,,",
                    "recency_days,5,1,1,1",
                ],
                bins.Take(6)
            );
            Assert.Equal("monetary,5,1,150.00,150.00", bins[^1]);
            var segments = File.ReadAllLines(Path.Combine(directory, RuleOutputs.RfmSegmentsFile));
            Assert.Equal("segment,customers,rule", segments[0]);
            Assert.Equal("champions,1,\"champions: r 5-5, f 4-5, m 1-5\"", segments[1]);
            Assert.Equal("other,0,matches no rule", segments[^1]);
        }
        finally
        {
            if (Directory.Exists(directory))
                Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Rule_outputs_keep_their_english_machine_names_and_bytes_whatever_the_current_language()
    {
        var english = Path.Combine(Path.GetTempPath(), $"rules-en-{Guid.NewGuid():N}");
        var chinese = Path.Combine(Path.GetTempPath(), $"rules-zh-{Guid.NewGuid():N}");
        try
        {
            foreach (var (directory, language) in new[] { (english, Language.English), (chinese, Language.Chinese) })
            {
                using var scope = Language.Use(language);
                using var store = FeatureFixture.Store();
                RuleOutputs.WriteRfm(store, directory);
                RuleOutputs.WriteFeatures(store, directory);
            }

            var files = Directory.GetFiles(english).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(files, Directory.GetFiles(chinese).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            Assert.All(files, f =>
                Assert.Equal(File.ReadAllBytes(Path.Combine(english, f!)), File.ReadAllBytes(Path.Combine(chinese, f!)))
            );
            var segmentNames = RfmSegmentRules
                .Default.Rules.Select(r => r.Name)
                .Append(RfmSegmentRules.Other)
                .ToHashSet();
            Assert.All(File.ReadLines(Path.Combine(chinese, RuleOutputs.RfmFile)).Skip(1), line =>
                Assert.Contains(line.Split(',')[^1], segmentNames)
            );
            var levelNames = Enum.GetValues<TierLevel>()
                .Select(TierLevels.Name)
                .Concat(Enum.GetValues<ValueTier>().Select(ValueTierNames.Of))
                .Append("")
                .ToHashSet();
            var tiers = File.ReadLines(Path.Combine(chinese, RuleOutputs.TiersFile))
                .Skip(1)
                .SelectMany(line => line.Split(',').Skip(1))
                .ToList();
            Assert.NotEmpty(tiers);
            Assert.All(tiers, value => Assert.Contains(value, levelNames));
        }
        finally
        {
            foreach (var directory in new[] { english, chinese })
                if (Directory.Exists(directory))
                    Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Feature_outputs_are_the_same_bytes_on_a_second_run()
    {
        var first = Path.Combine(Path.GetTempPath(), $"features-{Guid.NewGuid():N}");
        var second = Path.Combine(Path.GetTempPath(), $"features-{Guid.NewGuid():N}");
        try
        {
            using (var store = FeatureFixture.Store())
                RuleOutputs.WriteFeatures(store, first);
            using (var store = FeatureFixture.Store())
                RuleOutputs.WriteFeatures(store, second);

            var files = new[]
            {
                RuleOutputs.FeaturesCsvFile,
                RuleOutputs.FeaturesParquetFile,
                RuleOutputs.FeatureColumnsFile,
                RuleOutputs.TiersFile,
                RuleOutputs.TierCutsFile,
            };
            Assert.Equal(
                files.Order(StringComparer.Ordinal),
                Directory.GetFiles(first).Select(Path.GetFileName).Order(StringComparer.Ordinal)
            );
            Assert.All(files, f =>
                Assert.Equal(File.ReadAllBytes(Path.Combine(first, f)), File.ReadAllBytes(Path.Combine(second, f)))
            );
            Assert.Equal(
                "customer_id,activity_tier,frequency_tier,purchase_volume_tier,loyalty_tier,value_tier,customer_value",
                File.ReadLines(Path.Combine(first, RuleOutputs.TiersFile)).First()
            );
        }
        finally
        {
            foreach (var d in new[] { first, second })
                if (Directory.Exists(d))
                    Directory.Delete(d, recursive: true);
        }
    }
}
