using Segmentation.Data;
using Segmentation.Testing;

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
        using var temp = new TempDirectory();
        var path = temp.File("rows.parquet");

        ParquetFile.Write(path, Columns, Rows);

        using var check = TransactionStore.InMemory();
        using var command = check.Connection.CreateCommand();
        command.CommandText = $"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('{path}'))";
        var types = new List<(string, string)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                types.Add((reader.GetString(0), reader.GetString(1)));
        }
        Assert.Equal([("name", "VARCHAR"), ("odd \"score\"", "DOUBLE"), ("amount", "DECIMAL(38,7)")], types);
        command.CommandText = $"SELECT * FROM read_parquet('{path}')";
        var rows = new List<Row>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add(
                    new Row(
                        reader.IsDBNull(0) ? null : reader.GetString(0),
                        reader.IsDBNull(1) ? null : reader.GetDouble(1),
                        reader.GetDecimal(2)
                    )
                );
            }
        }
        Assert.Equal(Rows, rows);
    }

    [Fact]
    public void The_same_rows_give_the_same_bytes()
    {
        using var temp = new TempDirectory();

        ParquetFile.Write(temp.File("first.parquet"), Columns, Rows);
        ParquetFile.Write(temp.File("second.parquet"), Columns, Rows);

        Assert.Equal(File.ReadAllBytes(temp.File("first.parquet")), File.ReadAllBytes(temp.File("second.parquet")));
    }

    [Fact]
    public void A_file_without_columns_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ParquetFile.Write("unused.parquet", Array.Empty<ParquetColumn<Row>>(), Rows)
        );

        Assert.Equal("columns", error.ParamName);
        Assert.False(File.Exists("unused.parquet"));
    }
}
