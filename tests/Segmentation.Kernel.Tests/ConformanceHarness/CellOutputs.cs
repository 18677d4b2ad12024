using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Segmentation.Kernel.Tests.ConformanceHarness;

/// <summary>
/// What the comparison sees of a cell's outputs: one line per output — its kind (<c>stream stdout</c>,
/// <c>display_data</c>, <c>execute_result</c>, <c>error</c>), its mime types, and its deterministic text (stream
/// text, <c>text/plain</c>, or the error's name and value). HTML is compared by mime type only: its markup (ids,
/// styles, scripts) is each kernel's own.
/// </summary>
public static partial class CellOutputs
{
    /// <summary>The lines of one executed code cell, after the rules that apply everywhere; <paramref name="applied"/>
    /// counts each rule's uses.</summary>
    public static IReadOnlyList<string> Describe(
        JsonNode cell,
        bool reference,
        IReadOnlySet<string> rules,
        IDictionary<string, int> applied
    )
    {
        var lines = new List<string>();
        foreach (var output in cell["outputs"]!.AsArray().Select(o => o!))
        {
            var kind = output["output_type"]!.GetValue<string>();
            switch (kind)
            {
                case "stream":
                    var text = Text(output["text"]);
                    if (reference && Use(rules, applied, ReferenceCompilerWarnings, IsCompilerWarnings(text)))
                        continue;
                    lines.Add($"stream {output["name"]!.GetValue<string>()}: {Clean(text)}");
                    break;
                case "error":
                    var name = output["ename"]!.GetValue<string>();
                    var value = output["evalue"]!.GetValue<string>();
                    if (
                        reference
                        && Use(
                            rules,
                            applied,
                            ReferenceErrorFormat,
                            name == "Error" && ExceptionLine(value) is not null
                        )
                    )
                    {
                        (name, value) = ExceptionLine(value)!.Value;
                    }
                    lines.Add($"error {name}: {Clean(value)}");
                    break;
                default:
                    var data = output["data"]?.AsObject() ?? new JsonObject();
                    if (
                        reference
                        && Use(
                            rules,
                            applied,
                            ReferenceBootstrapScript,
                            Text(data["text/html"]).Contains("dotnet-interactive-this-cell", StringComparison.Ordinal)
                        )
                    )
                        continue;
                    var mimes = string.Join(",", data.Select(p => p.Key).Order(StringComparer.Ordinal));
                    lines.Add(
                        data["text/plain"] is { } plain ? $"{kind} {mimes}: {Clean(Text(plain))}" : $"{kind} {mimes}"
                    );
                    break;
            }
        }
        return lines;
    }

    /// <summary>.NET Interactive's first cell also displays the script that connects its frontend API
    /// (<c>dotnet-interactive-this-cell</c>).</summary>
    public const string ReferenceBootstrapScript = "reference-bootstrap-script";

    /// <summary>.NET Interactive writes the compiler's warnings (CS1701 on assembly version unification) to
    /// stderr.</summary>
    public const string ReferenceCompilerWarnings = "reference-compiler-warnings";

    /// <summary>.NET Interactive names every exception's error <c>Error</c> and gives its ToString (type, message,
    /// stack) as the value.</summary>
    public const string ReferenceErrorFormat = "reference-error-format";

    /// <summary>The rules the comparison knows; the differences file says which apply, and why.</summary>
    public static IReadOnlyList<string> KnownRules { get; } =
    [ReferenceBootstrapScript, ReferenceCompilerWarnings, ReferenceErrorFormat];

    private static bool Use(IReadOnlySet<string> rules, IDictionary<string, int> applied, string rule, bool matches)
    {
        if (!matches || !rules.Contains(rule))
            return false;
        applied[rule] = applied.TryGetValue(rule, out var count) ? count + 1 : 1;
        return true;
    }

    private static bool IsCompilerWarnings(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length > 0 && lines.All(l => l.StartsWith("warning CS", StringComparison.Ordinal));
    }

    /// <summary>"System.InvalidOperationException: boom\n   at …" → (type, message).</summary>
    private static (string Name, string Value)? ExceptionLine(string value)
    {
        var first = value.Split('\n')[0];
        var colon = first.IndexOf(": ", StringComparison.Ordinal);
        if (
            colon <= 0
            || first[..colon].Contains(' ', StringComparison.Ordinal)
            || !first[..colon].Contains('.', StringComparison.Ordinal)
        )
            return null;
        return (first[..colon], first[(colon + 2)..]);
    }

    /// <summary>
    /// The user's home directory (NuGet's package folder lives there) is written <c>~</c>; line ends are LF; what
    /// changes from run to run is written <c>…</c>: <c>#!time</c>'s duration and the name of .NET Interactive's
    /// per-restore project folder.
    /// </summary>
    private static string Clean(string text)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (home.Length > 1)
            text = text.Replace(home, "~", StringComparison.Ordinal);
        text = WallTime().Replace(text, "Wall time: …ms");
        return RestoreProject().Replace(text, "/.packagemanagement/nuget/Projects/…/");
    }

    [GeneratedRegex(@"Wall time: [0-9.]+ms")]
    private static partial Regex WallTime();

    [GeneratedRegex(@"/\.packagemanagement/nuget/Projects/[^/]+/")]
    private static partial Regex RestoreProject();

    /// <summary>nbformat stores multi-line text as a list of lines or as one string.</summary>
    private static string Text(JsonNode? text) =>
        text switch
        {
            null => "",
            JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
            _ => text.GetValue<string>(),
        };
}
