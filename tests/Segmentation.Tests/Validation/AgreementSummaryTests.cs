using Segmentation.Data.Loading;
using Segmentation.Tests.Data.Loading;
using Segmentation.Validation;

namespace Segmentation.Tests.Validation;

public sealed class AgreementSummaryTests
{
    [Fact]
    public void Only_customers_with_a_known_label_are_compared_and_a_relabelled_partition_agrees_fully()
    {
        var known = new Dictionary<string, string>
        {
            ["a"] = "gold",
            ["b"] = "gold",
            ["c"] = "tin",
            ["d"] = "tin",
        };

        // "e" has no known label and a cluster of its own that would break the agreement if it were counted.
        var summary = AgreementSummary.Compare("truth.csv", known, ["a", "b", "c", "d", "e"], [1, 1, 0, 0, 1]);

        Assert.Equal(new AgreementSummary("truth.csv", 4, 1, 1, 1, 2), summary);
    }

    [Fact]
    public void Agreement_equals_the_indices_computed_on_the_matched_customers()
    {
        var known = new Dictionary<string, string>
        {
            ["a"] = "x",
            ["b"] = "x",
            ["c"] = "y",
            ["d"] = "y",
            ["e"] = "y",
        };
        int[] truth = [0, 0, 1, 1, 1];
        int[] labels = [0, 1, 1, 1, 0];

        var summary = AgreementSummary.Compare("t", known, ["a", "b", "c", "d", "e"], labels);

        Assert.Equal(LabelAgreement.AdjustedRandIndex(truth, labels), summary.AdjustedRandIndex);
        Assert.Equal(LabelAgreement.AdjustedMutualInformation(truth, labels), summary.AdjustedMutualInformation);
        Assert.Equal(LabelAgreement.NormalizedMutualInformation(truth, labels), summary.NormalizedMutualInformation);
    }

    [Fact]
    public void No_customer_in_common_is_an_error_naming_the_labels_file()
    {
        var error = Assert.Throws<DataFormatException>(() =>
            AgreementSummary.Compare("truth.csv", new Dictionary<string, string> { ["z"] = "gold" }, ["a"], [0])
        );

        Assert.Contains("truth.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains(
            "no customer in the labels file matches a segmented customer",
            error.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Known_labels_are_read_by_column_name_skipping_empty_rows()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("truth.csv", "segment,customer_id,note\ngold,a,x\n,b,y\ntin,c,\n");

        var known = KnownLabels.Read(path);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "gold", ["c"] = "tin" }, known);
    }

    [Fact]
    public void A_labels_file_without_the_columns_is_an_error_naming_the_file_and_what_was_expected()
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("truth.csv", "id,group\na,gold\n");

        var error = Assert.Throws<DataFormatException>(() => KnownLabels.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("customer_id,segment", error.Message, StringComparison.Ordinal);
    }
}
