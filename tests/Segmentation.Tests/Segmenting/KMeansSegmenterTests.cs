using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Tests.Segmenting;

public sealed class KMeansSegmenterTests
{
    private static KMeansModel FitFourBlobs(int restarts = 10, ulong seed = 42, FeatureMatrix? x = null) =>
        new KMeansSegmenter(
            new KMeansOptions
            {
                Clusters = 4,
                Restarts = restarts,
                Seed = seed,
            }
        ).Fit(x ?? SegmentingFixtures.FourBlobs().Matrix);

    [Fact]
    public void KMeans_recovers_four_planted_blobs()
    {
        var (x, truth) = SegmentingFixtures.FourBlobs();

        var model = FitFourBlobs(x: x);

        Assert.True(SegmentingFixtures.AdjustedRandIndex(truth, model.Labels) > 0.95);
        Assert.Equal(x.Rows, model.Labels.Count);
        Assert.Equal(4, model.Clusters);
        Assert.All(model.Labels, label => Assert.InRange(label, 0, 3));
    }

    [Fact]
    public void KMeans_is_bit_identical_across_two_fits()
    {
        var first = FitFourBlobs();
        var second = FitFourBlobs();

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(BitConverter.DoubleToInt64Bits(first.Inertia), BitConverter.DoubleToInt64Bits(second.Inertia));
        Assert.Equal(first.Centroids.Values.ToArray(), second.Centroids.Values.ToArray());
    }

    [Fact]
    public void KMeans_is_bit_identical_whether_restarts_run_on_one_thread_or_many()
    {
        var (x, _) = SegmentingFixtures.Blobs(SegmentingFixtures.SquareWithCentre(), 40, sd: 0.8, seed: 3);
        var options = new KMeansOptions { Clusters = 5, Restarts = 6 };

        var (oneThread, manyThreads) = FitOnOneThreadAndFour(options, x);

        Assert.Equal(oneThread.Labels, manyThreads.Labels);
        Assert.Equal(oneThread.ToJson(), manyThreads.ToJson());
    }

    [Fact]
    public void KMeans_is_bit_identical_on_one_thread_and_many_when_the_refinement_splits_rows_into_blocks()
    {
        // More rows than one assignment block, so the refinement of the best-scored restarts runs in parallel blocks.
        var (x, _) = SegmentingFixtures.Blobs(SegmentingFixtures.AxesAndDiagonal(), 2_000, sd: 1.2, seed: 21);
        var options = new KMeansOptions
        {
            Clusters = 5,
            Restarts = 4,
            RestartIterations = 3,
        };

        var (oneThread, manyThreads) = FitOnOneThreadAndFour(options, x);

        Assert.Equal(oneThread.Labels, manyThreads.Labels);
        Assert.Equal(
            BitConverter.DoubleToInt64Bits(oneThread.Inertia),
            BitConverter.DoubleToInt64Bits(manyThreads.Inertia)
        );
        Assert.Equal(oneThread.ToJson(), manyThreads.ToJson());
    }

