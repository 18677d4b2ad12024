using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// Completion from the compiler's semantic model (no Roslyn Features/Workspaces layer): after a dot,
/// the members of the expression's type (instance members and extension methods for a value,
/// static members and nested types for a type, members for a namespace); elsewhere, every symbol
/// in scope (earlier cells' variables, globals, imported types) plus C# keywords. Candidates start
/// with the word under the cursor, case-insensitively; those matching its case come first.
/// </summary>
internal static class CSharpCompletion
{
    private const int MaxItems = 1000;

    private static readonly string[] Keywords =
    [
        "abstract",
        "as",
        "async",
        "await",
        "base",
        "bool",
        "break",
        "byte",
        "case",
        "catch",
        "char",
        "checked",
        "class",
        "const",
        "continue",
        "decimal",
        "default",
        "delegate",
        "do",
        "double",
        "else",
        "enum",
        "event",
        "explicit",
        "extern",
        "false",
        "finally",
        "fixed",
        "float",
        "for",
        "foreach",
        "goto",
        "if",
        "implicit",
        "in",
        "int",
        "interface",
        "internal",
        "is",
        "lock",
        "long",
        "nameof",
        "namespace",
        "new",
        "null",
        "object",
        "operator",
        "out",
        "override",
        "params",
        "private",
        "protected",
        "public",
        "readonly",
        "record",
        "ref",
        "return",
        "sbyte",
        "sealed",
        "short",
        "sizeof",
        "stackalloc",
        "static",
        "string",
        "struct",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "typeof",
        "uint",
        "ulong",
        "unchecked",
        "unsafe",
        "ushort",
        "using",
        "var",
        "virtual",
        "void",
        "volatile",
        "when",
        "where",
        "while",
        "with",
        "yield",
    ];

    public static CompletionResult Complete(EditorContext context, string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var (model, tree) = context.Bind(code);
        var root = tree.GetRoot();
        var start = WordStart(code, cursor);
        var prefix = code[start..cursor];
        var before = start > 0 ? root.FindToken(start - 1) : default;
        if (InsideCommentOrString(root, cursor))
            return CompletionResult.None(cursor);

        IEnumerable<CompletionItem> candidates;
        if (before.IsKind(SyntaxKind.DotToken) && MemberContainer(before) is { } left)
        {
            candidates = Members(model, left, start);
        }
        else if (before.IsKind(SyntaxKind.DotToken))
        {
            return CompletionResult.None(cursor); // a dot after a number, or an expression the compiler cannot type
        }
        else
        {
            candidates = model
                .LookupSymbols(start)
                .Where(s => s.CanBeReferencedByName)
                .Select(Item)
                .Concat(Keywords.Select(k => new CompletionItem(k, "keyword", "")));
        }

        var items = candidates
            .Where(i => i.Text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(i => i.Text, StringComparer.Ordinal)
            .OrderBy(i => i.Text.StartsWith(prefix, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(i => i.Text, StringComparer.OrdinalIgnoreCase)
            .ThenBy(i => i.Text, StringComparer.Ordinal)
            .Take(MaxItems)
            .ToList();
        return new CompletionResult(items, start, cursor);
    }

    private static IEnumerable<CompletionItem> Members(SemanticModel model, ExpressionSyntax left, int position)
    {
        var symbol = model.GetSymbolInfo(left).Symbol;
        switch (symbol)
        {
            case INamespaceSymbol ns:
                return model.LookupNamespacesAndTypes(position, ns).Select(Item);
            case INamedTypeSymbol type:
                return model.LookupStaticMembers(position, type).Where(s => s.CanBeReferencedByName).Select(Item);
        }
        var valueType = model.GetTypeInfo(left).Type;
        if (valueType is null or IErrorTypeSymbol)
            return [];
        return model
            .LookupSymbols(position, valueType, includeReducedExtensionMethods: true)
            .Where(s =>
                s.CanBeReferencedByName
                && (!s.IsStatic || s is IMethodSymbol { MethodKind: MethodKind.ReducedExtension })
            )
            .Where(s => s is not INamedTypeSymbol)
            .Select(Item);
    }

    /// <summary>The expression left of the dot: <c>a.b.</c> → <c>a.b</c>.</summary>
    private static ExpressionSyntax? MemberContainer(SyntaxToken dot) =>
        dot.Parent switch
        {
            MemberAccessExpressionSyntax access => access.Expression,
            QualifiedNameSyntax name => name.Left,
            _ => null,
        };

    private static int WordStart(string code, int cursor)
    {
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_'))
            start--;
        if (start > 0 && code[start - 1] == '@')
            start--;
        return start;
    }

    private static bool InsideCommentOrString(SyntaxNode root, int cursor)
    {
        if (cursor == 0)
            return false;
        var trivia = root.FindTrivia(cursor - 1);
        if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
            return true;
        var token = root.FindToken(cursor - 1);
        return (token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken))
            && token.Span.Contains(cursor - 1)
            && token.Span.End != cursor - 1;
    }

    internal static CompletionItem Item(ISymbol symbol) =>
        new(symbol.Name, Kind(symbol), symbol.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));

    private static string Kind(ISymbol symbol) =>
        symbol switch
        {
            IMethodSymbol => "method",
            IPropertySymbol => "property",
            IFieldSymbol { IsConst: true } => "constant",
            IFieldSymbol => "field",
            IEventSymbol => "event",
            ILocalSymbol or IParameterSymbol or IRangeVariableSymbol => "variable",
            INamespaceSymbol => "namespace",
            INamedTypeSymbol { TypeKind: TypeKind.Interface } => "interface",
            INamedTypeSymbol { TypeKind: TypeKind.Struct } => "struct",
            INamedTypeSymbol { TypeKind: TypeKind.Enum } => "enum",
            INamedTypeSymbol { TypeKind: TypeKind.Delegate } => "delegate",
            INamedTypeSymbol => "class",
            _ => "symbol",
        };
}
