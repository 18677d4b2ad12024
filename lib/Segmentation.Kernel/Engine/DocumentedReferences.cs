using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace Segmentation.Kernel.Engine;

/// <summary>
/// Metadata references that carry XML documentation, for completion and inspection: an assembly's
/// docs are the <c>.xml</c> beside it (the workspace's own libraries) or, for the .NET runtime, the
/// one in the SDK's reference pack (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;n&gt;</c>).
/// </summary>
internal static class DocumentedReferences
{
    private static readonly ConcurrentDictionary<string, MetadataReference> ByPath = new(StringComparer.Ordinal);

    private static readonly Lazy<string?> ReferencePack = new(FindReferencePack);

    /// <summary>The host's trusted platform assemblies (runtime and application dependencies).</summary>
    public static ImmutableArray<MetadataReference> Platform { get; } =
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(p))
            .DistinctBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal)
            .Select(FromFile)
            .ToImmutableArray();

    /// <summary>A cached reference to an assembly file, with its documentation when found.</summary>
    public static MetadataReference FromFile(string path) => ByPath.GetOrAdd(path, p =>
    {
        var docs = DocumentationFile(p);
        return MetadataReference.CreateFromFile(p, documentation: docs is null ? null : new XmlDocumentationFile(docs));
    });

    /// <summary>Assemblies loaded since start-up from files outside the platform list (e.g. <c>#r</c> packages).</summary>
    public static IEnumerable<MetadataReference> LoadedOutsidePlatform(IReadOnlySet<string> known) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => !a.IsDynamic && a.Location.Length > 0 && !known.Contains(a.Location) && File.Exists(a.Location))
            .Select(a => a.Location)
            .Order(StringComparer.Ordinal)
            .Select(FromFile);

    private static string? DocumentationFile(string assemblyPath)
    {
        var beside = Path.ChangeExtension(assemblyPath, ".xml");
        if (File.Exists(beside)) return beside;
        if (ReferencePack.Value is not { } pack) return null;
        var packed = Path.Combine(pack, Path.GetFileNameWithoutExtension(assemblyPath) + ".xml");
        return File.Exists(packed) ? packed : null;
    }

    /// <summary>The newest reference pack of the running major version, found from the runtime directory.</summary>
    private static string? FindReferencePack()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var dotnetRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtime)));
        if (dotnetRoot is null) return null;
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) return null;
        var major = Environment.Version.Major;
        var target = $"net{major}.0";
        return Directory.GetDirectories(packs)
            .Select(d => (Directory: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
            .Where(x => x.Version?.Major == major && Directory.Exists(Path.Combine(x.Directory, "ref", target)))
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Directory, "ref", target))
            .FirstOrDefault();
    }
}
