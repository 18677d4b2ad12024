using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Tests.Segmenting;

public sealed class KPrototypesSegmenterTests
{
    /// <summary>
    /// Four planted groups: A and B share numeric centre (0, 0), C and D share (5, 5); A and C mostly say
    /// channel=web, tier=gold, B and D mostly store/silver. Numbers alone cannot split A from B.
    /// </summary>
    private static (FeatureMatrix Numeric, CategoricalMatrix Categorical, int[] Truth) Mixed(
        int perGroup = 60,
        ulong seed = 5
    )
    {
        var random = new SeededRandom(seed);
        (double X, double Y, string Channel, string Tier)[] groups =
        [
            (0, 0, "web", "gold"),
            (0, 0, "store", "silver"),
            (5, 5, "web", "gold"),
            (5, 5, "store", "silver"),
        ];
        var numeric = new List<double[]>();
        var categorical = new List<string?[]>();
        var truth = new List<int>();
        for (var i = 0; i < perGroup; i++)
        {
            for (var g = 0; g < groups.Length; g++)
            {
                var (x, y, channel, tier) = groups[g];
                numeric.Add([random.NextGaussian(x, 1), random.NextGaussian(y, 1)]);
                categorical.Add([
                    random.NextDouble() < 0.9 ? channel : "app",
                    random.NextDouble() < 0.9 ? tier : "bronze",
                ]);
                truth.Add(g);
            }
        }
        var keys = Enumerable.Range(0, truth.Count).Select(i => $"customer-{i:D4}").ToArray();
        return (
            FeatureMatrix.FromRows(["recency", "spend"], numeric, keys),
            CategoricalMatrix.FromRows(["channel", "tier"], categorical, keys),
            truth.ToArray()
        );
    }

    private static KPrototypesModel Fit(
        FeatureMatrix numeric,
        CategoricalMatrix categorical,
        int clusters = 4,
        ulong seed = 42,
        int restarts = 10
    ) =>
        new KPrototypesSegmenter(
            new KPrototypesOptions
            {
                Clusters = clusters,
                Seed = seed,
                Restarts = restarts,
            }
        ).Fit(numeric, categorical);

    [Fact]
    public void KPrototypes_recovers_planted_mixed_clusters_that_numbers_alone_cannot_separate()
    {
        var (numeric, categorical, truth) = Mixed();

        var model = Fit(numeric, categorical);
        var numericOnly = new KMeansSegmenter(new KMeansOptions { Clusters = 4 }).Fit(numeric);

        Assert.True(SegmentingFixtures.AdjustedRandIndex(truth, model.Labels) > 0.8);
        Assert.True(SegmentingFixtures.AdjustedRandIndex(truth, numericOnly.Labels) < 0.6);
    }

    [Fact]
    public void KPrototypes_modes_are_the_planted_categories()
    {
        var (numeric, categorical, _) = Mixed();

        var model = Fit(numeric, categorical);

        var modes = model.Modes.Select(m => string.Join("/", m)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["store/silver", "store/silver", "web/gold", "web/gold"], modes);
    }

