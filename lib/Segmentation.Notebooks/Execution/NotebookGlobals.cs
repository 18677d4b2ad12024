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
        Kernel = new NotebookKernel(session);
    }

    /// <summary>The value a <c>#!set</c> or <c>#!share</c> is declaring (read once by the declaration it
    /// compiles).</summary>
    internal object? Pending { get; set; }

    /// <summary>Shows a value as an output of the running cell (text/plain + text/html; charts and tables
    /// too).</summary>
#pragma warning disable IDE1006 // lower case like Jupyter's and .NET Interactive's display()
    public DisplayHandle display(object? value) => session.Display(value);
#pragma warning restore IDE1006

    /// <summary>Same as <see cref="display"/>.</summary>
    public DisplayHandle Display(object? value) => session.Display(value);

    /// <summary>The session's DuckDB database: <c>Sql.Register(name, rows)</c>, <c>Sql.Query(sql)</c>.</summary>
    public SqlContext Sql => session.Sql;

    /// <summary>Progress bars: <c>var p = Progress.Start("k-scan", total); p.Report(i);</c>.</summary>
    public ProgressFactory Progress { get; }

    /// <summary>Cancelled when the running cell's time limit passes or it is interrupted; long loops should check
    /// it.</summary>
    public CancellationToken CancellationToken =>
        CellContext.Current.Value?.CancellationToken ?? CancellationToken.None;

    /// <summary>Input from the user through the frontend: <c>await Kernel.GetInputAsync("Name?")</c>,
    /// <c>Kernel.GetPasswordAsync(…)</c>.</summary>
    public NotebookKernel Kernel { get; }

    /// <summary>Used by the declarations that <c>#!set</c> and <c>#!share</c> compile; not for cells.</summary>
    [System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
#pragma warning disable IDE1006, CA1707 // a name no cell would choose
    public object? __TakeShared()
#pragma warning restore IDE1006, CA1707
    {
        var value = Pending;
        Pending = null;
        return value;
    }

    /// <summary>The notebook's directory.</summary>
    public string NotebookDirectory => session.Options.BaseDirectory;
}
