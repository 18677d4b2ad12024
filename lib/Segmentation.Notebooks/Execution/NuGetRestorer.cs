using System.Globalization;
using System.Security;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// Resolves <c>#r "nuget: Name, Version"</c>: restores a generated one-package project with the
/// machine's normal NuGet configuration (so a package already in the global packages folder needs
/// no network) and reads the runtime assemblies from its assets file. Each name + version gets its
/// own directory under the cache; a second use reads the existing assets file.
/// </summary>
internal sealed class NuGetRestorer(string cacheDirectory)
{
    private readonly List<string> sources = [];

    /// <summary>Adds a package source (<c>#i</c>) that later restores search besides the machine's configured
    /// ones.</summary>
    public void AddSource(string source)
    {
        lock (sources)
        {
            if (!sources.Contains(source, StringComparer.Ordinal))
                sources.Add(source);
        }
    }

    public async Task<IReadOnlyList<string>> RestoreAsync(
        string name,
        string? version,
        CancellationToken cancellationToken
    )
    {
        var folder = Path.Combine(cacheDirectory, "nuget", Safe(name), Safe(version ?? "latest"));
        using var _ = await DirectoryLock.AcquireAsync(folder, cancellationToken).ConfigureAwait(false);
        var project = Path.Combine(folder, "Restore.csproj");
        var assets = Path.Combine(folder, "obj", "project.assets.json");
        string[] extra;
        lock (sources)
            extra = [.. sources];
        var text = ProjectText(name, version, extra);
        if (!File.Exists(assets) || !File.Exists(project) || File.ReadAllText(project) != text)
        {
            await File.WriteAllTextAsync(project, text, cancellationToken).ConfigureAwait(false);
            await DotnetCli
                .RunAsync(
                    $"#r \"nuget: {name}{(version is null ? "" : ", " + version)}\": restore",
                    folder,
                    [
                        "restore",
                        project,
                        "--nologo",
                        "-v",
                        "quiet",
                        "-p:ImportDirectoryBuildProps=false",
                        "-p:ImportDirectoryPackagesProps=false",
                    ],
                    cancellationToken
                )
                .ConfigureAwait(false);
        }
        return AssetsFile.RuntimeAssemblies(assets);
    }

    private static string ProjectText(string name, string? version, IReadOnlyList<string> extraSources)
    {
        var sourcesProperty =
            extraSources.Count == 0
                ? ""
                : "\n    <RestoreAdditionalProjectSources>"
                    + $"{SecurityElement.Escape(string.Join(';', extraSources))}</RestoreAdditionalProjectSources>";
        var framework = string.Create(
            CultureInfo.InvariantCulture,
            $"net{Environment.Version.Major}.{Environment.Version.Minor}"
        );
        var range =
            version is null ? "*"
            : version.Contains('[', StringComparison.Ordinal)
            || version.Contains('(', StringComparison.Ordinal)
            || version.Contains('*', StringComparison.Ordinal)
                ? version
            : $"[{version}]";
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>{framework}</TargetFramework>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
                <NoWarn>$(NoWarn);NU1603;NU1701;NU1608</NoWarn>
                <TreatWarningsAsErrors>false</TreatWarningsAsErrors>{sourcesProperty}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{SecurityElement.Escape(name)}" Version="{SecurityElement.Escape(range)}" />
              </ItemGroup>
            </Project>

            """;
    }

    private static string Safe(string part) =>
        string.Concat(part.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
}
