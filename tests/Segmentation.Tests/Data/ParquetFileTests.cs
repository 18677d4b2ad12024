using Segmentation.Data;

namespace Segmentation.Tests.Data;

public sealed class ParquetFileTests
{
    private sealed record Row(string? Name, double? Score, decimal Amount);

    private static readonly ParquetColumn<Row>[] Columns =
    [
        ParquetColumn<Row>.Text("name", r => r.Name),
        ParquetColumn<Row>.Double("odd \"score\"", r => r.Score),
        ParquetColumn<Row>.Decimal("amount", r => r.Amount, scale: 7),
    ];

    private static readonly Row[] Rows = [new("b", 1.5, 10.25m), new(null, null, 0m), new("a", -2, 3.1234567m)];

    [Fact]
    public void Rows_read_back_in_the_order_given_with_their_types_and_nulls()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rows-{Guid.NewGuid():N}.parquet");
        try
        {
            ParquetFile.Write(path, Columns, Rows);

            using var check = TransactionStore.InMemory();
            using var command = check.Connection.CreateCommand();
            command.CommandText = $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))";
            var types = new List<(string, string)>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read()) types.Add((reader.GetString(0), reader.GetString(1)));
            }
            Assert.Equal([("name", "VARCHAR"), ("odd \"score\"", "DOUBLE"), ("amount", "DECIMAL(38,7)")], types);

            command.CommandText = $"SELECT * FROM read_parquet('{path}')";
            var rows = new List<Row>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    rows.Add(new Row(reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetDouble(1),
                        reader.GetDecimal(2)));
                }
            }
            Assert.Equal(Rows, rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_same_rows_give_the_same_bytes()
    {
        var first = Path.Combine(Path.GetTempPath(), $"rows-{Guid.NewGuid():N}.parquet");
        var second = Path.Combine(Path.GetTempPath(), $"rows-{Guid.NewGuid():N}.parquet");
        try
        {
            ParquetFile.Write(first, Columns, Rows);
            ParquetFile.Write(second, Columns, Rows);

            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Fact]
    public void A_file_without_columns_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => ParquetFile.Write("unused.parquet", Array.Empty<ParquetColumn<Row>>(), Rows));

        Assert.Equal("columns", error.ParamName);
        Assert.False(File.Exists("unused.parquet"));
    }
}
