using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// What every cell can use without <c>#r</c>: the host's trusted platform assemblies (the .NET
/// runtime plus the host application's own dependencies: the Segmentation library, Plotly.NET,
/// Microsoft.Data.Analysis, DuckDB.NET, …). Metadata references are shared by all sessions.
/// </summary>
internal static class PlatformReferences
{
    private static readonly ConcurrentDictionary<string, MetadataReference> ByPath = new(StringComparer.Ordinal);

    private static readonly Lazy<IReadOnlyDictionary<string, string>> PathsByName = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(p))
            .GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase));

    private static readonly Lazy<ImmutableArray<MetadataReference>> All = new(() =>
        PathsByName.Value.Values.Order(StringComparer.Ordinal).Select(FromFile).ToImmutableArray());

    /// <summary>References to every trusted platform assembly.</summary>
    public static ImmutableArray<MetadataReference> References => All.Value;

    /// <summary>The path of the host's assembly with this simple name, or null.</summary>
    public static string? PathOf(string simpleName) => PathsByName.Value.GetValueOrDefault(simpleName);

    /// <summary>A (cached) metadata reference to an assembly file.</summary>
    public static MetadataReference FromFile(string path) => ByPath.GetOrAdd(path, p => MetadataReference.CreateFromFile(p));
}
