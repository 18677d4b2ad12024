using Segmentation.Data;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Testing;
using Segmentation.Tests.Data.Loading;

namespace Segmentation.Tests.Data.OwnData;

public sealed class SurveyLoaderTests
{
    private const string Survey =
        "答卷编号,会员ID,满意度,最常用的渠道,感兴趣的品类\n"
        + "1,c1,5,小程序,美妆;图书\n"
        + "2,c2,3,门店,图书\n"
        + "3,,4,门店,美妆\n"
        + // 4: no id
        "4,c1,1,门店,图书\n"
        + // 5: c1 again
        "5,c9,2,门店,图书\n"; // 6: not a customer

    [Fact]
    public void Answers_become_numeric_categorical_and_one_column_per_option_with_coverage()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        CustomerLoader.Load(store, scratch.Write("c.csv", "customer_id,age\nc1,30\nc2,40\nc3,50\nc4,60\n"));

        var result = SurveyLoader.Join(
            store,
            scratch.Write("s.csv", Survey),
            ColumnMapping.Parse("customer_id=会员ID", CustomerColumns.All)
        );

        Assert.Equal((5L, 2L, 1L, 2L), (result.RowsIn, result.Joined, result.NotJoined, result.Quarantined));
        Assert.Equal(
            [
                ("答卷编号", "numeric", 0.5),
                ("满意度", "numeric", 0.5),
                ("最常用的渠道", "categorical", 0.5),
                ("感兴趣的品类", "multiple_choice", 0.5),
            ],
            result.Columns.Select(c => (c.Question, c.Kind, c.Coverage))
        );
        Assert.Equal(["感兴趣的品类=图书", "感兴趣的品类=美妆"], result.Columns[3].Columns);
        Assert.Equal(
            [
                ["c1", "5", "小程序", "1", "1"],
                ["c2", "3", "门店", "1", "0"],
                ["c3", null, null, null, null],
                ["c4", null, null, null, null],
            ],
            StoreQueries.Rows(
                store,
                "SELECT customer_id, \"满意度\", \"最常用的渠道\", \"感兴趣的品类=图书\", \"感兴趣的品类=美妆\" FROM customers "
                    + "ORDER BY customer_id"
            )
        );
        Assert.Equal(
            [
                ["survey", "4", "missing_customer_id"],
                ["survey", "5", "duplicate_customer_id"],
            ],
            StoreQueries.Rows(
                store,
                "SELECT source, line_number, rule FROM quarantine WHERE source = 'survey' ORDER BY line_number"
            )
        );
    }

    [Fact]
    public void Survey_answers_are_customer_attributes_for_the_features()
    {
        using var scratch = new ScratchDirectory();
        using var store = TransactionStore.InMemory();
        var transactions =
            "customer_id,order_id,timestamp,quantity,unit_price\nc1,A1,2024-01-02 10:00:00,1,2.5\n"
            + "c2,A2,2024-01-03 10:00:00,1,2.5\n";
        TransactionLoader.Load(store, scratch.Write("t.csv", transactions));
        SurveyLoader.Join(
            store,
            scratch.Write("s.csv", Survey),
            ColumnMapping.Parse("customer_id=会员ID", CustomerColumns.All)
        );

        var features = CustomerFeatureSet.Compute(store, new FeatureOptions());

        Assert.Contains("满意度", features.NumericColumns);
        Assert.Contains("感兴趣的品类=美妆", features.NumericColumns);
        Assert.Contains("最常用的渠道", features.CategoricalColumns);
    }

    [Fact]
    public void Seg_features_joins_a_survey_and_its_answers_are_features()
    {
        using var scratch = new ScratchDirectory();
        var survey = scratch.Write("问卷.csv", "会员ID,满意度,感兴趣的品类\n10001,5,美妆;图书\n10002,3,图书\n");
        var output = System.IO.Path.Combine(scratch.Path, "out");

        var (code, stdout, error) = Cli.SegProcess.Run(
            "features",
            "--input",
            OwnDataFixtures.SampleTransactions,
            "--customers",
            TestPaths.Sample("customers.csv"),
            "--survey",
            survey,
            "--survey-map",
            "customer_id=会员ID",
            "--out",
            output
        );

        Assert.True(code == 0, error);
        Assert.Contains(
            "2 rows in = 2 joined + 0 not in the customer table + 0 quarantined",
            stdout,
            StringComparison.Ordinal
        );
        var header = File.ReadLines(System.IO.Path.Combine(output, "features.csv")).First();
        Assert.Contains("满意度", header, StringComparison.Ordinal);
        Assert.Contains("感兴趣的品类=美妆", header, StringComparison.Ordinal);
        Assert.Contains(
            "\"role\": \"survey\"",
            File.ReadAllText(System.IO.Path.Combine(output, "run.json")),
            StringComparison.Ordinal
        );
    }
}
