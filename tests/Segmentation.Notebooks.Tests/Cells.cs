using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Tests;

/// <summary>How the notebook tests run a cell on its own and read what it showed.</summary>
internal static class Cells
{
    /// <summary>Runs <paramref name="code"/> as the only cell of a fresh session with the default options.</summary>
    public static async Task<CellResult> RunAloneAsync(string code, string? cellName = null)
    {
        using var session = new NotebookSession();
        return await session.ExecuteAsync(code, cellName);
    }

    /// <summary>Runs <paramref name="setup"/>, then <paramref name="code"/>, as the cells of a fresh session with the
    /// default options; returns the second cell's result (the first one's is not looked at).</summary>
    public static async Task<CellResult> RunAfterAsync(string setup, string code)
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync(setup);
        return await session.ExecuteAsync(code);
    }

    /// <summary>The cell's only output, which must be a <typeparamref name="T"/>.</summary>
    public static T SingleOutput<T>(CellResult result)
        where T : CellOutput => Assert.IsType<T>(Assert.Single(result.Outputs));

    /// <summary>The only output of a cell that must have succeeded (the test fails with the cell's error
    /// otherwise), which must be a <typeparamref name="T"/>.</summary>
    public static T SucceededWith<T>(CellResult result)
        where T : CellOutput
    {
        Assert.True(result.Succeeded, result.Error?.Value);
        return SingleOutput<T>(result);
    }

    /// <summary>Asserts that <paramref name="table"/>'s HTML holds <paramref name="header"/> and
    /// <paramref name="row"/> and its plain text <paramref name="summary"/> (the rows and columns it states).</summary>
    public static void AssertTable(MimeOutput table, string header, string row, string summary)
    {
        Assert.Contains(header, table.Html, StringComparison.Ordinal);
        Assert.Contains(row, table.Html, StringComparison.Ordinal);
        Assert.Contains(summary, table.PlainText, StringComparison.Ordinal);
    }
}
