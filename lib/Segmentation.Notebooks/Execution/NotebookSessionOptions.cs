using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Segmentation.Notebooks.Execution;

/// <summary>Settings of a <see cref="NotebookSession"/>. Validated once, by <see cref="Validate"/>.</summary>
public sealed partial record NotebookSessionOptions
{
    /// <summary>The notebook's directory: base of relative <c>#r</c> paths and of the workspace search. Default: the
    /// current directory.</summary>
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Longest time one cell may run; null for no limit.</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Prefix of element ids and display ids the session generates (unique per document when several notebooks
    /// share a page).</summary>
    public string OutputIdPrefix { get; init; } = "seg";

    /// <summary>
    /// The language the session's cells write for people in: <see cref="Segmentation.Common.Text.Language.Current"/>
    /// while a cell runs, so chart titles, axis labels and result tables follow it without any argument in the cells.
    /// Default English.
    /// </summary>
    public Segmentation.Common.Text.Language Language { get; init; } = Segmentation.Common.Text.Language.English;

    /// <summary>The DuckDB database of <c>#!sql</c> cells and <c>Sql</c>: a file path or <c>:memory:</c>.</summary>
    public string DatabasePath { get; init; } = ":memory:";

    /// <summary>Where NuGet restores and project snapshots are cached. Default:
    /// <c>$XDG_CACHE_HOME/segmentation-notebooks</c> or <c>~/.cache/segmentation-notebooks</c>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>The project <c>#r "workspace"</c> builds. Default: <c>lib/Segmentation/Segmentation.csproj</c> in the
    /// nearest ancestor of <see cref="BaseDirectory"/> that has one.</summary>
    public string? WorkspaceProject { get; init; }

    /// <summary>Build configuration for <c>#r "project:…"</c> and <c>#r "workspace"</c>. Default: the configuration the
    /// host's Segmentation library was built in.</summary>
    public string? BuildConfiguration { get; init; }

    /// <summary>
    /// Asks the user for one line (prompt, password?) through the frontend: <c>Kernel.GetInputAsync</c>, <c>@input:</c>
    /// and <c>@password:</c> call it. Null (the headless runner) makes them fail with a one-line message.
    /// </summary>
    public Func<string, bool, string>? ReadInput { get; init; }

    /// <summary>Checks every setting; throws <see cref="OptionsException"/> naming the setting and the value.</summary>
    public NotebookSessionOptions Validate()
    {
        if (string.IsNullOrWhiteSpace(BaseDirectory) || !Directory.Exists(BaseDirectory))
            throw new OptionsException($"baseDirectory='{BaseDirectory}' must be an existing directory");
        if (CellTimeout is { } timeout && timeout <= TimeSpan.Zero)
            throw new OptionsException(
                string.Create(CultureInfo.InvariantCulture, $"cellTimeout={timeout.TotalSeconds} s must be > 0 s")
            );
        if (!IdPrefix().IsMatch(OutputIdPrefix))
            throw new OptionsException(
                $"outputIdPrefix='{OutputIdPrefix}' must be a letter followed by letters, digits, '-' or '_'"
            );
        ArgumentNullException.ThrowIfNull(Language);
        if (string.IsNullOrWhiteSpace(DatabasePath))
            throw new OptionsException("databasePath='' must be a file path or ':memory:'");
        return this;
    }

    /// <summary>The cache directory in effect.</summary>
    internal string EffectiveCacheDirectory =>
        CacheDirectory
        ?? Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "segmentation-notebooks"
        );

    /// <summary>The build configuration in effect.</summary>
    internal string EffectiveBuildConfiguration =>
        BuildConfiguration
        ?? typeof(SegmentationException).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? "Debug";

    /// <summary>The workspace project in effect, or null when none is found.</summary>
    internal string? EffectiveWorkspaceProject()
    {
        if (WorkspaceProject is not null)
            return Path.GetFullPath(WorkspaceProject, BaseDirectory);
        for (var directory = new DirectoryInfo(BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "lib", "Segmentation", "Segmentation.csproj");
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]*$")]
    private static partial Regex IdPrefix();
}
