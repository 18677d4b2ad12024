using System.Net;
using System.Reflection;
using System.Text;
using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Magics;

namespace Segmentation.Notebooks.Display;

/// <summary>The mime bundles of magic commands: <c>#!html</c>, <c>#!javascript</c>, <c>#!who</c>, <c>#!about</c>,
/// <c>#!lsmagic</c>, <c>#!time</c>.</summary>
public static class MagicBundles
{
    /// <summary>An <c>#!html</c> part: the HTML as it is (text/html only, as .NET Interactive sends it).</summary>
    public static IReadOnlyDictionary<string, string> Html(string html) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [MimeTypes.Html] = html };

    /// <summary>A <c>#!javascript</c> part: a script element the frontend runs (text/html, as .NET Interactive sends
    /// it).</summary>
    public static IReadOnlyDictionary<string, string> JavaScript(string code) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MimeTypes.Html] = "<script type=\"text/javascript\">" + code + "</script>",
        };

    /// <summary>Plain text only.</summary>
    public static IReadOnlyDictionary<string, string> PlainText(string text) =>
        new Dictionary<string, string>(StringComparer.Ordinal) { [MimeTypes.PlainText] = text };

    /// <summary><c>#!who</c>: the variable names.</summary>
    public static IReadOnlyDictionary<string, string> Names(IReadOnlyList<string> names) =>
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MimeTypes.PlainText] = string.Join('\t', names),
            [MimeTypes.Html] = "<pre>" + WebUtility.HtmlEncode(string.Join('\t', names)) + "</pre>",
        };

    /// <summary><c>#!about</c>: what runs the notebook.</summary>
    public static IReadOnlyDictionary<string, string> About()
    {
        var version = typeof(MagicBundles)
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion
            ?? "unknown";
        var text =
            $"Segmentation notebook runtime {version}: C# script (Roslyn), SQL (DuckDB), markdown, HTML, "
            + "JavaScript, Mermaid; .NET Interactive's notebook dialect (#!lsmagic lists it).";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MimeTypes.PlainText] = text,
            [MimeTypes.Html] = "<p>" + WebUtility.HtmlEncode(text) + "</p>",
        };
    }

    /// <summary><c>#!lsmagic</c>: one line per command with its aliases and options.</summary>
    public static IReadOnlyDictionary<string, string> MagicList(IReadOnlyList<MagicCommand> commands)
    {
        var text = new StringBuilder();
        var html = new StringBuilder(
            "<table><thead><tr><th>Command</th><th>Options</th><th>What it does</th></tr></thead><tbody>"
        );
        foreach (var command in commands)
        {
            var spellings = string.Join(", ", command.Spellings);
            var options = string.Join(' ', command.Options.Select(o => o.TakesValue ? o.Name + " VALUE" : o.Name));
            text.Append(spellings)
                .Append(options.Length > 0 ? " " + options : "")
                .Append(" : ")
                .Append(command.Description)
                .Append('\n');
            html.Append("<tr><td>")
                .Append(WebUtility.HtmlEncode(spellings))
                .Append("</td><td>")
                .Append(WebUtility.HtmlEncode(options))
                .Append("</td><td>")
                .Append(WebUtility.HtmlEncode(command.Description))
                .Append("</td></tr>");
        }
        html.Append("</tbody></table>");
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MimeTypes.PlainText] = text.ToString(),
            [MimeTypes.Html] = html.ToString(),
        };
    }
}
