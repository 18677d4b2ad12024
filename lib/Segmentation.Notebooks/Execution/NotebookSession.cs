using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Sql;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// Executes cells one after another with shared state (Roslyn scripting): C# by default,
/// <c>#!sql</c> on the session's DuckDB database, <c>#!markdown</c> rendered. Returns each cell's
/// outputs as nbformat outputs and announces them as they appear (<see cref="OutputProduced"/>), so
/// a Jupyter kernel can stream them. One cell runs at a time; calls queue.
/// </summary>
/// <remarks>
/// Every C# cell compiles to an assembly that cannot be unloaded (about 0.3–0.4 MB per small cell): restart
/// very long sessions. A cell stopped by its time limit or by cancellation keeps running in the
/// background if it does not observe <see cref="NotebookGlobals.CancellationToken"/>; the session
/// continues from the state before it.
/// </remarks>
public sealed class NotebookSession : IDisposable
{
    /// <summary>The namespaces every cell imports (a kernel's completion binds against the same list).</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
    [
        "System", "System.Collections.Generic", "System.Globalization", "System.IO", "System.Linq",
        "System.Text", "System.Threading", "System.Threading.Tasks",
    ];

    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly object stateGate = new();
    private readonly InteractiveAssemblyLoader loader = new();
    private readonly ReferenceResolver resolver;
    private readonly NotebookGlobals globals;
    private readonly ConcurrentDictionary<string, CellContext> displays = new(StringComparer.Ordinal);
    private readonly ScriptOptions scriptOptions;
    private ImmutableArray<MetadataReference> references = PlatformReferences.References;
    private ScriptState<object>? state;
    // How many of `references` the submissions of `state` already carry (a submission inherits those of the ones before it).
    private int referencesInState;
    private CellContext? lastCell;
    private int executionCount;
    private int displayCount;
    private int chartCount;
    private int plotlyLoaded;
    private bool disposed;

    /// <summary>Creates a session (nothing is compiled until the first cell).</summary>
    public NotebookSession(NotebookSessionOptions? options = null)
    {
        Options = (options ?? new NotebookSessionOptions()).Validate();
        Formatters.RegisterDefaults();
        resolver = new ReferenceResolver(Options);
        Sql = new SqlContext(Options.DatabasePath);
        globals = new NotebookGlobals(this);
        scriptOptions = ScriptOptions.Default
            .WithReferences(Array.Empty<MetadataReference>())
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(Options.BaseDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(Options.BaseDirectory))
            .WithEmitDebugInformation(true)
            // Cells compile optimized (scripting's default is Debug). Debug-compiled submissions kept about four times as
            // many methods jitting per cell (the runtime compiled ~100 methods per small cell against ~23): 385 KiB of
            // resident memory per small cell against 219 KiB, in process over 200 cells (`kernel-memory` benchmark).
            // Stack traces keep the cell's line numbers: the PDB is still emitted.
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithFileEncoding(Encoding.UTF8);
    }

    /// <summary>The validated options.</summary>
    public NotebookSessionOptions Options { get; }

    /// <summary>The session's SQL engine (also <c>Sql</c> in cells).</summary>
    public SqlContext Sql { get; }

    /// <summary>How many cells have been executed.</summary>
    public int ExecutionCount => Volatile.Read(ref executionCount);

    /// <summary>
    /// Raised for every output as it appears and for every display update, from whatever thread
    /// produced it. Handlers must be quick and thread-safe.
    /// </summary>
    public event EventHandler<CellOutputEventArgs>? OutputProduced;

    /// <summary>Executes one cell.</summary>
    public Task<CellResult> ExecuteAsync(string code, CancellationToken cancellationToken = default) =>
        ExecuteAsync(code, cellName: null, cancellationToken);

