using Segmentation.Data;
using Segmentation.Features;
using Segmentation.Reports;
using Segmentation.Tests.Features;

namespace Segmentation.Tests.Reports;

public sealed class FeatureFilesTests
{
    [Fact]
    public void Feature_csv_has_one_row_per_customer_with_every_computed_column()
    {
        using var store = FeatureFixture.Store();
        var set = CustomerFeatureSet.Compute(store);
        var writer = new StringWriter();

        FeatureFiles.WriteCsv(set, writer);

        var lines = writer.ToString().Split('\n');
        Assert.Equal(5, lines.Length); // header, three customers, the empty string after the last "\n"
        Assert.Equal("", lines[4]);
        var header = lines[0].Split(',');
        Assert.Equal(["customer_id", .. set.Columns.Select(c => c.Name)], header);
        var c2 = lines[2].Split(',').Zip(header).ToDictionary(p => p.Second, p => p.First);
        Assert.Equal(
            ("c2", "15", "1", "25.00"),
            (c2["customer_id"], c2["recency_days"], c2["frequency"], c2["monetary"])
        );
        Assert.Equal(
            ("", FeatureValues.Missing, "senior", "-5"),
            (c2["mean_days_between_orders"], c2["gender"], c2["age_band"], c2["net_value"])
        );
    }

    [Fact]
    public void Column_dictionary_lists_computed_features_then_the_others_with_the_reason()
    {
        using var store = FeatureFixture.Store();
        var set = CustomerFeatureSet.Compute(store);
        var writer = new StringWriter();

        FeatureFiles.WriteColumnsCsv(set, writer);

        var lines = writer.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(FeatureFiles.ColumnsCsvHeader, lines[0]);
        Assert.Equal("recency_days,numeric,rfm,yes,days from the last purchase date to the as-of date", lines[1]);
        Assert.Equal(
            "country,categorical,attributes,no,not computable: the transaction log has no 'country' value "
                + "on or before 2024-03-06",
            lines[^1]
        );
        Assert.Equal(1 + set.Columns.Count + set.NotComputable.Count, lines.Length);
    }

    [Fact]
    public void Parquet_file_reads_back_with_the_same_values()
    {
        using var store = FeatureFixture.Store();
        var set = CustomerFeatureSet.Compute(store);
        var path = Path.Combine(Path.GetTempPath(), $"features-{Guid.NewGuid():N}.parquet");
        try
        {
            FeatureFiles.WriteParquet(set, path);

            using var check = TransactionStore.InMemory();
            using var command = check.Connection.CreateCommand();
            command.CommandText =
                "SELECT customer_id, monetary, recency_days, gender, mean_days_between_orders FROM "
                + $"read_parquet('{path}')";
            using var reader = command.ExecuteReader();
            var rows = new List<(string, decimal, double, string, double?)>();
            while (reader.Read())
                rows.Add(
                    (
                        reader.GetString(0),
                        reader.GetDecimal(1),
                        reader.GetDouble(2),
                        reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetDouble(4)
                    )
                );
            Assert.Equal(
                [
                    ("c1", 64.50m, 1.0, "F", 30.0),
                    ("c2", 25m, 15.0, FeatureValues.Missing, null),
                    ("c3", 150m, 5.0, FeatureValues.Missing, 0.0),
                ],
                rows
            );
        }
        finally
        {
            File.Delete(path);
        }
    }
}
