using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// The compile-only mirror of a session, for editor services: every cell that ran is chained as a
/// script submission, so a cell being typed binds against the variables, types and usings of the
/// cells before it, exactly as the compiler will see it. Nothing here is emitted or run.
/// </summary>
internal sealed class EditorContext
{
    private readonly Lock _gate = new();
    private readonly Type? _globalsType;
    private readonly ScriptOptions _baseOptions;
    private readonly HashSet<string> _referenced;
    private ImmutableArray<MetadataReference> _references;
    private Script? _last;

    public EditorContext(Type? globalsType, IEnumerable<string> imports)
    {
        _globalsType = globalsType;
        _references = DocumentedReferences.Platform;
        _referenced = new HashSet<string>(_references.OfType<PortableExecutableReference>().Select(r => r.FilePath!), StringComparer.Ordinal);
        _baseOptions = ScriptOptions.Default.WithImports(imports).WithReferences(_references);
    }

    /// <summary>Records a cell that ran: what it declared is visible to the next ones.</summary>
    public void Accept(string code)
    {
        lock (_gate) _last = Next(code);
    }

    /// <summary>Binds <paramref name="code"/> as the next cell, without running it.</summary>
    public (SemanticModel Model, SyntaxTree Tree) Bind(string code)
    {
        Script script;
        lock (_gate) script = Next(code);
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Single();
        return (compilation.GetSemanticModel(tree, ignoreAccessibility: false), tree);
    }

    private Script Next(string code)
    {
        var added = DocumentedReferences.LoadedOutsidePlatform(_referenced).ToList();
        if (added.Count > 0)
        {
            foreach (var reference in added.OfType<PortableExecutableReference>()) _referenced.Add(reference.FilePath!);
            _references = _references.AddRange(added);
        }
        var options = _baseOptions.WithReferences(_references);
        return _last is null ? CSharpScript.Create(code, options, _globalsType) : _last.ContinueWith(code, options);
    }
}
