using Segmentation.Common;
using Segmentation.Validation;

namespace Segmentation.Tests.Validation;

public sealed class LabelAgreementTests
{
    public static TheoryData<string> AgreementMetrics =>
        new() { "adjusted_rand", "normalized_mutual_info", "adjusted_mutual_info" };

    private static double Compute(string metric, int[] truth, int[] predicted) =>
        metric switch
        {
            "adjusted_rand" => LabelAgreement.AdjustedRandIndex(truth, predicted),
            "normalized_mutual_info" => LabelAgreement.NormalizedMutualInformation(truth, predicted),
            "adjusted_mutual_info" => LabelAgreement.AdjustedMutualInformation(truth, predicted),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
        };

    /// <summary>The documented range: ARI in [-0.5, 1], NMI in [0, 1], AMI at most 1 (and about 0 or more for
    /// chance).</summary>
    private static (double Low, double High) Range(string metric) =>
        metric switch
        {
            "adjusted_rand" => (-0.5, 1),
            "normalized_mutual_info" => (0, 1),
            _ => (-1, 1),
        };

    [Theory]
    [MemberData(nameof(AgreementMetrics))]
    public void Agreement_metrics_ignore_label_names_and_argument_order(string metric)
    {
        var truth = ReferenceData.Labels("truth");
        var predicted = ReferenceData.Labels("predicted");
        int[] map = [-1, 250, 3, 7];
        var renamed = predicted.Select(l => map[l]).ToArray();
        var truthRenamed = truth.Select(l => 10 - l).ToArray();

        var value = Compute(metric, truth, predicted);

        Tolerance.AssertClose(value, Compute(metric, truthRenamed, renamed));
        Tolerance.AssertClose(value, Compute(metric, predicted, truth));
    }

    [Theory]
    [MemberData(nameof(AgreementMetrics))]
    public void Agreement_metrics_are_one_for_identical_partitions(string metric)
    {
        var truth = ReferenceData.Labels("predicted");

        Tolerance.AssertClose(1.0, Compute(metric, truth, truth.Select(l => 3 - l).ToArray()));
    }

