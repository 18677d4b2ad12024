using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Validation;

namespace Segmentation.Tests.Validation;

public sealed class QualitySummaryTests
{
    // Two clusters on a line: {0, 1} and {4, 5}; centres 0.5 and 4.5, overall mean 2.5.
    private static readonly FeatureMatrix Line = FeatureMatrix.FromRows(
        ["x"],
        [
            [0],
            [1],
            [4],
            [5],
        ]
    );
    private static readonly int[] Labels = [0, 0, 1, 1];

    [Fact]
    public void Evaluate_gives_the_hand_computed_indices_of_two_clusters_on_a_line()
    {
        var quality = QualitySummary.Evaluate(Line, Labels);

        // Silhouettes: 0 and 5 have a = 1, b = 4.5 → 3.5/4.5; 1 and 4 have a = 1, b = 3.5 → 2.5/3.5.
        Assert.Equal((3.5 / 4.5 + 2.5 / 3.5) / 2, quality.Silhouette, 1e-12);
        // Between SS = 4 · 2² = 16 on k − 1 = 1, within SS = 4 · 0.5² = 1 on n − k = 2: (16 / 1) / (1 / 2).
        Assert.Equal(32.0, quality.CalinskiHarabaszIndex, 1e-12);
        // Scatter 0.5 in each cluster, centres 4 apart: (0.5 + 0.5) / 4.
        Assert.Equal(0.25, quality.DaviesBouldinIndex, 1e-12);
        Assert.Equal(1.0, quality.Inertia, 1e-12);
    }

    [Fact]
    public void The_summary_names_the_three_indices_with_their_direction_in_the_language_asked_for()
    {
        var quality = QualitySummary.Evaluate(Line, Labels);

        Assert.Equal(
            "Internal quality: silhouette 0.746 (higher is better, −1 to 1), Calinski–Harabasz index 32.0 (higher is "
                + "better), Davies–Bouldin index 0.250 (lower is better)",
            quality.Summary(Language.English)
        );
        Assert.Equal(
            "内部质量：轮廓系数 0.746（越高越好，−1 到 1），CH 指数 32.0（越高越好），DB 指数 0.250（越低越好）",
            quality.Summary(Language.Chinese)
        );
        Assert.Equal(
            "Internal quality: silhouette 0.254 (higher is better, −1 to 1), Calinski–Harabasz index 1,234.5 (higher "
                + "is better), Davies–Bouldin index 1.234 (lower is better)",
            new QualitySummary(0.2544, 1234.46, 1.2341, 7).Summary(Language.English)
        );
        using (Language.Use(Language.Chinese))
            Assert.Equal(quality.Summary(Language.Chinese), quality.Summary());
        Assert.Equal(quality.Summary(Language.English), quality.Summary());
    }
}
