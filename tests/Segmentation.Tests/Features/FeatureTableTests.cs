using Segmentation.Features;

namespace Segmentation.Tests.Features;

public sealed class FeatureTableTests
{
    [Fact]
    public void FeatureTable_keeps_columns_in_the_order_they_were_added_and_copies_values()
    {
        double[] spend = [1, 2];
        var table = new FeatureTable(["a", "b"])
            .WithNumeric("spend", spend)
            .WithCategorical("channel", ["web", null])
            .WithNumeric("age", [30.0, 40]);
        spend[0] = 99;

        Assert.Equal(["spend", "age"], table.NumericColumns);
        Assert.Equal(["channel"], table.CategoricalColumns);
        Assert.Equal([1.0, 2], table.Numeric("spend"));
        Assert.Equal(["web", null], table.Categorical("channel"));
        Assert.Equal(2, table.Rows);
    }

    [Fact]
    public void FeatureTable_rejects_a_column_of_the_wrong_length_and_duplicate_names()
    {
        var table = new FeatureTable(["a", "b"]).WithNumeric("spend", [1.0, 2]);

        Assert.Equal(
            "column 'age' has values=3; must equal rows=2",
            Assert.Throws<OptionsException>(() => table.WithNumeric("age", [1.0, 2, 3])).Message
        );
        Assert.Equal(
            "column 'spend' already exists",
            Assert.Throws<OptionsException>(() => table.WithCategorical("spend", ["x", "y"])).Message
        );
    }

    [Fact]
    public void FeatureTable_from_a_matrix_holds_every_column()
    {
        var matrix = FeatureMatrix.FromRows(
            ["x", "y"],
            [
                [1.0, 2],
                [3.0, 4],
            ],
            ["c1", "c2"]
        );

        var table = FeatureTable.FromMatrix(matrix);

        Assert.Equal(["c1", "c2"], table.CustomerIds);
        Assert.Equal([2.0, 4], table.Numeric("y"));
    }
}
