using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// What every cell can use without <c>#r</c>: the host's trusted platform assemblies (the .NET
/// runtime plus the host application's own dependencies: the Segmentation library, Plotly.NET,
/// Microsoft.Data.Analysis, DuckDB.NET, …). Metadata references are shared by all sessions and carry
/// the assembly's XML documentation for editors: the <c>.xml</c> beside it (the workspace's own
/// libraries) or, for the .NET runtime, the one in the SDK's reference pack
/// (<c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;n&gt;</c>), read on first use.
/// </summary>
internal static class PlatformReferences
{
    private static readonly ConcurrentDictionary<string, MetadataReference> ByPath = new(StringComparer.Ordinal);

    private static readonly Lazy<string?> ReferencePack = new(FindReferencePack);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> PathsByName = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(p))
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase)
    );

    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(() =>
        PathsByName.Value.Values.Order(StringComparer.Ordinal).Select(FromFile).ToImmutableArray()
    );

    /// <summary>References to every trusted platform assembly.</summary>
    public static ImmutableArray<MetadataReference> References => All.Value;

    /// <summary>The path of the host's assembly with this simple name, or null.</summary>
    public static string? PathOf(string simpleName) => PathsByName.Value.GetValueOrDefault(simpleName);

    /// <summary>A (cached) metadata reference to an assembly file, with its documentation when found.</summary>
    public static MetadataReference FromFile(string path) =>
        ByPath.GetOrAdd(path, p =>
            MetadataReference.CreateFromFile(
                p,
                documentation: DocumentationFile(p) is { } docs ? new XmlDocumentationFile(docs) : null
            )
        );

    private static string? DocumentationFile(string assemblyPath)
    {
        var beside = Path.ChangeExtension(assemblyPath, ".xml");
        if (File.Exists(beside))
            return beside;
        if (ReferencePack.Value is not { } pack)
            return null;
        var packed = Path.Combine(pack, Path.GetFileNameWithoutExtension(assemblyPath) + ".xml");
        return File.Exists(packed) ? packed : null;
    }

    /// <summary>The newest reference pack of the running major version, found from the runtime directory.</summary>
    private static string? FindReferencePack()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var dotnetRoot = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtime)));
        if (dotnetRoot is null)
            return null;
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs))
            return null;
        var major = Environment.Version.Major;
        var target = $"net{major}.0";
        return Directory
            .GetDirectories(packs)
            .Select(d =>
                (Directory: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null)
            )
            .Where(x => x.Version?.Major == major && Directory.Exists(Path.Combine(x.Directory, "ref", target)))
            .OrderByDescending(x => x.Version)
            .Select(x => Path.Combine(x.Directory, "ref", target))
            .FirstOrDefault();
    }
}
