using Microsoft.Data.Analysis;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Tests.Sql;

public sealed class SqlTests
{
    [Fact]
    public async Task Records_registered_from_csharp_are_queried_by_a_sql_cell_and_shown_as_a_table()
    {
        var result = await Cells.RunAfterAsync(
            """
            record Row(string Customer, int Orders, decimal Spend, DateTime Last);
            Sql.Register("features", new[]
            {
                new Row("C1", 3, 30.5m, new DateTime(2011, 12, 1)),
                new Row("C2", 1, 9.99m, new DateTime(2011, 11, 5)),
                new Row("C3", 7, 120m, new DateTime(2011, 12, 9)),
            });
            """,
            "#!sql\nselect Customer, Orders * 2 as doubled, Spend from features where Orders > 1 order by Customer"
        );

        var table = Cells.SucceededWith<ExecuteResultOutput>(result);
        Cells.AssertTable(
            table,
            "<thead><tr><th>Customer</th><th>doubled</th><th>Spend</th></tr></thead>",
            "<tr><td>C1</td><td>6</td><td>30.5</td></tr>",
            "2 rows × 3 columns"
        );
    }

    [Fact]
    public async Task A_csharp_cell_gets_a_sql_result_back_as_a_typed_dataframe()
    {
        var result = await Cells.RunAfterAsync(
            """
            using Microsoft.Data.Analysis;
            var frame = new DataFrame(
                new StringDataFrameColumn("segment", new[] { "a", "b", "a" }),
                new DoubleDataFrameColumn("value", new[] { 1.5, 2.0, 3.0 })
            );
            Sql.Register("points", frame);
            var totals = Sql.Query(
                "select segment, sum(value) as total, count(*) as n from points group by segment order by segment"
            );
            """,
            "$\"{totals.Columns[\"total\"].DataType.Name} {totals.Columns[\"n\"].DataType.Name} "
                + "{(double)totals[0, 1]} {(long)totals[1, 2]}\""
        );

        Assert.Equal("Double Int64 4.5 1", Cells.SingleOutput<ExecuteResultOutput>(result).PlainText);
    }

    [Fact]
    public void Sql_results_keep_nulls_and_wide_integers()
    {
        using var sql = new Segmentation.Notebooks.Sql.SqlContext();

        var frame = sql.Query(
            "select sum(x) as total, cast(null as varchar) as missing, date '2011-12-09' as day from "
                + "(values (1), (2)) t(x)"
        );

        Assert.Equal(typeof(long), frame.Columns["total"].DataType);
        Assert.Equal(3L, frame[0, 0]);
        Assert.Null(frame[0, 1]);
        Assert.Equal(new DateTime(2011, 12, 9), frame[0, 2]);
    }

    [Fact]
    public async Task A_sql_error_becomes_an_error_output()
    {
        var result = await Cells.RunAloneAsync("#!sql\nselect * from no_such_table", "cell 2");

        Assert.Equal(CellStatus.Error, result.Status);
        Assert.StartsWith("cell 2: ", result.Error!.Value, StringComparison.Ordinal);
        Assert.Contains("no_such_table", result.Error.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_names_must_be_identifiers()
    {
        using var sql = new Segmentation.Notebooks.Sql.SqlContext();

        var error = Assert.Throws<Segmentation.Notebooks.Sql.SqlRegistrationException>(() =>
            sql.Register("bad name", new DataFrame())
        );

        Assert.Contains("'bad name'", error.Message, StringComparison.Ordinal);
    }
}
