using System.Text.Json.Nodes;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// Resolves <c>#r "project: path"</c> and <c>#r "workspace"</c>: builds the project with
/// <c>dotnet build</c> (incremental: quick when up to date), then references its output and its
/// dependency closure, so a cell always sees the current source. Project outputs are snapshotted by
/// content under the cache; packages are referenced in the NuGet packages folder. When the host
/// already carries an assembly of the project (e.g. the Segmentation library inside <c>seg</c>),
/// that copy is the one that runs, so it must be the same build: otherwise the reference fails and
/// says to restart the host.
/// </summary>
internal sealed class ProjectBuilder(string cacheDirectory, string configuration)
{
    public async Task<IReadOnlyList<string>> BuildAsync(
        string projectPath,
        string directive,
        CancellationToken cancellationToken
    )
    {
        var lockFolder = Path.Combine(
            cacheDirectory,
            "builds",
            Convert.ToHexString(
                System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(projectPath))
            )[..16]
        );
        string output;
        using (await DirectoryLock.AcquireAsync(lockFolder, cancellationToken).ConfigureAwait(false))
        {
            output = await DotnetCli
                .RunAsync(
                    $"{directive}: build of {projectPath}",
                    Path.GetDirectoryName(projectPath)!,
                    [
                        "build",
                        projectPath,
                        "-c",
                        configuration,
                        "--nologo",
                        "-v",
                        "quiet",
                        "-nodeReuse:false",
                        "-t:Build",
                        "-getProperty:TargetPath",
                        "-getProperty:ProjectAssetsFile",
                    ],
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
        var properties = ParseProperties(output, directive);
        var targetPath = properties["TargetPath"];
        var references = new List<string>();
        foreach (var assembly in ProjectAssemblies(targetPath))
        {
            var name = Path.GetFileNameWithoutExtension(assembly);
            if (PlatformReferences.PathOf(name) is { } hosted)
            {
                if (AssemblyFiles.Mvid(hosted) != AssemblyFiles.Mvid(assembly))
                {
                    throw new ReferenceResolutionException(
                        $"{directive}: {name} has changed since this process started; the process runs "
                            + $"{hosted} and the current source builds {assembly}. "
                            + "Restart the kernel, or rebuild and rerun seg, to use the current source."
                    );
                }
                continue;
            }
            references.Add(AssemblyFiles.Snapshot(assembly, Path.Combine(cacheDirectory, "assemblies")));
        }
        if (properties.TryGetValue("ProjectAssetsFile", out var assets) && File.Exists(assets))
        {
            var packages = AssetsFile
                .RuntimeAssemblies(assets)
                .Where(p => PlatformReferences.PathOf(Path.GetFileNameWithoutExtension(p)) is null)
                .ToList();
            AssemblyResolution.Register(packages);
            references.AddRange(packages);
        }
        return references;
    }

    /// <summary>The project's own assembly and those of the projects it references (from its deps.json).</summary>
    private static IEnumerable<string> ProjectAssemblies(string targetPath)
    {
        var directory = Path.GetDirectoryName(targetPath)!;
        var deps = Path.ChangeExtension(targetPath, ".deps.json");
        var files = new List<string> { targetPath };
        if (!File.Exists(deps))
            return files;
        var root = JsonNode.Parse(File.ReadAllText(deps));
        var libraries = root?["libraries"] as JsonObject ?? [];
        var target = (root?["targets"] as JsonObject)?.FirstOrDefault().Value as JsonObject ?? [];
        foreach (var (key, value) in target)
        {
            if (libraries[key]?["type"]?.GetValue<string>() != "project" || value?["runtime"] is not JsonObject runtime)
                continue;
            foreach (var (file, _) in runtime)
            {
                var path = Path.Combine(directory, Path.GetFileName(file));
                if (File.Exists(path) && !files.Contains(path, StringComparer.Ordinal))
                    files.Add(path);
            }
        }
        return files;
    }

    private static Dictionary<string, string> ParseProperties(string output, string directive)
    {
        var start = output.IndexOf('{', StringComparison.Ordinal);
        var json = start >= 0 ? JsonNode.Parse(output[start..]) : null;
        var properties =
            json?["Properties"] as JsonObject
            ?? throw new ReferenceResolutionException($"{directive}: dotnet build did not report the output path");
        return properties
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
    }
}
