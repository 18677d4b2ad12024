using Segmentation.Common.Text;
using Segmentation.Profiling;
using Segmentation.Segmenting.Rules;
using Segmentation.Testing;
using Segmentation.Tests.Simulation;
using Segmentation.Workflow;

namespace Segmentation.Tests.Workflow;

/// <summary>Segmentation of a customer table alone (no purchases), on named numeric and categorical columns.</summary>
public sealed class AttributeSegmentationTests
{
    private static readonly string[] Features =
    [
        "age",
        "income",
        "visits_per_month",
        "satisfaction_score",
        "preferred_channel",
    ];

    [Theory]
    [InlineData(SegmentationMethod.KMeans)]
    [InlineData(SegmentationMethod.KPrototypes)]
    public void Planted_groups_of_a_customer_table_are_recovered_with_adjusted_rand_index_of_at_least_0_9(
        SegmentationMethod method
    )
    {
        var directory = Directory.CreateTempSubdirectory("seg-attributes-").FullName;
        try
        {
            var (customers, truth) = AttributeTableSimulator.Write(directory, 1000, 11);

            using var result = SegmentWorkflow.Run(
                new SegmentWorkflowOptions
                {
                    Customers = customers,
                    Features = Features,
                    Truth = truth,
                    Method = method,
                    StabilityReplicates = 5,
                    Clusters = method == SegmentationMethod.KPrototypes ? AttributeTableSimulator.GroupCount : null,
                }
            );
            SegmentOutputs.Write(result, Path.Combine(directory, "out"));

            Assert.Equal(AttributeTableSimulator.GroupCount, result.Clusters);
            Assert.True(
                result.Validation.Agreement!.AdjustedRandIndex >= 0.9,
                $"ARI {result.Validation.Agreement.AdjustedRandIndex}"
            );
            Assert.Null(result.Cleaning);
            Assert.Null(result.Rfm);
            Assert.Null(result.Validation.Holdout);
            Assert.All(result.Personas.Personas, p => Assert.Equal(ValueTier.NotAssessed, p.Tier));
            Assert.All(result.Personas.Personas, p => Assert.Null(p.RevenueShare));
            Assert.Equal(["age", "income", "visits_per_month", "satisfaction_score"], result.FeatureSelection.Chosen);
            foreach (
                var file in new[]
                {
                    "assignments.csv",
                    "validation.json",
                    "model.json",
                    "personas.json",
                    "personas.md",
                    "report.html",
                }
            )
                Assert.True(new FileInfo(Path.Combine(directory, "out", file)).Length > 0, file);
            Assert.False(File.Exists(Path.Combine(directory, "out", "rfm.csv")));
            var personas = File.ReadAllText(Path.Combine(directory, "out", "personas.md"));
            Assert.DoesNotContain("revenue share", personas, StringComparison.Ordinal);
            if (method == SegmentationMethod.KMeans)
            {
                var report = Path.Combine(directory, "out", "report.html");
                var ours = File.ReadAllText(report)
                    .Replace(Segmentation.Reports.PlotlyAssets.ScriptElement(), "", StringComparison.Ordinal);
                var expected = System.Text.RegularExpressions.Regex.Matches(ours, "Plotly.newPlot\\(").Count;
                var rendered = Segmentation.Testing.HeadlessBrowser.Render(report);
                Assert.Empty(rendered.ScriptErrors);
                Assert.Equal(expected, rendered.DrawnCharts);
                Assert.True(expected >= 4, $"charts: {expected}");
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_result_summary_and_the_personas_follow_the_flows_language()
    {
        var directory = Directory.CreateTempSubdirectory("seg-attributes-").FullName;
        try
        {
            var (customers, _) = AttributeTableSimulator.Write(directory, 400, 11);
            SegmentWorkflowOptions Options() =>
                new()
                {
                    Customers = customers,
                    Features = Features,
                    Clusters = AttributeTableSimulator.GroupCount,
                    StabilityReplicates = 0,
                };

            using var english = SegmentWorkflow.Run(Options());
            var silhouette = english.Validation.Quality.Silhouette;
            var summary = english.Summary();
            Assert.Equal(
                FormattableString.Invariant($"k = {english.Clusters} (given), silhouette {silhouette:0.000}"),
                summary
            );
            using (Language.Use(Language.Chinese))
            {
                using var chinese = SegmentWorkflow.Run(Options());
                Assert.Same(Language.Chinese, chinese.Options.Language);
                Assert.Equal(
                    FormattableString.Invariant($"k = {chinese.Clusters}（由用户指定），轮廓系数 {silhouette:0.000}"),
                    chinese.Summary()
                );
                Assert.Equal(summary, chinese.Summary(Language.English));
                Assert.All(chinese.Personas.Personas, p => Assert.Matches("[\u4e00-\u9fff]", p.Name + p.Description));
            }
            Assert.Same(Language.English, english.Options.Language);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_feature_that_is_no_column_is_an_error_listing_the_columns()
    {
        var directory = Directory.CreateTempSubdirectory("seg-attributes-").FullName;
        try
        {
            var (customers, _) = AttributeTableSimulator.Write(directory, 100, 1);

            var error = Assert.Throws<OptionsException>(() =>
                SegmentWorkflow.Run(
                    new SegmentWorkflowOptions { Customers = customers, Features = ["age", "shoe_size"] }
                )
            );

            Assert.Contains("shoe_size", error.Message, StringComparison.Ordinal);
            Assert.Contains(
                "available: age, income, visits_per_month, satisfaction_score, preferred_channel",
                error.Message,
                StringComparison.Ordinal
            );
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Without_a_transaction_log_the_features_must_be_named()
    {
        var error = Assert.Throws<OptionsException>(() =>
            new SegmentWorkflowOptions { Customers = "customers.csv" }.Validate()
        );

        Assert.Contains("features must name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bundled_attribute_table_is_the_simulator_output_for_seed_7()
    {
        var directory = Directory.CreateTempSubdirectory("seg-attributes-").FullName;
        try
        {
            var (customers, truth) = AttributeTableSimulator.Write(directory, 1200, 7);

            Assert.Equal(
                File.ReadAllText(customers),
                File.ReadAllText(TestPaths.InRepo("data", "attributes", "customers.csv"))
            );
            Assert.Equal(
                File.ReadAllText(truth),
                File.ReadAllText(TestPaths.InRepo("data", "attributes", "truth.csv"))
            );
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
