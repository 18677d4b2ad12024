using Segmentation.Features;
using Segmentation.Segmenting;

namespace Segmentation.Tests.Segmenting;

public sealed class FeaturePipelineTests
{
    // Fixture: spend = [1, 2, 3, 4, 10]; mean 4, population sd √10, median 3, Q1 2, Q3 4, min 1, max 10.
    private static readonly string[] Ids = ["a", "b", "c", "d", "e"];
    private static readonly double[] Spend = [1, 2, 3, 4, 10];
    private static readonly string?[] Channel = ["web", "store", null, "web", "app"];

    private static FeatureTable Table() =>
        new FeatureTable(Ids).WithNumeric("spend", Spend).WithCategorical("channel", Channel);

    private static double[] Column(FeatureMatrix m, int column) =>
        Enumerable.Range(0, m.Rows).Select(i => m[i, column]).ToArray();

    private static double[] Encode(params TransformStep[] steps) =>
        Column(new FeaturePipeline(ColumnSpec.Numeric("spend", steps)).Fit(Table()).Transform(Table()), 0);

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], actual[i], 12);
    }

    [Fact]
    public void ZScore_uses_the_mean_and_the_population_standard_deviation()
    {
        var sd = Math.Sqrt(10);
        AssertClose([-3 / sd, -2 / sd, -1 / sd, 0, 6 / sd], Encode(TransformStep.ZScore));
    }

    [Fact]
    public void RobustScale_uses_the_median_and_the_interquartile_range()
    {
        AssertClose([-1, -0.5, 0, 0.5, 3.5], Encode(TransformStep.RobustScale));
    }

    [Fact]
    public void MinMax_maps_the_training_range_onto_zero_to_one()
    {
        AssertClose([0, 1 / 9.0, 2 / 9.0, 3 / 9.0, 1], Encode(TransformStep.MinMax));
    }

    [Fact]
    public void Log1p_takes_the_logarithm_of_one_plus_the_value()
    {
        AssertClose([Math.Log(2), Math.Log(3), Math.Log(4), Math.Log(5), Math.Log(11)], Encode(TransformStep.Log1p));
    }

    [Fact]
    public void Clip_clamps_at_linearly_interpolated_training_quantiles()
    {
        // 10 % quantile: position 0.4 between 1 and 2 = 1.4; 90 %: position 3.6 between 4 and 10 = 7.6.
        AssertClose([1.4, 2, 3, 4, 7.6], Encode(TransformStep.Clip(0.1, 0.9)));
    }

    [Fact]
    public void Steps_apply_in_order()
    {
        var logs = Spend.Select(v => Math.Log(1 + v)).ToArray();
        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Select(v => (v - mean) * (v - mean)).Average());

        AssertClose(logs.Select(v => (v - mean) / sd).ToArray(), Encode(TransformStep.Log1p, TransformStep.ZScore));
    }

    [Fact]
    public void A_constant_column_scales_to_zeros_instead_of_dividing_by_zero()
    {
        var table = new FeatureTable(Ids).WithNumeric("flat", [5.0, 5, 5, 5, 5]);

        var m = new FeaturePipeline(ColumnSpec.Numeric("flat", TransformStep.ZScore)).Fit(table).Transform(table);

        Assert.All(Column(m, 0), v => Assert.Equal(0.0, v));
    }

    [Fact]
    public void One_hot_encodes_categories_in_ordinal_order_with_missing_as_its_own_category()
    {
        var m = new FeaturePipeline(ColumnSpec.Categorical("channel")).Fit(Table()).Transform(Table());

        Assert.Equal(["channel=(missing)", "channel=app", "channel=store", "channel=web"], m.Columns);
        Assert.Equal([0.0, 0, 0, 1], m.Row(0).ToArray());
        Assert.Equal([0.0, 0, 1, 0], m.Row(1).ToArray());
        Assert.Equal([1.0, 0, 0, 0], m.Row(2).ToArray());
        Assert.Equal([0.0, 1, 0, 0], m.Row(4).ToArray());
    }

    [Fact]
    public void Weights_scale_values_by_their_square_root_so_squared_distances_scale_by_the_weight()
    {
        var pipeline = new FeaturePipeline(
            ColumnSpec.Numeric("spend", TransformStep.MinMax) with
            {
                Weight = 4,
            },
            ColumnSpec.Categorical("channel") with
            {
                Weight = 9,
            }
        );

        var m = pipeline.Fit(Table()).Transform(Table());

        Assert.Equal(2 * 3 / 9.0, m[3, 0], 12);
        Assert.Equal([2 * 3 / 9.0, 0, 0, 0, 3], m.Row(3).ToArray());
    }

    [Fact]
    public void Output_columns_follow_the_pipeline_order_and_rows_are_keyed_by_customer()
    {
        var m = new FeaturePipeline(ColumnSpec.Categorical("channel"), ColumnSpec.Numeric("spend"))
            .Fit(Table())
            .Transform(Table());

        Assert.Equal(["channel=(missing)", "channel=app", "channel=store", "channel=web", "spend"], m.Columns);
        Assert.Equal(Ids, m.RowKeys);
        Assert.Equal(Spend, Column(m, 4));
    }

    [Fact]
    public void The_fitted_transform_encodes_new_customers_with_the_training_statistics()
    {
        var fitted = new FeaturePipeline(
            ColumnSpec.Numeric("spend", TransformStep.Clip(0.25, 0.75), TransformStep.MinMax),
            ColumnSpec.Categorical("channel")
        ).Fit(Table());
        var fresh = new FeatureTable(["x", "y", "z"])
            .WithNumeric("spend", [3.0, 100, -5])
            .WithCategorical("channel", ["app", "phone", null]);

        var m = fitted.Transform(fresh);

        // Training clip bounds [2, 4], then min-max on the clipped training values [2, 4].
        Assert.Equal([0.5, 0, 1, 0, 0], m.Row(0).ToArray());
        Assert.Equal([1.0, 0, 0, 0, 0], m.Row(1).ToArray()); // unseen category "phone": all zeros
        Assert.Equal([0.0, 1, 0, 0, 0], m.Row(2).ToArray()); // missing was seen in training
    }

    [Fact]
    public void Transforming_the_training_table_twice_gives_identical_numbers()
    {
        var fitted = FeaturePipeline.Standard(Table()).Fit(Table());

        Assert.Equal(fitted.Transform(Table()).Values.ToArray(), fitted.Transform(Table()).Values.ToArray());
    }

    [Fact]
    public void A_missing_numeric_value_is_an_error_naming_the_column_and_the_customer()
    {
        var table = new FeatureTable(Ids).WithNumeric("spend", [1.0, 2, double.NaN, 4, 10]);

        var error = Assert.Throws<DataFormatException>(() =>
            new FeaturePipeline(ColumnSpec.Numeric("spend")).Fit(table)
        );

        Assert.Contains("column 'spend'", error.Message);
        Assert.Contains("customer 'c'", error.Message);
    }

    [Fact]
    public void Missing_values_can_be_imputed_with_the_training_median()
    {
        var table = new FeatureTable(Ids).WithNumeric("spend", [1.0, 2, double.NaN, 4, 10]);
        var fitted = new FeaturePipeline(ColumnSpec.Numeric("spend") with { Missing = MissingValues.ImputeMedian }).Fit(
            table
        );

        var fresh = new FeatureTable(["new"]).WithNumeric("spend", [double.NaN]);

        Assert.Equal(3.0, fitted.Transform(table)[2, 0]);
        Assert.Equal(3.0, fitted.Transform(fresh)[0, 0]);
    }

    [Fact]
    public void Log1p_rejects_values_at_or_below_minus_one_naming_the_customer()
    {
        var table = new FeatureTable(Ids).WithNumeric("spend", [1.0, -1, 3, 4, 10]);

        var error = Assert.Throws<DataFormatException>(() =>
            new FeaturePipeline(ColumnSpec.Numeric("spend", TransformStep.Log1p)).Fit(table)
        );

        Assert.Contains("customer 'b'", error.Message);
    }

    [Fact]
    public void A_column_absent_from_the_table_is_named_with_the_available_columns()
    {
        var error = Assert.Throws<OptionsException>(() =>
            new FeaturePipeline(ColumnSpec.Numeric("channel")).Fit(Table())
        );

        Assert.Equal(
            "numeric column 'channel' not found (the table has it as categorical); the table has numeric "
                + "[spend] and categorical [channel]",
            error.Message
        );
    }

    [Theory]
    [InlineData(0.0, "weight=0 of column 'spend' must be > 0 and finite")]
    [InlineData(-1.0, "weight=-1 of column 'spend' must be > 0 and finite")]
    public void Non_positive_weights_are_rejected(double weight, string message)
    {
        var error = Assert.Throws<OptionsException>(() =>
            new FeaturePipeline(ColumnSpec.Numeric("spend") with { Weight = weight })
        );

        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Clip_quantiles_must_be_ordered_within_zero_and_one()
    {
        var error = Assert.Throws<OptionsException>(() =>
            new FeaturePipeline(ColumnSpec.Numeric("spend", TransformStep.Clip(0.9, 0.1)))
        );

        Assert.Equal(
            "clip of column 'spend': lowerQuantile=0.9 must be >= 0 and < upperQuantile=0.1, which must be <= 1",
            error.Message
        );
    }

    [Fact]
    public void A_column_listed_twice_is_rejected()
    {
        var error = Assert.Throws<OptionsException>(() =>
            new FeaturePipeline(ColumnSpec.Numeric("spend"), ColumnSpec.Numeric("spend"))
        );

        Assert.Equal("column 'spend' is listed twice", error.Message);
    }

    [Fact]
    public void The_fitted_transform_round_trips_through_json()
    {
        var fitted = new FeaturePipeline(
            ColumnSpec.Numeric("spend", TransformStep.Log1p, TransformStep.Clip(), TransformStep.RobustScale) with
            {
                Weight = 2,
                Missing = MissingValues.ImputeMean,
            },
            ColumnSpec.Categorical("channel") with
            {
                Weight = 0.5,
            }
        ).Fit(Table());

        var json = fitted.ToJson();
        var loaded = FittedFeatureTransform.FromJson(json);

        Assert.Equal(fitted.Transform(Table()).Values.ToArray(), loaded.Transform(Table()).Values.ToArray());
        Assert.Equal(json, loaded.ToJson());
        Assert.DoesNotContain("\"a\"", json);
    }
}
