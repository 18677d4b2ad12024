using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// Lets the default load context find NuGet package assemblies that cells brought in with <c>#r</c>
/// (e.g. the F# dependencies of a Plotly.NET restored from NuGet, which the host does not carry), so
/// each package is loaded once, in the default context, whoever asks for it. Installed once per
/// process; resolves only simple names registered here. Project outputs are not registered: each
/// session loads its own snapshot, so a rebuilt project is seen by the next session.
/// </summary>
internal static class AssemblyResolution
{
    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.OrdinalIgnoreCase);
    private static int installed;

    /// <summary>Makes the assemblies findable by simple name.</summary>
    public static void Register(IEnumerable<string> assemblyPaths)
    {
        foreach (var path in assemblyPaths)
            Known.TryAdd(Path.GetFileNameWithoutExtension(path), path);
        if (Interlocked.Exchange(ref installed, 1) == 0)
            AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name) =>
        name.Name is { } simple && Known.TryGetValue(simple, out var path) && File.Exists(path)
            ? context.LoadFromAssemblyPath(path)
            : null;
}
