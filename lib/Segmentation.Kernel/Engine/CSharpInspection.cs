using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// What the symbol under the cursor is: its signature with types, the type of a variable, and its
/// documentation comment (summary; at detail level 1 also parameters, returns and remarks). Inside
/// the parentheses of a call, the called method is described.
/// </summary>
internal static class CSharpInspection
{
    private static readonly SymbolDisplayFormat Signature = SymbolDisplayFormat
        .MinimallyQualifiedFormat.WithMemberOptions(
            SymbolDisplayMemberOptions.IncludeType
                | SymbolDisplayMemberOptions.IncludeParameters
                | SymbolDisplayMemberOptions.IncludeContainingType
                | SymbolDisplayMemberOptions.IncludeModifiers
                | SymbolDisplayMemberOptions.IncludeRef
        )
        .WithLocalOptions(SymbolDisplayLocalOptions.IncludeType)
        .WithParameterOptions(
            SymbolDisplayParameterOptions.IncludeType
                | SymbolDisplayParameterOptions.IncludeName
                | SymbolDisplayParameterOptions.IncludeDefaultValue
                | SymbolDisplayParameterOptions.IncludeParamsRefOut
        )
        .WithKindOptions(
            SymbolDisplayKindOptions.IncludeTypeKeyword | SymbolDisplayKindOptions.IncludeNamespaceKeyword
        );

    public static InspectionResult? Inspect(EditorContext context, string code, int cursor, int detailLevel)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var (model, tree) = context.Bind(code);
        var root = tree.GetRoot();
        var symbol = SymbolAt(model, root, cursor) ?? CalledAt(model, root, cursor);
        if (symbol is null)
            return null;

        var signature = Describe(symbol);
        var docs = DocumentationText(
            symbol.OriginalDefinition.GetDocumentationCommentXml(expandIncludes: true) ?? "",
            detailLevel
        );
        var plain = docs.Length == 0 ? signature : signature + "\n\n" + docs;
        var markdown = "```csharp\n" + signature + "\n```" + (docs.Length == 0 ? "" : "\n\n" + docs);
        return new InspectionResult(
            new MimeBundle(new Dictionary<string, string> { ["text/plain"] = plain, ["text/markdown"] = markdown })
        );
    }

    private static string Describe(ISymbol symbol) =>
        symbol switch
        {
            // Variables of earlier cells are fields of their submission: show them as variables.
            IFieldSymbol { ContainingType.IsScriptClass: true } field =>
                $"{field.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} {field.Name}",
            _ => symbol.ToDisplayString(Signature),
        };

    private static ISymbol? SymbolAt(SemanticModel model, SyntaxNode root, int cursor)
    {
        foreach (var position in new[] { cursor, cursor - 1 })
        {
            if (position < 0 || position >= root.FullSpan.End)
                continue;
            var token = root.FindToken(position);
            if (!token.IsKind(SyntaxKind.IdentifierToken) && !SyntaxFacts.IsPredefinedType(token.Kind()))
                continue;
            if (!token.Span.Contains(position) && token.Span.End != position)
                continue;
            var node = token.Parent;
            if (node is null)
                continue;
            var info = model.GetSymbolInfo(node);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault() ?? model.GetDeclaredSymbol(node);
            if (symbol is null && node is ExpressionSyntax expression)
                symbol = model.GetTypeInfo(expression).Type;
            if (symbol is not null and not IErrorTypeSymbol)
                return symbol;
        }
        return null;
    }

    /// <summary>Inside <c>f(…|…)</c>: the method being called.</summary>
    private static ISymbol? CalledAt(SemanticModel model, SyntaxNode root, int cursor)
    {
        var token = root.FindToken(Math.Max(0, cursor - 1));
        for (var node = token.Parent; node is not null; node = node.Parent)
        {
            if (
                node is ArgumentListSyntax arguments
                && arguments.Span.Contains(Math.Max(0, cursor - 1))
                && node.Parent is ExpressionSyntax call
            )
            {
                var info = model.GetSymbolInfo(call);
                return info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            }
        }
        return null;
    }

    /// <summary>Plain text of a documentation comment: summary, then (detail 1) parameters, returns and
    /// remarks.</summary>
    internal static string DocumentationText(string xml, int detailLevel)
    {
        if (xml.Length == 0)
            return "";
        XElement member;
        try
        {
            member = XElement.Parse(xml);
        }
        catch (XmlException)
        {
            return "";
        }
        var text = new StringBuilder();
        Append(text, null, member.Element("summary"));
        if (detailLevel > 0)
        {
            foreach (var parameter in member.Elements("param"))
                Append(text, parameter.Attribute("name")?.Value, parameter);
            Append(text, "returns", member.Element("returns"));
            Append(text, "remarks", member.Element("remarks"));
            foreach (var exception in member.Elements("exception"))
                Append(text, "throws " + Cref(exception.Attribute("cref")?.Value), exception);
        }
        return text.ToString().Trim();
    }

    private static void Append(StringBuilder text, string? label, XElement? element)
    {
        if (element is null)
            return;
        var body = Flatten(element).Trim();
        if (body.Length == 0)
            return;
        if (text.Length > 0)
            text.Append('\n');
        text.Append(label is null ? body : $"{label}: {body}").Append('\n');
    }

    private static string Flatten(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
        {
            text.Append(
                node switch
                {
                    XText t => string.Join(' ', t.Value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                        is var words
                    && words.Length > 0
                        ? (char.IsWhiteSpace(t.Value[0]) ? " " : "")
                            + words
                            + (char.IsWhiteSpace(t.Value[^1]) ? " " : "")
                        : " ",
                    XElement { Name.LocalName: "see" or "seealso" } see => see.Attribute("cref") is { } cref
                        ? Cref(cref.Value)
                        : see.Attribute("langword")?.Value ?? see.Value,
                    XElement { Name.LocalName: "paramref" or "typeparamref" } reference => reference
                        .Attribute("name")
                        ?.Value
                        ?? "",
                    XElement { Name.LocalName: "para" or "br" } para => "\n" + Flatten(para).Trim() + "\n",
                    XElement other => Flatten(other),
                    _ => "",
                }
            );
        }
        return text.ToString();
    }

    /// <summary><c>M:System.String.Join(System.String,System.String[])</c> → <c>String.Join</c>.</summary>
    private static string Cref(string? cref)
    {
        if (string.IsNullOrEmpty(cref))
            return "";
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var paren = name.IndexOf('(', StringComparison.Ordinal);
        if (paren >= 0)
            name = name[..paren];
        var parts = name.Split('.');
        return parts.Length >= 2 && char.IsUpper(parts[^2].FirstOrDefault()) && cref.StartsWith('T') is false
            ? $"{parts[^2]}.{parts[^1]}"
            : parts[^1];
    }
}