    /// <summary>Executes one cell; <paramref name="cellName"/> (e.g. "cell 4") names it in errors and stack traces.</summary>
    public async Task<CellResult> ExecuteAsync(string code, string? cellName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ObjectDisposedException.ThrowIf(disposed, this);
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var count = Interlocked.Increment(ref executionCount);
            var name = cellName ?? string.Create(CultureInfo.InvariantCulture, $"cell [{count}]");
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (Options.CellTimeout is { } timeout) limit.CancelAfter(timeout);
            var cell = new CellContext(count, limit.Token, Announce);
            lastCell = cell;
            var stopwatch = Stopwatch.StartNew();
            CellStatus status;
            ConsoleCapture.Acquire();
            var outer = CellContext.Current.Value;
            CellContext.Current.Value = cell;
            try
            {
                // Its own thread, not the pool's: a cell abandoned in an endless loop must not keep a pool thread.
                var work = CellThread.Start(() => RunAsync(cell, code, name), name);
                try
                {
                    status = await work.WaitAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    lock (stateGate) cell.Abandoned = true;
                    status = cancellationToken.IsCancellationRequested ? CellStatus.Cancelled : CellStatus.TimedOut;
                    cell.Add(status == CellStatus.Cancelled ? ErrorOutputs.Cancelled(name) : ErrorOutputs.TimedOut(name, Options.CellTimeout!.Value));
                }
            }
            finally
            {
                CellContext.Current.Value = outer;
                ConsoleCapture.Release();
            }
            return new CellResult(count, status, cell.Complete(), stopwatch.Elapsed);
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>
    /// Compiles <paramref name="code"/> (C# without <c>#r</c> lines) as the next cell, against the variables, types,
    /// usings and references of the cells that ran, without running it or keeping it: for completion and inspection.
    /// The cell's syntax tree is the compilation's only one. References carry their XML documentation when the
    /// assembly has it beside it or in the SDK's reference pack.
    /// </summary>
    public Compilation CompileNext(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return NextSubmission(code, "").Script.GetCompilation();
    }

    /// <summary>Closes the session's database.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        Sql.Dispose();
        loader.Dispose();
        turn.Dispose();
    }

    internal DisplayHandle Display(object? value)
    {
        var (id, update) = Show(MimeBundles.Create(value), null);
        return new DisplayHandle(id, (_, next) => update(MimeBundles.Create(next), null));
    }

    /// <summary>Shows a bundle under a new display id; returns the id and how to update the display.</summary>
    internal (string Id, Action<IReadOnlyDictionary<string, string>, JsonObject?> Update) Show(IReadOnlyDictionary<string, string> data, JsonObject? metadata)
    {
        var cell = CellContext.Current.Value ?? lastCell ?? throw new InvalidOperationException("display() needs a running cell");
        var id = string.Create(CultureInfo.InvariantCulture, $"{Options.OutputIdPrefix}-display-{Interlocked.Increment(ref displayCount)}");
        displays[id] = cell;
        cell.Add(new DisplayDataOutput(Prepare(cell, data), metadata, id));
        return (id, (next, nextMetadata) => displays[id].Update(new DisplayDataOutput(Prepare(CellContext.Current.Value ?? cell, next), nextMetadata, id)));
    }

    private void Announce(CellOutputEventArgs change) => OutputProduced?.Invoke(this, change);

    /// <summary>Gives chart placeholders document-unique ids and sends plotly.js before the first chart.</summary>
    private IReadOnlyDictionary<string, string> Prepare(CellContext cell, IReadOnlyDictionary<string, string> data)
    {
        if (!data.TryGetValue(MimeTypes.Html, out var html) || !ChartHtml.NeedsPlotly(html)) return data;
        if (Interlocked.Exchange(ref plotlyLoaded, 1) == 0) cell.Add(DocumentAssets.PlotlyLoader());
        var prepared = new Dictionary<string, string>(data, StringComparer.Ordinal)
        {
            [MimeTypes.Html] = ChartHtml.AssignIds(html, Options.OutputIdPrefix, () => Interlocked.Increment(ref chartCount)),
        };
        return prepared;
    }

    private async Task<CellStatus> RunAsync(CellContext cell, string code, string name)
    {
        var parsed = ParsedCell.Parse(code);
        switch (parsed.Language)
        {
            case CellLanguage.Markdown:
                cell.Add(new DisplayDataOutput(MimeBundles.Markdown(parsed.Code)));
                return CellStatus.Ok;
            case CellLanguage.Sql:
                return RunSql(cell, parsed.Code, name);
            default:
                return await RunCSharpAsync(cell, parsed, name).ConfigureAwait(false);
        }
    }

