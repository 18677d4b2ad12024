using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Execution;

/// <summary>Reads NuGet's <c>project.assets.json</c>: the runtime assemblies of every package a restore
/// resolved.</summary>
internal static class AssetsFile
{
    /// <summary>Full paths of the runtime assemblies of all packages in the first target framework.</summary>
    public static IReadOnlyList<string> RuntimeAssemblies(string assetsPath)
    {
        var root =
            JsonNode.Parse(File.ReadAllText(assetsPath)) as JsonObject
            ?? throw new ReferenceResolutionException($"{assetsPath}: not a NuGet assets file");
        var folders = (root["packageFolders"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
        var libraries = root["libraries"] as JsonObject ?? [];
        var target = (root["targets"] as JsonObject)?.FirstOrDefault().Value as JsonObject ?? [];
        var paths = new List<string>();
        foreach (var (key, value) in target.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (value?["type"]?.GetValue<string>() != "package" || value["runtime"] is not JsonObject runtime)
                continue;
            var folder = libraries[key]?["path"]?.GetValue<string>() ?? key.ToLowerInvariant();
            foreach (var (file, _) in runtime)
            {
                if (!file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    continue;
                var path = folders
                    .Select(f => Path.GetFullPath(Path.Combine(f, folder, file)))
                    .FirstOrDefault(File.Exists)
                    ?? throw new ReferenceResolutionException($"{key}: {file} is not in the NuGet packages folder");
                paths.Add(path);
            }
        }
        return paths;
    }
}