    [Theory]
    [MemberData(nameof(AgreementMetrics))]
    public void Agreement_metrics_stay_in_their_documented_range_on_random_labellings(string metric)
    {
        var (low, high) = Range(metric);
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var random = new SeededRandom(seed);
            var size = 5 + random.NextInt(60);
            var truth = Enumerable.Range(0, size).Select(_ => random.NextInt(2 + (int)(seed % 3))).ToArray();
            var predicted = Enumerable.Range(0, size).Select(_ => random.NextInt(2 + (int)(seed % 4))).ToArray();

            var value = Compute(metric, truth, predicted);

            Assert.True(
                double.IsFinite(value) && value >= low && value <= high,
                $"{metric}={value} outside [{low}, {high}] for seed {seed}"
            );
        }
    }

    [Theory]
    [MemberData(nameof(AgreementMetrics))]
    public void Agreement_metrics_reject_labellings_of_different_lengths(string metric)
    {
        var error = Assert.Throws<OptionsException>(() => Compute(metric, [0, 1, 1], [0, 1]));

        Assert.Contains("truth=3 labels must equal predicted=2 labels", error.Message);
    }

    [Theory]
    [MemberData(nameof(AgreementMetrics))]
    public void Agreement_metrics_are_near_zero_for_independent_labellings(string metric)
    {
        var random = new SeededRandom(11);
        var truth = Enumerable.Range(0, 4000).Select(_ => random.NextInt(4)).ToArray();
        var predicted = Enumerable.Range(0, 4000).Select(_ => random.NextInt(5)).ToArray();

        var value = Compute(metric, truth, predicted);

        // NMI is not corrected for chance: it stays small but positive.
        Assert.InRange(value, -0.01, metric == "normalized_mutual_info" ? 0.02 : 0.01);
    }

    // Hand fixture: truth [0,0,0,1,1,1], predicted [0,0,1,1,2,2].
    // Contingency: truth 0 → predicted {0: 2, 1: 1}; truth 1 → predicted {1: 1, 2: 2}.
    // Row totals a = (3, 3), column totals b = (2, 2, 2), N = 6.
    private static readonly int[] HandTruth = [0, 0, 0, 1, 1, 1];
    private static readonly int[] HandPredicted = [0, 0, 1, 1, 2, 2];

    [Fact]
    public void Adjusted_Rand_index_matches_the_hand_computed_value()
    {
        // Σ C(n_ij, 2) = 1 + 0 + 0 + 1 = 2; Σ C(a_i, 2) = 3 + 3 = 6; Σ C(b_j, 2) = 3; C(6, 2) = 15.
        // Expected index = 6 · 3 / 15 = 1.2; max index = (6 + 3)/2 = 4.5.
        // ARI = (2 − 1.2) / (4.5 − 1.2) = 0.8 / 3.3 = 8/33.
        Tolerance.AssertClose(8.0 / 33.0, LabelAgreement.AdjustedRandIndex(HandTruth, HandPredicted), 1e-15);
    }

    [Fact]
    public void Normalized_mutual_information_matches_the_hand_computed_value()
    {
        // MI = Σ (n_ij/N) log(N n_ij / (a_i b_j)) = 2 · (2/6) log(12/6) + 2 · (1/6) log(6/6) = (2/3) log 2.
        // H(truth) = log 2, H(predicted) = log 3; NMI = (2/3) log 2 / ((log 2 + log 3)/2) = (4/3) log 2 / log 6.
        Tolerance.AssertClose(
            4.0 / 3.0 * Math.Log(2) / Math.Log(6),
            LabelAgreement.NormalizedMutualInformation(HandTruth, HandPredicted),
            1e-15
        );
    }

    [Fact]
    public void Adjusted_mutual_information_matches_the_hand_computed_value()
    {
        // E[MI] sums, over the 6 cells (a = 3, b = 2), n from max(1, a + b − N) = 1 to min(a, b) = 2 of
        // (n/N) log(N n / (a b)) · P(n), with hypergeometric P(n) = C(3, n) C(3, 2 − n) / C(6, 2):
        //   n = 1: P = 9/15, term (1/6) log(6/6) = 0;
        //   n = 2: P = 3/15, term (2/6) log(12/6) = (1/3) log 2  → (1/15) log 2 per cell.
        // E[MI] = 6/15 log 2 = (2/5) log 2.  MI = (2/3) log 2 (see the NMI fixture).
        // AMI = (MI − E[MI]) / ((log 2 + log 3)/2 − E[MI]) = (4/15) log 2 / (log 6 / 2 − (2/5) log 2) ≈ 0.29879.
        var expected = 4.0 / 15.0 * Math.Log(2) / (Math.Log(6) / 2 - 0.4 * Math.Log(2));

        Tolerance.AssertClose(expected, LabelAgreement.AdjustedMutualInformation(HandTruth, HandPredicted), 1e-14);
    }

    public static TheoryData<int[], int[], double, double, double> DegenerateCases =>
        new()
        {
            // truth, predicted, ARI, NMI, AMI — values printed by scikit-learn 1.2.1.
            { [0, 0, 1, 1], [0, 0, 0, 0], 0.0, 0.0, 0.0 },
            { [0, 0, 0], [0, 0, 0], 1.0, 1.0, 1.0 },
            { [0, 0, 1, 1], [0, 1, 0, 1], -0.5, 0.0, -0.5 },
        };

    [Theory]
    [MemberData(nameof(DegenerateCases))]
    public void Degenerate_labellings_follow_scikit_learn_conventions(
        int[] truth,
        int[] predicted,
        double ari,
        double nmi,
        double ami
    )
    {
        Tolerance.AssertClose(ari, LabelAgreement.AdjustedRandIndex(truth, predicted));
        Tolerance.AssertClose(nmi, LabelAgreement.NormalizedMutualInformation(truth, predicted));
        Tolerance.AssertClose(ami, LabelAgreement.AdjustedMutualInformation(truth, predicted));
    }

    public static TheoryData<string, string> ScikitLearnValues()
    {
        var data = new TheoryData<string, string>();
        foreach (var metric in new[] { "adjusted_rand", "normalized_mutual_info", "adjusted_mutual_info" })
        {
            foreach (var labels in new[] { "predicted", "singleton" })
                data.Add(metric, labels);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ScikitLearnValues))]
    public void Agreement_metrics_agree_with_scikit_learn_to_1e_9(string metric, string labels)
    {
        var expected = ReferenceData.Value(metric, labels);

        var actual = Compute(metric, ReferenceData.Labels("truth"), ReferenceData.Labels(labels));

        Tolerance.AssertClose(expected, actual, 1e-9);
    }

    [Fact]
    public void String_labels_are_encoded_by_first_appearance()
    {
        var codes = LabelAgreement.Encode(["gold", "silver", "gold", "bronze"]);

        Assert.Equal([0, 1, 0, 2], codes);
    }
}
