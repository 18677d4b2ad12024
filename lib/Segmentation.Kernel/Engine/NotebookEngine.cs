using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// The kernel's C# engine. INTERIM: runs cells on Roslyn scripting directly until the notebook
/// runtime (Segmentation.Notebooks) lands; then it becomes an adapter over NotebookSession.
/// </summary>
public sealed class NotebookEngine : IKernelEngine
{
    private static readonly string[] Imports =
    [
        "System", "System.Collections.Generic", "System.Globalization", "System.IO", "System.Linq",
        "System.Text", "System.Threading", "System.Threading.Tasks",
    ];

    private readonly EditorContext _editor = new(null, Imports);
    private readonly ScriptOptions _options = ScriptOptions.Default.WithImports(Imports).WithReferences(DocumentedReferences.Platform);
    private ScriptState<object>? _state;

    /// <inheritdoc />
    public async Task<ExecutionOutcome> ExecuteAsync(string code, IOutputSink output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(output);
        var script = _state is null ? CSharpScript.Create(code, _options) : _state.Script.ContinueWith(code, _options);
        var errors = script.Compile(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var lines = errors.Select(d => d.ToString()).ToList();
            return ExecutionOutcome.Failed(new ExecutionError("CompilationError", errors[0].GetMessage(CultureInfo.InvariantCulture), lines));
        }
        var originalOut = Console.Out;
        var originalError = Console.Error;
        Console.SetOut(new SinkWriter(output, "stdout"));
        Console.SetError(new SinkWriter(output, "stderr"));
        try
        {
            var next = _state is null
                ? await script.RunAsync(null, _ => true, cancellationToken).ConfigureAwait(false)
                : await script.RunFromAsync(_state, _ => true, cancellationToken).ConfigureAwait(false);
            _state = next;
            _editor.Accept(code);
            if (next.Exception is { } exception)
            {
                return ExecutionOutcome.Failed(new ExecutionError(exception.GetType().Name, exception.Message, [exception.ToString()]));
            }
            return EndsWithExpression(script) && next.ReturnValue is { } value
                ? ExecutionOutcome.Succeeded(MimeBundle.PlainText(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""))
                : ExecutionOutcome.Succeeded();
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    /// <inheritdoc />
    public CompletionResult Complete(string code, int cursor) => CSharpCompletion.Complete(_editor, code, cursor);

    /// <inheritdoc />
    public InspectionResult? Inspect(string code, int cursor, int detailLevel) => CSharpInspection.Inspect(_editor, code, cursor, detailLevel);

    /// <inheritdoc />
    public IsCompleteResult IsComplete(string code) => CSharpCompleteness.Check(code);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private static bool EndsWithExpression(Script script) =>
        script.GetCompilation().SyntaxTrees.LastOrDefault()?.GetRoot() is CompilationUnitSyntax root
        && root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
        && statement.SemicolonToken.IsMissing;

    private sealed class SinkWriter(IOutputSink sink, string name) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => sink.WriteStream(name, value.ToString());

        public override void Write(string? value) => sink.WriteStream(name, value ?? "");

        public override void Write(char[] buffer, int index, int count) => sink.WriteStream(name, new string(buffer, index, count));
    }
}
