using Segmentation.Features;
using Segmentation.Segmenting;
using Segmentation.Validation;

namespace Segmentation.Tests.Segmenting;

/// <summary>Every method behind <see cref="ISegmenter"/> fits, labels, saves and loads the same way.</summary>
public sealed class SegmenterContractTests
{
    private static readonly (FeatureMatrix Matrix, int[] Truth) Data = SegmentingFixtures.FourBlobs(perBlob: 40);

    /// <summary>A category per row that follows the planted blob, keyed like the matrix.</summary>
    private static CategoricalMatrix Categories() =>
        new(
            ["channel"],
            [Data.Truth.Select(t => (string?)(t % 2 == 0 ? "web" : "store")).ToArray()],
            Data.Matrix.RowKeys
        );

    public static TheoryData<string> Methods => new() { "k-means", "k-prototypes", "gaussian-mixture" };

    private static ISegmenter Segmenter(string method, int clusters = 4) =>
        method switch
        {
            "k-means" => new KMeansSegmenter(new KMeansOptions { Clusters = clusters, Restarts = 3 }),
            "k-prototypes" => new KPrototypesSegmenter(
                new KPrototypesOptions { Clusters = clusters, Restarts = 3 },
                Categories()
            ),
            _ => new GaussianMixtureSegmenter(new GaussianMixtureOptions { Clusters = clusters, Restarts = 3 }),
        };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_method_labels_each_training_row_with_a_zero_based_cluster(string method)
    {
        var model = Segmenter(method).Fit(Data.Matrix);

        Assert.Equal(method, model.Name);
        Assert.Equal(4, model.Clusters);
        Assert.Equal(Data.Matrix.Rows, model.Labels.Count);
        Assert.All(model.Labels, l => Assert.InRange(l, 0, 3));
        Assert.Equal(Data.Matrix.Rows, model.ClusterSizes.Sum());
        Assert.True(model.Objective >= 0, $"objective {model.Objective}");
        Assert.True(SegmentingFixtures.AdjustedRandIndex(Data.Truth, model.Labels) > 0.95);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Any_saved_model_is_read_back_by_its_kind(string method)
    {
        var model = Segmenter(method).Fit(Data.Matrix);

        var loaded = ISegmentationModel.FromJson(model.ToJson());

        Assert.Equal(model.GetType(), loaded.GetType());
        Assert.Equal(model.ToJson(), loaded.ToJson());
        Assert.Empty(loaded.Labels);
    }

    [Theory]
    [InlineData("k-means")]
    [InlineData("gaussian-mixture")]
    public void A_matrix_method_predicts_its_training_labels(string method)
    {
        var model = Segmenter(method).Fit(Data.Matrix);

        Assert.Equal(model.Labels, model.Predict(Data.Matrix));
    }

    [Fact]
    public void K_prototypes_refuses_to_predict_from_numbers_alone_and_says_what_to_call()
    {
        var model = Segmenter("k-prototypes").Fit(Data.Matrix);

        var e = Assert.Throws<OptionsException>(() => model.Predict(Data.Matrix));
        Assert.Contains("Predict(FeatureTable)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void K_prototypes_finds_the_categories_of_resampled_rows_by_their_keys()
    {
        int[] rows = [5, 5, 0, 17, 3, 99, 99, 42, 8, 120, 64, 31];
        var resampled = Data.Matrix.SelectRows(rows);
        var options = new KPrototypesOptions { Clusters = 3, Restarts = 2 };
        var categories = Categories();
        var expected = new KPrototypesSegmenter(options).Fit(
            resampled,
            new CategoricalMatrix(
                ["channel"],
                [rows.Select(i => (string?)categories[i, 0]).ToArray()],
                resampled.RowKeys
            )
        );

        var actual = ((ISegmenter)new KPrototypesSegmenter(options, categories)).Fit(resampled);

        Assert.Equal(expected.ToJson(), actual.ToJson());
        Assert.Equal(expected.Labels, actual.Labels);
    }

    [Fact]
    public void With_changes_k_and_the_seed_keeping_the_other_options()
    {
        var segmenter = new KMeansSegmenter(
            new KMeansOptions
            {
                Clusters = 4,
                Restarts = 3,
                MaxIterations = 50,
            }
        );

        var other = (KMeansSegmenter)segmenter.With(6, 7UL);

        Assert.Equal(
            new KMeansOptions
            {
                Clusters = 6,
                Seed = 7,
                Restarts = 3,
                MaxIterations = 50,
            },
            other.Options
        );
        Assert.Equal(ulong.MaxValue, ((KMeansSegmenter)segmenter.With(4, ulong.MaxValue)).Options.Seed);
        Assert.InRange(SegmenterSeed.Fold(ulong.MaxValue), 0, int.MaxValue);
    }

    [Fact]
    public void A_64_bit_seed_fits_as_its_folded_31_bit_seed_in_every_method()
    {
        const ulong wide = 0xDEAD_BEEF_0000_0007UL;
        var narrow = (ulong)SegmenterSeed.Fold(wide);
        Assert.NotEqual(wide, narrow);
        foreach (var method in new[] { "k-means", "k-prototypes", "gaussian-mixture" })
        {
            var segmenter = Segmenter(method, clusters: 3);
            Assert.Equal(
                segmenter.With(3, narrow).Fit(Data.Matrix).Labels,
                segmenter.With(3, wide).Fit(Data.Matrix).Labels
            );
        }
    }

    [Fact]
    public void An_unknown_kind_of_model_is_refused_with_the_kinds_that_are_known()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            ISegmentationModel.FromJson("""{ "format": "segmentation-model/1", "method": "dbscan" }""")
        );

        Assert.Contains("dbscan", e.Message, StringComparison.Ordinal);
        Assert.Contains("k-prototypes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bootstrap_stability_with_a_segmenter_refits_that_segmenter()
    {
        var segmenter = Segmenter("k-prototypes", clusters: 3);
        var options = new StabilityOptions { Replicates = 3 };

        var viaContract = BootstrapStability.Evaluate(Data.Matrix, segmenter, options);
        var viaFunction = BootstrapStability.Evaluate(Data.Matrix, m => [.. segmenter.Fit(m).Labels], options);

        Assert.Equal(viaFunction.Labels, viaContract.Labels);
        Assert.Equal(viaFunction.Clusters, viaContract.Clusters);
    }

    [Fact]
    public void The_k_scan_with_a_segmenter_fits_it_at_every_k_with_the_scan_seed()
    {
        var options = KScanTests.ScanOptions(kMax: 5, gapReferences: 2);
        var viaFunction = KScan.Run(Data.Matrix, options, (m, k, seed) =>
        {
            var model = new KMeansSegmenter(
                new KMeansOptions
                {
                    Clusters = k,
                    Seed = seed,
                    Restarts = 3,
                }
            ).Fit(m);
            return new ClusteringRun([.. model.Labels], model.Inertia);
        });

        var viaContract = KScan.Run(Data.Matrix, options, Segmenter("k-means", clusters: 2));

        Assert.Equal(viaFunction.PerK, viaContract.PerK);
        Assert.Equal(viaFunction.Recommendation.K, viaContract.Recommendation.K);
    }
}
