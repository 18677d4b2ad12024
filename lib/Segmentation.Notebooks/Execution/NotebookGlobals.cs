using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Sql;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// What every C# cell sees as globals: <c>display(x)</c>, <c>Sql</c>, <c>Progress</c>,
/// <c>CancellationToken</c> and <c>NotebookDirectory</c>.
/// </summary>
public sealed class NotebookGlobals
{
    private readonly NotebookSession session;

    internal NotebookGlobals(NotebookSession session)
    {
        this.session = session;
        Progress = new ProgressFactory((data, metadata) => session.Show(data, metadata).Update);
    }

    /// <summary>Shows a value as an output of the running cell (text/plain + text/html; charts and tables too).</summary>
#pragma warning disable IDE1006 // lower case like Jupyter's and .NET Interactive's display()
    public DisplayHandle display(object? value) => session.Display(value);
#pragma warning restore IDE1006

    /// <summary>Same as <see cref="display"/>.</summary>
    public DisplayHandle Display(object? value) => session.Display(value);

    /// <summary>The session's DuckDB database: <c>Sql.Register(name, rows)</c>, <c>Sql.Query(sql)</c>.</summary>
    public SqlContext Sql => session.Sql;

    /// <summary>Progress bars: <c>var p = Progress.Start("k-scan", total); p.Report(i);</c>.</summary>
    public ProgressFactory Progress { get; }

    /// <summary>Cancelled when the running cell's time limit passes or it is interrupted; long loops should check it.</summary>
    public CancellationToken CancellationToken => CellContext.Current.Value?.CancellationToken ?? CancellationToken.None;

    /// <summary>The notebook's directory.</summary>
    public string NotebookDirectory => session.Options.BaseDirectory;
}
