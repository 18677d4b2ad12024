using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;
using Microsoft.Data.Analysis;
using Segmentation.Notebooks.Display;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Magics;
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
        "System",
        "System.Collections.Generic",
        "System.Globalization",
        "System.IO",
        "System.Linq",
        "System.Text",
        "System.Threading",
        "System.Threading.Tasks",
        "Segmentation.Notebooks.Interactive",
    ];

    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly object stateGate = new();
    private readonly InteractiveAssemblyLoader loader = new();
    private readonly ReferenceResolver resolver;
    private readonly NotebookGlobals globals;
    private readonly ConcurrentDictionary<string, CellContext> displays = new(StringComparer.Ordinal);
    private readonly ScriptOptions scriptOptions;
    private readonly DirectiveRunner directives;
    private readonly DisplayParts displayParts;
    private ImmutableArray<MetadataReference> references = PlatformReferences.References;
    private ScriptState<object>? state;

    // How many of `references` the submissions of `state` already carry (a submission inherits those of the ones before
    // it).
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
        directives = new DirectiveRunner(this);
        displayParts = new DisplayParts(Options.OutputIdPrefix);
        scriptOptions = ScriptOptions
            .Default.WithReferences(Array.Empty<MetadataReference>())
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(Options.BaseDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(Options.BaseDirectory))
            .WithEmitDebugInformation(true)
            // Cells compile optimized (scripting's default is Debug). Debug-compiled submissions kept about four times
            // as many methods jitting per cell (the runtime compiled ~100 methods per small cell against ~23): 385 KiB
            // of resident memory per small cell against 219 KiB, in process over 200 cells (`kernel-memory` benchmark).
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

    /// <summary>Executes one cell; <paramref name="cellName"/> (e.g. "cell 4") names it in errors and stack
    /// traces.</summary>
    public Task<CellResult> ExecuteAsync(
        string code,
        string? cellName,
        CancellationToken cancellationToken = default
    ) => ExecuteAsync(code, cellName, CellLanguage.CSharp, cancellationToken);

    /// <summary>
    /// Executes one cell whose lines before any language magic are in <paramref name="language"/> (a Polyglot
    /// notebook names a cell's language in its metadata).
    /// </summary>
    public async Task<CellResult> ExecuteAsync(
        string code,
        string? cellName,
        CellLanguage language,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(code);
        ObjectDisposedException.ThrowIf(disposed, this);
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var count = Interlocked.Increment(ref executionCount);
            var name = cellName ?? string.Create(CultureInfo.InvariantCulture, $"cell [{count}]");
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (Options.CellTimeout is { } timeout)
                limit.CancelAfter(timeout);
            var cell = new CellContext(count, limit.Token, Announce) { Display = Display };
            lastCell = cell;
            var stopwatch = Stopwatch.StartNew();
            CellStatus status;
            ConsoleCapture.Acquire();
            var outer = CellContext.Current.Value;
            CellContext.Current.Value = cell;
            // The cell's thread and whatever it awaits inherit the session's language (flow-local: other sessions keep
            // theirs).
            using var words = Segmentation.Common.Text.Language.Use(Options.Language);
            try
            {
                // Its own thread, not the pool's: a cell abandoned in an endless loop must not keep a pool thread.
                var work = CellThread.Start(() => RunAsync(cell, code, name, language), name);
                try
                {
                    status = await work.WaitAsync(limit.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested)
                {
                    lock (stateGate)
                        cell.Abandoned = true;
                    status = cancellationToken.IsCancellationRequested ? CellStatus.Cancelled : CellStatus.TimedOut;
                    cell.Add(
                        status == CellStatus.Cancelled
                            ? ErrorOutputs.Cancelled(name)
                            : ErrorOutputs.TimedOut(name, Options.CellTimeout!.Value)
                    );
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
        if (disposed)
            return;
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
    internal (string Id, Action<IReadOnlyDictionary<string, string>, JsonObject?> Update) Show(
        IReadOnlyDictionary<string, string> data,
        JsonObject? metadata
    )
    {
        var cell = CellContext.Current.Value
            ?? lastCell
            ?? throw new InvalidOperationException("display() needs a running cell");
        var id = string.Create(
            CultureInfo.InvariantCulture,
            $"{Options.OutputIdPrefix}-display-{Interlocked.Increment(ref displayCount)}"
        );
        displays[id] = cell;
        cell.Add(new DisplayDataOutput(Prepare(cell, data), metadata, id));
        return (id, (next, nextMetadata) =>
            displays[id]
                .Update(new DisplayDataOutput(Prepare(CellContext.Current.Value ?? cell, next), nextMetadata, id))
        );
    }

    private void Announce(CellOutputEventArgs change) => OutputProduced?.Invoke(this, change);

    /// <summary>Gives chart placeholders document-unique ids and sends plotly.js before the first chart.</summary>
    private IReadOnlyDictionary<string, string> Prepare(CellContext cell, IReadOnlyDictionary<string, string> data)
    {
        if (!data.TryGetValue(MimeTypes.Html, out var html) || !ChartHtml.NeedsPlotly(html))
            return data;
        if (Interlocked.Exchange(ref plotlyLoaded, 1) == 0)
            cell.Add(DocumentAssets.PlotlyLoader());
        var prepared = new Dictionary<string, string>(data, StringComparer.Ordinal)
        {
            [MimeTypes.Html] = ChartHtml.AssignIds(html, Options.OutputIdPrefix, () =>
                Interlocked.Increment(ref chartCount)
            ),
        };
        return prepared;
    }

    private async Task<CellStatus> RunAsync(CellContext cell, string code, string name, CellLanguage language)
    {
        var parsed = ParsedCell.Parse(code, language);
        if (parsed.Error is { } error)
        {
            cell.Add(ErrorOutputs.Magic(name, error));
            return CellStatus.Error;
        }
        foreach (var part in parsed.Parts)
        {
            CellStatus status;
            try
            {
                status = await RunPartAsync(cell, part, name).ConfigureAwait(false);
            }
            catch (MagicException e)
            {
                cell.Add(ErrorOutputs.Magic(name, e.Message));
                status = CellStatus.Error;
            }
            if (status != CellStatus.Ok)
                return status;
        }
        return CellStatus.Ok;
    }

    /// <summary>Runs a part's directives, then its code (timed when it has <c>#!time</c>).</summary>
    private async Task<CellStatus> RunPartAsync(CellContext cell, CellPart part, string name)
    {
        foreach (var directive in part.Directives)
        {
            var done = await directives.RunAsync(directive, part.Language, cell, name).ConfigureAwait(false);
            if (done != CellStatus.Ok)
                return done;
        }
        var stopwatch = Stopwatch.StartNew();
        var status = part.Language switch
        {
            CellLanguage.Markdown or CellLanguage.Html or CellLanguage.JavaScript or CellLanguage.Mermaid =>
                displayParts.Show(cell, part),
            CellLanguage.Value => directives.StoreValue(part, cell),
            CellLanguage.Sql => await RunSqlAsync(cell, part, name).ConfigureAwait(false),
            _ => await RunCSharpAsync(cell, part, name).ConfigureAwait(false),
        };
        if (part.IsTimed && status == CellStatus.Ok)
        {
            cell.Add(
                new DisplayDataOutput(
                    MagicBundles.PlainText(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Wall time: {stopwatch.Elapsed.TotalMilliseconds:0.###}ms"
                        )
                    )
                )
            );
        }
        return status;
    }

    private async Task<CellStatus> RunSqlAsync(CellContext cell, CellPart part, string name)
    {
        if (part.Code.Trim().Length == 0)
            return CellStatus.Ok;
        DataFrame frame;
        try
        {
            frame = Sql.Query(part.Code, directives.SqlParameters);
        }
        catch (DbException e)
        {
            cell.Add(ErrorOutputs.Sql(name, e));
            return CellStatus.Error;
        }
        if (frame.Columns.Count > 0)
            AddResult(cell, frame);
        if (part.Selector?.Option("--name") is not { } variable)
            return CellStatus.Ok;
        directives.KeepSqlResult(variable, frame);
        return await SetCSharpVariableAsync(cell, variable, frame, name).ConfigureAwait(false);
    }

    private async Task<CellStatus> RunCSharpAsync(CellContext cell, CellPart part, string name)
    {
        var token = cell.CancellationToken;
        resolver.AddPackageSources(part.PackageSources);
        try
        {
            var added = await resolver.ResolveAsync(part.References, token).ConfigureAwait(false);
            if (added.Count > 0)
            {
                lock (stateGate)
                    references = references.AddRange(added.Select(PlatformReferences.FromFile));
            }
        }
        catch (ReferenceResolutionException e)
        {
            cell.Add(ErrorOutputs.Reference(name, e));
            return CellStatus.Error;
        }
        if (part.Code.Trim().Length == 0)
            return CellStatus.Ok;

        // Resolving #r lines may have awaited a restore or build and resumed on a pool thread: the cell's code gets a
        // thread of its own.
        if (Thread.CurrentThread.IsThreadPoolThread)
            return await CellThread
                .Start(() => RunScriptAsync(cell, part.Code, name, showResult: true), name)
                .ConfigureAwait(false);
        return await RunScriptAsync(cell, part.Code, name, showResult: true).ConfigureAwait(false);
    }

    /// <summary>The C# variables of the cells that ran, each name once (its latest declaration), in declaration
    /// order.</summary>
    internal IReadOnlyList<(string Name, Type Type, object? Value)> CSharpVariables()
    {
        ScriptState<object>? current;
        lock (stateGate)
            current = state;
        if (current is null)
            return [];
        var latest = new Dictionary<string, (string, Type, object?)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var variable in current.Variables)
        {
            if (variable.Name.StartsWith("__", StringComparison.Ordinal))
                continue;
            if (!latest.ContainsKey(variable.Name))
                order.Add(variable.Name);
            latest[variable.Name] = (variable.Name, variable.Type, variable.Value);
        }
        return order.Select(n => latest[n]).ToList();
    }

    /// <summary>Declares a C# variable holding <paramref name="value"/> (typed as the value's type when source can name
    /// it).</summary>
    internal async Task<CellStatus> SetCSharpVariableAsync(
        CellContext cell,
        string variable,
        object? value,
        string name
    )
    {
        if (!SyntaxFacts.IsValidIdentifier(variable))
            throw new MagicException($"'{variable}' is not a C# variable name");
        globals.Pending = value;
        var type = value is null ? "object" : CSharpTypeName.Of(value.GetType());
        // A type the cells cannot name (a missing reference) falls back to object: one compilation in the usual case.
        return await RunScriptAsync(
                cell,
                $"var {variable} = ({type})__TakeShared();",
                name,
                showResult: false,
                fallback: type == "object" ? null : $"var {variable} = __TakeShared();"
            )
            .ConfigureAwait(false);
    }

    /// <summary>Asks the frontend for a line (<c>Kernel.GetInputAsync</c>, <c>@input:</c>).</summary>
    internal string ReadInput(string prompt, bool password) =>
        (
            Options.ReadInput
            ?? throw new InvalidOperationException(
                $"input '{prompt}' cannot be asked for: this notebook runs without a frontend (seg "
                    + "notebooks run); run it in a Jupyter frontend or set the value in the notebook"
            )
        )(prompt, password);

    /// <summary>Compiles and runs C# as the next submission; <paramref name="fallback"/> is run instead if the code
    /// does not compile.</summary>
    private async Task<CellStatus> RunScriptAsync(
        CellContext cell,
        string code,
        string name,
        bool showResult,
        string? fallback = null
    )
    {
        var token = cell.CancellationToken;
        var (script, previous, carried) = NextSubmission(code, name);
        var errors = script.Compile(token).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0 && fallback is not null)
            return await RunScriptAsync(cell, fallback, name, showResult).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            cell.Add(ErrorOutputs.Compilation(name, errors, code));
            return CellStatus.Error;
        }

        var next = previous is null
            ? await script.RunAsync(globals, _ => true, token).ConfigureAwait(false)
            : await script.RunFromAsync(previous, _ => true, token).ConfigureAwait(false);
        lock (stateGate)
        {
            if (cell.Abandoned)
                return CellStatus.Cancelled;
            state = next;
            referencesInState = carried;
        }
        if (next.Exception is { } exception)
        {
            if (exception is OperationCanceledException && token.IsCancellationRequested)
                throw new OperationCanceledException(token);
            cell.Add(ErrorOutputs.Exception(exception));
            return CellStatus.Error;
        }
        if (showResult && EndsWithExpression(script) && next.ReturnValue is { } value)
            AddResult(cell, value);
        return CellStatus.Ok;
    }

    /// <summary>
    /// The script of the next C# cell, chained to the cells that ran, and how many of the session's references it
    /// carries. A submission inherits the references of the submissions before it, so it is given only those added
    /// since (<c>#r</c>): given all ~220 platform references again, every submission's compilation would bind them
    /// anew and keep that for the session's life (about 0.4 MB per cell).
    /// </summary>
    private (Script<object> Script, ScriptState<object>? Previous, int References) NextSubmission(
        string code,
        string filePath
    )
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

    /// <summary>True when the cell's last statement is an expression without a semicolon (its value is
    /// shown).</summary>
    private static bool EndsWithExpression(Script script)
    {
        var tree = script.GetCompilation().SyntaxTrees.LastOrDefault();
        return tree?.GetRoot() is CompilationUnitSyntax root
            && root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            && statement.SemicolonToken.IsMissing;
    }
}
