using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// Documentation comments of one assembly from its XML file, read on first use (the compiler's
/// layer has no XML provider of its own; the Workspaces one would be a whole extra package).
/// </summary>
internal sealed class XmlDocumentationFile(string path) : DocumentationProvider
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> members = new(() => Load(path));

    protected override string GetDocumentationForSymbol(
        string documentationMemberID,
        CultureInfo preferredCulture,
        CancellationToken cancellationToken = default
    ) => this.members.Value.TryGetValue(documentationMemberID, out var xml) ? xml : "";

    public override bool Equals(object? obj) => obj is XmlDocumentationFile other && other.Path == Path;

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Path);

    private string Path { get; } = path;

    private static Dictionary<string, string> Load(string path)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var document = XDocument.Load(path, LoadOptions.None);
            foreach (var member in document.Descendants("member"))
            {
                if (member.Attribute("name")?.Value is { } name)
                    members[name] = member.ToString(SaveOptions.DisableFormatting);
            }
        }
        catch (XmlException)
        {
            // A broken documentation file means no documentation, not a broken editor.
        }
        catch (IOException)
        {
            // Likewise for a file that vanished.
        }
        return members;
    }
}
