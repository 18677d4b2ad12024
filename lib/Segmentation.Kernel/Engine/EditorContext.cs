using Microsoft.CodeAnalysis;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// Editor services' view of a session: a cell being typed is bound as the session's next submission, against
/// the variables, types, usings and references of the cells that ran, exactly as the compiler will see it.
/// Nothing is emitted, run or kept: the session's own chain of submissions is the only one.
/// </summary>
internal sealed class EditorContext(NotebookSession session)
{
    /// <summary>Binds <paramref name="code"/> as the next cell, without running it.</summary>
    public (SemanticModel Model, SyntaxTree Tree) Bind(string code)
    {
        var compilation = session.CompileNext(code);
        var tree = compilation.SyntaxTrees.Single();
        return (compilation.GetSemanticModel(tree, ignoreAccessibility: false), tree);
    }
}