    [Fact]
    public void KPrototypes_is_identical_across_two_fits()
    {
        var (numeric, categorical, _) = Mixed();

        var first = Fit(numeric, categorical);
        var second = Fit(numeric, categorical);

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.Cost), BitConverter.DoubleToInt64Bits(second.Cost));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void KPrototypes_restarts_are_never_worse_than_a_single_start(ulong seed)
    {
        var (numeric, categorical, _) = Mixed(perGroup: 30, seed: 9);

        var single = Fit(numeric, categorical, clusters: 6, seed: seed, restarts: 1);
        var many = Fit(numeric, categorical, clusters: 6, seed: seed, restarts: 6);

        Assert.True(many.Cost <= single.Cost, $"{many.Cost} > {single.Cost}");
    }

    [Fact]
    public void KPrototypes_cost_adds_squared_distances_and_gamma_per_mismatch()
    {
        var (numeric, categorical, _) = Mixed();
        var model = new KPrototypesSegmenter(new KPrototypesOptions { Clusters = 4, Gamma = 2.5 }).Fit(
            numeric,
            categorical
        );

        var expected = 0.0;
        for (var i = 0; i < numeric.Rows; i++)
        {
            var c = model.Labels[i];
            for (var j = 0; j < numeric.ColumnCount; j++)
                expected += Math.Pow(numeric[i, j] - model.Centroids[c, j], 2);
            for (var j = 0; j < categorical.ColumnCount; j++)
                expected += categorical[i, j] == model.Modes[c][j] ? 0 : 2.5;
        }

        Assert.Equal(expected, model.Cost, 9);
        Assert.Equal(2.5, model.Gamma);
    }

    [Fact]
    public void KPrototypes_gamma_defaults_to_the_mean_standard_deviation_of_the_numeric_columns()
    {
        // Column a: [0, 4] has population sd 2; column b: [0, 8] has sd 4; the mean is 3.
        var numeric = FeatureMatrix.FromRows(
            ["a", "b"],
            [
                [0.0, 0],
                [4.0, 8],
            ]
        );
        var categorical = CategoricalMatrix.FromRows(
            ["c"],
            [
                ["x"],
                ["y"],
            ]
        );

        var model = new KPrototypesSegmenter(new KPrototypesOptions { Clusters = 1 }).Fit(numeric, categorical);

        Assert.Equal(3.0, model.Gamma, 12);
        // One prototype: centre (2, 4), mode "x" (tie between x and y goes to the ordinally smallest).
        Assert.Equal([2.0, 4], model.Centroids.Row(0).ToArray());
        Assert.Equal("x", model.Modes[0][0]);
        Assert.Equal(4 + 16 + 4 + 16 + 3.0, model.Cost, 12);
    }

    [Fact]
    public void KPrototypes_predict_on_the_training_rows_equals_the_labels_and_unseen_categories_never_match()
    {
        var (numeric, categorical, _) = Mixed();
        var model = Fit(numeric, categorical);

        Assert.Equal(model.Labels, model.Predict(numeric, categorical));

        var fresh = model.Predict(
            FeatureMatrix.FromRows(
                ["recency", "spend"],
                [
                    [5.0, 5],
                ]
            ),
            CategoricalMatrix.FromRows(
                ["channel", "tier"],
                [
                    ["kiosk", "gold"],
                ]
            )
        );
        Assert.Equal("gold", model.Modes[fresh[0]][1]);
    }

    [Fact]
    public void KPrototypes_rejects_matrices_listing_different_customers()
    {
        var numeric = FeatureMatrix.FromRows(
            ["a"],
            [
                [0.0],
                [1.0],
            ],
            ["c1", "c2"]
        );
        var categorical = CategoricalMatrix.FromRows(
            ["c"],
            [
                ["x"],
                ["y"],
            ],
            ["c2", "c1"]
        );

        var error = Assert.Throws<OptionsException>(() => Fit(numeric, categorical, clusters: 2));

        Assert.StartsWith("row 0 is 'c1' in the numeric matrix but 'c2' in the categorical one", error.Message);
    }

    [Theory]
    [InlineData(7, null, "clusters=7 must be <= rows=5")]
    [InlineData(2, 0.0, "gamma=0 must be > 0 and finite")]
    public void KPrototypes_options_are_validated_with_messages_naming_the_argument(
        int clusters,
        double? gamma,
        string message
    )
    {
        var numeric = SegmentingFixtures.OneToFive();
        var categorical = CategoricalMatrix.FromRows(
            ["c"],
            [
                ["x"],
                ["y"],
                ["x"],
                ["y"],
                ["x"],
            ]
        );

        var error = Assert.Throws<OptionsException>(() =>
            new KPrototypesSegmenter(new KPrototypesOptions { Clusters = clusters, Gamma = gamma }).Fit(
                numeric,
                categorical
            )
        );

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void KPrototypes_rejects_more_clusters_than_distinct_customers()
    {
        var numeric = FeatureMatrix.FromRows(
            ["a"],
            [
                [1.0],
                [1.0],
                [1.0],
            ]
        );
        var categorical = CategoricalMatrix.FromRows(
            ["c"],
            [
                ["x"],
                ["x"],
                ["y"],
            ]
        );

        var error = Assert.Throws<OptionsException>(() => Fit(numeric, categorical, clusters: 3));

        Assert.Equal("clusters=3 must be <= distinct rows=2", error.Message);
    }

    [Fact]
    public void KPrototypes_model_describes_itself_in_one_line_in_either_language()
    {
        var (numeric, categorical, _) = Mixed();
        var model = Fit(numeric, categorical);
        var figures =
            FormattableString.Invariant($"k=4, n={numeric.Rows}, cost={model.Cost:0.####}, ")
            + FormattableString.Invariant($"gamma={model.Gamma:0.####}, iterations={model.Iterations}");

        Assert.Equal("KPrototypesModel: " + figures, model.ToString());
        Assert.Equal(model.ToString(), ((ISegmentationModel)model).Summary(Language.English));
        Assert.Equal(
            FormattableString.Invariant(
                $"K 原型模型：k=4，客户数 {numeric.Rows}，代价 {model.Cost:0.####}，γ={model.Gamma:0.####}，迭代 {model.Iterations} 次"
            ),
            model.Summary(Language.Chinese)
        );
        using (Language.Use(Language.Chinese))
            Assert.Equal(model.Summary(Language.Chinese), model.Summary());
    }

    [Fact]
    public void KPrototypes_model_round_trips_through_json_and_predicts_the_same_labels()
    {
        var (numeric, categorical, _) = Mixed();
        var model = Fit(numeric, categorical);

        var json = model.ToJson();
        var loaded = KPrototypesModel.FromJson(json);

        Assert.Equal(model.Labels, loaded.Predict(numeric, categorical));
        Assert.Equal(json, loaded.ToJson());
        Assert.Contains("\"method\": \"k-prototypes\"", json);
        Assert.DoesNotContain("customer-", json);
        Assert.Empty(loaded.Labels);
    }

    [Fact]
    public void KPrototypes_scores_a_feature_table_with_the_attached_transform()
    {
        var (numeric, categorical, _) = Mixed();
        var table = FeatureTable
            .FromMatrix(numeric)
            .WithCategorical(
                "channel",
                Enumerable.Range(0, categorical.Rows).Select(i => (string?)categorical[i, 0]).ToArray()
            )
            .WithCategorical(
                "tier",
                Enumerable.Range(0, categorical.Rows).Select(i => (string?)categorical[i, 1]).ToArray()
            );
        var transform = new FeaturePipeline(
            ColumnSpec.Numeric("recency", TransformStep.ZScore),
            ColumnSpec.Numeric("spend", TransformStep.ZScore)
        ).Fit(table);
        var scaled = transform.Transform(table);

        var model = new KPrototypesSegmenter(new KPrototypesOptions { Clusters = 4 }).Fit(
            scaled,
            CategoricalMatrix.FromTable(table, ["channel", "tier"]),
            transform
        );
        var loaded = KPrototypesModel.FromJson(model.ToJson());

        Assert.Equal(model.Labels, loaded.Predict(table));
        Assert.Equal(1.0, model.Gamma, 12);
    }
}
