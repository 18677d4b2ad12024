using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// Jupyter's <c>is_complete</c> for C#: incomplete while the parser expects more (an open brace,
/// an unterminated string or comment), invalid when it has errors no further line can fix.
/// </summary>
internal static class CSharpCompleteness
{
    private static readonly CSharpParseOptions ScriptOptions = CSharpParseOptions.Default.WithKind(
        SourceCodeKind.Script
    );

    public static IsCompleteResult Check(string code)
    {
        if (code.Trim().Length == 0)
            return new IsCompleteResult(Completeness.Complete);
        var tree = SyntaxFactory.ParseSyntaxTree(code, ScriptOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
            return new IsCompleteResult(Completeness.Incomplete, Indent(code));
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
            ? new IsCompleteResult(Completeness.Invalid)
            : new IsCompleteResult(Completeness.Complete);
    }

    /// <summary>Four spaces per brace, bracket or parenthesis left open.</summary>
    private static string Indent(string code)
    {
        var depth = 0;
        foreach (var token in SyntaxFactory.ParseTokens(code))
        {
            if (
                token.IsKind(SyntaxKind.OpenBraceToken)
                || token.IsKind(SyntaxKind.OpenParenToken)
                || token.IsKind(SyntaxKind.OpenBracketToken)
            )
                depth++;
            else if (
                token.IsKind(SyntaxKind.CloseBraceToken)
                || token.IsKind(SyntaxKind.CloseParenToken)
                || token.IsKind(SyntaxKind.CloseBracketToken)
            )
                depth = Math.Max(0, depth - 1);
        }
        return new string(' ', 4 * depth);
    }
}