    private CellStatus RunSql(CellContext cell, string sql, string name)
    {
        try
        {
            var frame = Sql.Query(sql);
            if (frame.Columns.Count > 0) AddResult(cell, frame);
            return CellStatus.Ok;
        }
        catch (DbException e)
        {
            cell.Add(ErrorOutputs.Sql(name, e));
            return CellStatus.Error;
        }
    }

    private async Task<CellStatus> RunCSharpAsync(CellContext cell, ParsedCell parsed, string name)
    {
        var token = cell.CancellationToken;
        try
        {
            var added = await resolver.ResolveAsync(parsed.References, token).ConfigureAwait(false);
            if (added.Count > 0)
            {
                lock (stateGate) references = references.AddRange(added.Select(PlatformReferences.FromFile));
            }
        }
        catch (ReferenceResolutionException e)
        {
            cell.Add(ErrorOutputs.Reference(name, e));
            return CellStatus.Error;
        }

        // Resolving #r lines may have awaited a restore or build and resumed on a pool thread: the cell's code gets a thread of its own.
        if (Thread.CurrentThread.IsThreadPoolThread) return await CellThread.Start(() => RunScriptAsync(cell, parsed, name), name).ConfigureAwait(false);
        return await RunScriptAsync(cell, parsed, name).ConfigureAwait(false);
    }

    private async Task<CellStatus> RunScriptAsync(CellContext cell, ParsedCell parsed, string name)
    {
        var token = cell.CancellationToken;
        var (script, previous, carried) = NextSubmission(parsed.Code, name);
        var errors = script.Compile(token).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            cell.Add(ErrorOutputs.Compilation(name, errors, parsed.Code));
            return CellStatus.Error;
        }

        var next = previous is null
            ? await script.RunAsync(globals, _ => true, token).ConfigureAwait(false)
            : await script.RunFromAsync(previous, _ => true, token).ConfigureAwait(false);
        lock (stateGate)
        {
            if (cell.Abandoned) return CellStatus.Cancelled;
            state = next;
            referencesInState = carried;
        }
        if (next.Exception is { } exception)
        {
            if (exception is OperationCanceledException && token.IsCancellationRequested) throw new OperationCanceledException(token);
            cell.Add(ErrorOutputs.Exception(exception));
            return CellStatus.Error;
        }
        if (EndsWithExpression(script) && next.ReturnValue is { } value) AddResult(cell, value);
        return CellStatus.Ok;
    }

    /// <summary>
    /// The script of the next C# cell, chained to the cells that ran, and how many of the session's references it
    /// carries. A submission inherits the references of the submissions before it, so it is given only those added
    /// since (<c>#r</c>): given all ~220 platform references again, every submission's compilation would bind them
    /// anew and keep that for the session's life (about 0.4 MB per cell).
    /// </summary>
    private (Script<object> Script, ScriptState<object>? Previous, int References) NextSubmission(string code, string filePath)
    {
        lock (stateGate)
        {
            var added = ImmutableArray.Create(references, referencesInState, references.Length - referencesInState);
            var options = scriptOptions.WithReferences(added).WithFilePath(filePath);
            var script = state is null
                ? CSharpScript.Create(code, options, typeof(NotebookGlobals), loader)
                : state.Script.ContinueWith(code, options);
            return (script, state, references.Length);
        }
    }

    private void AddResult(CellContext cell, object value) =>
        cell.Add(new ExecuteResultOutput(Prepare(cell, MimeBundles.Create(value)), null, cell.ExecutionCount));

    /// <summary>True when the cell's last statement is an expression without a semicolon (its value is shown).</summary>
    private static bool EndsWithExpression(Script script)
    {
        var tree = script.GetCompilation().SyntaxTrees.LastOrDefault();
        return tree?.GetRoot() is CompilationUnitSyntax root
            && root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            && statement.SemicolonToken.IsMissing;
    }
}