    private static (KMeansModel OneThread, KMeansModel FourThreads) FitOnOneThreadAndFour(
        KMeansOptions options,
        FeatureMatrix x
    ) =>
        (
            new KMeansSegmenter(options) { MaxDegreeOfParallelism = 1 }.Fit(x),
            new KMeansSegmenter(options) { MaxDegreeOfParallelism = 4 }.Fit(x)
        );

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(20)]
    public void KMeans_recovers_planted_blobs_however_few_iterations_each_restart_gets(int restartIterations)
    {
        var (x, truth) = SegmentingFixtures.FourBlobs();

        var model = new KMeansSegmenter(new KMeansOptions { Clusters = 4, RestartIterations = restartIterations }).Fit(
            x
        );

        Assert.True(SegmentingFixtures.AdjustedRandIndex(truth, model.Labels) > 0.95);
        Assert.Equal(model.Labels, model.Predict(x));
    }

    [Fact]
    public void KMeans_refines_the_kept_restart_to_a_fixed_point_even_from_one_ml_net_iteration()
    {
        // Overlapping blobs: one ML.NET iteration is far from converged, the refinement must finish the job.
        var (x, _) = SegmentingFixtures.Blobs(SegmentingFixtures.SquareWithCentre(), 400, sd: 0.9, seed: 4);

        var model = new KMeansSegmenter(new KMeansOptions { Clusters = 5, RestartIterations = 1 }).Fit(x);

        AssertCentroidsAreTheMeansOfTheirClusters(model, x);
        Assert.Equal(model.Labels, model.Predict(x));
    }

    [Fact]
    public void KMeans_refining_more_of_the_best_scored_restarts_is_never_worse_and_sometimes_better()
    {
        // Uniform data has many local optima, and one ML.NET iteration per restart makes the restarts' scores a poor
        // guide to where each one converges. The restarts are the same whatever RefinedRestarts is (same seeds), so
        // refining the 2 (or all 8) best-scored ones can only keep a lower inertia than refining the best one alone.
        var random = new Random(17);
        var x = new FeatureMatrix(["a", "b"], Enumerable.Range(0, 2 * 600).Select(_ => random.NextDouble()).ToArray());
        double Fit(ulong seed, int refined) => new KMeansSegmenter(
                new KMeansOptions
                {
                    Clusters = 9,
                    Seed = seed,
                    Restarts = 8,
                    RestartIterations = 1,
                    RefinedRestarts = refined,
                }
            ).Fit(x).Inertia;

        var strictlyBetter = 0;
        for (var seed = 1UL; seed <= 12; seed++)
        {
            var one = Fit(seed, 1);
            var two = Fit(seed, 2);
            var all = Fit(seed, 8);
            Assert.True(two <= one, FormattableString.Invariant($"seed {seed}: 2 refined {two} > 1 refined {one}"));
            Assert.True(all <= two, FormattableString.Invariant($"seed {seed}: 8 refined {all} > 2 refined {two}"));
            if (two < one)
                strictlyBetter++;
        }
        Assert.True(
            strictlyBetter > 0,
            "refining the second-best restart never helped; the fixture no longer tests the choice"
        );
    }

    [Fact]
    public void KMeans_leaves_the_rows_it_hands_to_ml_net_unchanged()
    {
        // The view gives ML.NET each row's own float array instead of a copy; ML.NET must only read them. From k = 60
        // on, ML.NET's initialisation takes another path (a data view over the sampled rows), so that is fitted too.
        var (x, _) = SegmentingFixtures.Blobs(SegmentingFixtures.AxesAndDiagonal(), 300, sd: 1.0, seed: 8);
        foreach (var k in new[] { 2, 5, 9, 60 })
            new KMeansSegmenter(new KMeansOptions { Clusters = k, Restarts = 4 }).Fit(x);

        var view = MlNetFeatureView.For(x);
        for (var i = 0; i < x.Rows; i++)
        {
            var row = view.Row(i).ToArray();
            for (var j = 0; j < x.ColumnCount; j++)
                Assert.Equal((float)x[i, j], row[j]);
        }
    }

    [Fact]
    public void KMeans_labels_do_not_depend_on_the_seed_when_the_structure_is_clear()
    {
        Assert.Equal(FitFourBlobs(seed: 1).Labels, FitFourBlobs(seed: 2).Labels);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(123)]
    public void KMeans_restarts_are_never_worse_than_a_single_start(ulong seed)
    {
        // Overlapping blobs in 2-D with k = 6 leave room for poor local optima.
        var (x, _) = SegmentingFixtures.Blobs([.. SegmentingFixtures.SquareWithCentre(), [4, 4]], 40, sd: 0.8, seed: 3);
        KMeansModel Fit(int restarts) =>
            new KMeansSegmenter(
                new KMeansOptions
                {
                    Clusters = 6,
                    Seed = seed,
                    Restarts = restarts,
                }
            ).Fit(x);

        var single = Fit(1);
        var many = Fit(8);

        Assert.True(many.Inertia <= single.Inertia, $"{many.Inertia} > {single.Inertia}");
    }

    [Fact]
    public void KMeans_predict_on_the_training_rows_equals_the_labels()
    {
        var (x, _) = SegmentingFixtures.Blobs(
            [
                [0, 0],
                [1, 0],
                [0, 1],
            ],
            50,
            sd: 0.7,
            seed: 11
        );

        var model = new KMeansSegmenter(new KMeansOptions { Clusters = 3 }).Fit(x);

        Assert.Equal(model.Labels, model.Predict(x));
    }

    [Fact]
    public void KMeans_inertia_is_the_sum_of_squared_distances_to_the_assigned_centroids()
    {
        var (x, _) = SegmentingFixtures.FourBlobs();
        var model = FitFourBlobs(x: x);

        var expected = 0.0;
        for (var i = 0; i < x.Rows; i++)
        {
            for (var j = 0; j < x.ColumnCount; j++)
            {
                var difference = x[i, j] - model.Centroids[model.Labels[i], j];
                expected += difference * difference;
            }
        }

        Assert.Equal(expected, model.Inertia, 9);
    }

    [Fact]
    public void KMeans_centroids_are_the_means_of_their_clusters()
    {
        var (x, _) = SegmentingFixtures.FourBlobs();
        var model = FitFourBlobs(x: x);

        AssertCentroidsAreTheMeansOfTheirClusters(model, x);
    }

    private static void AssertCentroidsAreTheMeansOfTheirClusters(KMeansModel model, FeatureMatrix x)
    {
        for (var c = 0; c < model.Clusters; c++)
        {
            var members = Enumerable.Range(0, x.Rows).Where(i => model.Labels[i] == c).ToArray();
            for (var j = 0; j < x.ColumnCount; j++)
                Assert.Equal(members.Average(i => x[i, j]), model.Centroids[c, j], 9);
        }
    }

    [Fact]
    public void KMeans_numbers_clusters_by_size_largest_first()
    {
        var big = SegmentingFixtures
            .Blobs(
                [
                    [0, 0],
                ],
                60,
                sd: 0.5,
                seed: 1
            )
            .Matrix;
        var middle = SegmentingFixtures
            .Blobs(
                [
                    [10, 0],
                ],
                30,
                sd: 0.5,
                seed: 2
            )
            .Matrix;
        var small = SegmentingFixtures
            .Blobs(
                [
                    [0, 10],
                ],
                10,
                sd: 0.5,
                seed: 3
            )
            .Matrix;
        // Put the smallest group first so the input order does not decide the numbering.
        var rows = new List<double[]>();
        foreach (var m in new[] { small, middle, big })
            for (var i = 0; i < m.Rows; i++)
                rows.Add(m.Row(i).ToArray());
        var x = FeatureMatrix.FromRows(["x0", "x1"], rows);

        var model = new KMeansSegmenter(new KMeansOptions { Clusters = 3 }).Fit(x);

        Assert.Equal([60, 30, 10], model.ClusterSizes);
        Assert.Equal(2, model.Labels[0]);
        Assert.Equal(0, model.Labels[^1]);
    }

    [Fact]
    public void KMeans_rejects_more_clusters_than_rows()
    {
        var x = SegmentingFixtures.OneToFive();

        var error = Assert.Throws<OptionsException>(() =>
            new KMeansSegmenter(new KMeansOptions { Clusters = 7 }).Fit(x)
        );

        Assert.Equal("clusters=7 must be <= rows=5", error.Message);
    }

    [Fact]
    public void KMeans_rejects_more_clusters_than_distinct_rows()
    {
        var x = FeatureMatrix.FromRows(
            ["a"],
            [
                [1.0],
                [1.0],
                [2.0],
                [2.0],
                [2.0],
            ]
        );

        var error = Assert.Throws<OptionsException>(() =>
            new KMeansSegmenter(new KMeansOptions { Clusters = 3 }).Fit(x)
        );

        Assert.Equal("clusters=3 must be <= distinct rows=2", error.Message);
    }

    [Theory]
    [InlineData(0, 10, 100, "clusters=0 must be >= 1")]
    [InlineData(3, 0, 100, "restarts=0 must be >= 1")]
    [InlineData(3, 10, 0, "maxIterations=0 must be >= 1")]
    [InlineData(3, 10, 300, "restartIterations=0 must be >= 1", 0)]
    [InlineData(3, 10, 300, "refinedRestarts=0 must be >= 1", 10, 0)]
    public void KMeans_options_are_validated_with_messages_naming_the_argument(
        int clusters,
        int restarts,
        int maxIterations,
        string message,
        int restartIterations = 10,
        int refinedRestarts = 2
    )
    {
        var error = Assert.Throws<OptionsException>(() =>
            new KMeansSegmenter(
                new KMeansOptions
                {
                    Clusters = clusters,
                    Restarts = restarts,
                    MaxIterations = maxIterations,
                    RestartIterations = restartIterations,
                    RefinedRestarts = refinedRestarts,
                }
            )
        );

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void KMeans_rejects_non_finite_features_naming_the_row()
    {
        var x = FeatureMatrix.FromRows(
            ["a", "b"],
            [
                [1.0, 2.0],
                [double.NaN, 1.0],
                [3.0, 1.0],
            ],
            ["c1", "c2", "c3"]
        );

        var error = Assert.Throws<OptionsException>(() =>
            new KMeansSegmenter(new KMeansOptions { Clusters = 2 }).Fit(x)
        );

        Assert.Contains("'a'", error.Message);
        Assert.Contains("'c2'", error.Message);
    }

    [Fact]
    public void KMeans_predict_names_the_columns_that_differ()
    {
        var model = FitFourBlobs();
        var other = FeatureMatrix.FromRows(
            ["x0", "x1", "spend"],
            [
                [0.0, 0.0, 0.0],
            ]
        );

        var error = Assert.Throws<OptionsException>(() => model.Predict(other));

        Assert.Equal("feature columns differ from the model's: missing [x2]; unexpected [spend]", error.Message);
    }

    [Fact]
    public void KMeans_model_describes_itself_in_one_line()
    {
        var model = FitFourBlobs();

        Assert.Matches(@"^KMeansModel: k=4, n=400, inertia=[0-9.]+, iterations=[0-9]+$", model.ToString());
        Assert.Equal(model.ToString(), ((ISegmentationModel)model).Summary(Language.English));
        Assert.Matches(
            @"^K 均值模型：k=4，客户数 400，组内平方和 [0-9.]+，迭代 [0-9]+ 次$",
            model.Summary(Language.Chinese)
        );
    }

    [Fact]
    public void KMeans_model_round_trips_through_json_and_predicts_the_same_labels()
    {
        var (x, _) = SegmentingFixtures.FourBlobs();
        var model = FitFourBlobs(x: x);

        var json = model.ToJson();
        var loaded = KMeansModel.FromJson(json);

        Assert.Equal(model.Labels, loaded.Predict(x));
        Assert.Equal(model.Centroids.Values.ToArray(), loaded.Centroids.Values.ToArray());
        Assert.Equal(model.Inertia, loaded.Inertia);
        Assert.Equal(model.Options, loaded.Options);
        Assert.Equal(model.ClusterSizes, loaded.ClusterSizes);
        Assert.Empty(loaded.Labels);
        Assert.Equal(json, loaded.ToJson());
        Assert.Contains("\"method\": \"k-means\"", json);
        Assert.DoesNotContain("customer-", json);
    }

    [Fact]
    public void KMeans_model_saved_to_a_file_loads_back()
    {
        var (x, _) = SegmentingFixtures.FourBlobs();
        var model = FitFourBlobs(x: x);
        var path = Path.Combine(Path.GetTempPath(), $"kmeans-{Guid.NewGuid():N}.json");
        try
        {
            model.Save(path);
            Assert.Equal(model.Labels, KMeansModel.Load(path).Predict(x));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void KMeans_load_rejects_another_kind_of_model()
    {
        var json = FitFourBlobs().ToJson().Replace("\"k-means\"", "\"k-prototypes\"", StringComparison.Ordinal);

        var error = Assert.Throws<DataFormatException>(() => KMeansModel.FromJson(json));

        Assert.Contains("expected k-means", error.Message);
    }

    [Fact]
    public void KMeans_model_with_an_attached_transform_scores_new_customers_from_a_feature_table_after_a_round_trip()
    {
        var (x, _) = SegmentingFixtures.FourBlobs();
        var table = FeatureTable
            .FromMatrix(x)
            .WithCategorical(
                "channel",
                Enumerable.Range(0, x.Rows).Select(i => (string?)(i % 3 == 0 ? "web" : "store")).ToArray()
            );
        var transform = new FeaturePipeline(
            ColumnSpec.Numeric("x0", TransformStep.ZScore),
            ColumnSpec.Numeric("x1", TransformStep.ZScore),
            ColumnSpec.Numeric("x2", TransformStep.ZScore),
            ColumnSpec.Categorical("channel") with
            {
                Weight = 0.1,
            }
        ).Fit(table);
        var model = new KMeansSegmenter(new KMeansOptions { Clusters = 4 }).Fit(transform.Transform(table), transform);

        var loaded = KMeansModel.FromJson(model.ToJson());
        var fresh = new FeatureTable(["new-1"])
            .WithNumeric("x0", [6.1])
            .WithNumeric("x1", [0.2])
            .WithNumeric("x2", [-0.1])
            .WithCategorical("channel", ["kiosk"]);

        Assert.Equal(model.Labels, loaded.Predict(table));
        Assert.Equal(model.Labels[1], loaded.Predict(fresh)[0]); // row 1 was drawn around (6, 0, 0)
    }

    [Fact]
    public void KMeans_rejects_a_transform_that_did_not_produce_the_matrix()
    {
        var (x, _) = SegmentingFixtures.FourBlobs();
        var transform = new FeaturePipeline(ColumnSpec.Numeric("x0")).Fit(FeatureTable.FromMatrix(x));

        var error = Assert.Throws<OptionsException>(() =>
            new KMeansSegmenter(new KMeansOptions { Clusters = 4 }).Fit(x, transform)
        );

        Assert.Equal("matrix columns differ from the transform's output: unexpected [x1, x2]", error.Message);
    }
}
