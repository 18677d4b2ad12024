namespace Segmentation.Notebooks.Execution;

/// <summary>Turns a cell's <c>#r</c> directives into assembly files to reference (restoring and building as
/// needed).</summary>
internal sealed class ReferenceResolver(NotebookSessionOptions options)
{
    private readonly NuGetRestorer nuget = new(options.EffectiveCacheDirectory);
    private readonly ProjectBuilder builder = new(options.EffectiveCacheDirectory, options.EffectiveBuildConfiguration);

    /// <summary>Adds <c>#i "nuget: SOURCE"</c> sources (a feed URL or a folder, relative to the notebook) for later
    /// restores.</summary>
    public void AddPackageSources(IReadOnlyList<string> sources)
    {
        foreach (var source in sources)
        {
            var resolved =
                Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile
                    ? source
                    : Path.GetFullPath(source, options.BaseDirectory);
            nuget.AddSource(resolved);
        }
    }

    public async Task<IReadOnlyList<string>> ResolveAsync(
        IReadOnlyList<ReferenceDirective> directives,
        CancellationToken cancellationToken
    )
    {
        var paths = new List<string>();
        foreach (var directive in directives)
        {
            var found = directive.Kind switch
            {
                ReferenceKind.Assembly => AssemblyFile(directive),
                ReferenceKind.NuGet => await Package(directive, cancellationToken).ConfigureAwait(false),
                ReferenceKind.Project => await builder
                    .BuildAsync(ProjectFile(directive), directive.ToString(), cancellationToken)
                    .ConfigureAwait(false),
                _ => await builder
                    .BuildAsync(
                        options.EffectiveWorkspaceProject()
                            ?? throw new ReferenceResolutionException(
                                $"{directive}: no lib/Segmentation/Segmentation.csproj above {options.BaseDirectory}"
                            ),
                        directive.ToString(),
                        cancellationToken
                    )
                    .ConfigureAwait(false),
            };
            paths.AddRange(found.Where(p => !paths.Contains(p, StringComparer.Ordinal)));
        }
        return paths;
    }

    private IReadOnlyList<string> AssemblyFile(ReferenceDirective directive)
    {
        var path = Path.GetFullPath(directive.Value, options.BaseDirectory);
        if (File.Exists(path))
            return [path];
        var simpleName = directive.Value.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
            ? directive.Value[..^4]
            : directive.Value;
        if (
            !directive.Value.Contains('/', StringComparison.Ordinal)
            && !directive.Value.Contains('\\', StringComparison.Ordinal)
            && PlatformReferences.PathOf(simpleName) is not null
        )
        {
            return [];
        }
        throw new ReferenceResolutionException($"{directive}: file not found ({path})");
    }

    private async Task<IReadOnlyList<string>> Package(ReferenceDirective directive, CancellationToken cancellationToken)
    {
        if (directive.Value.Length == 0)
            throw new ReferenceResolutionException($"{directive}: the package name is missing");
        var assemblies = await nuget
            .RestoreAsync(directive.Value, directive.Version, cancellationToken)
            .ConfigureAwait(false);
        var added = assemblies
            .Where(p => PlatformReferences.PathOf(Path.GetFileNameWithoutExtension(p)) is null)
            .ToList();
        AssemblyResolution.Register(added);
        return added;
    }

    private string ProjectFile(ReferenceDirective directive)
    {
        var path = Path.GetFullPath(directive.Value, options.BaseDirectory);
        if (File.Exists(path))
            return path;
        if (Directory.Exists(path))
        {
            var projects = Directory.GetFiles(path, "*.csproj");
            if (projects.Length == 1)
                return projects[0];
            throw new ReferenceResolutionException(
                $"{directive}: {path} has {projects.Length} .csproj files; name one"
            );
        }
        throw new ReferenceResolutionException($"{directive}: no project at {path}");
    }
}
