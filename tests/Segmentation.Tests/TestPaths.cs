namespace Segmentation.Tests;

/// <summary>Locations in the repository, found by walking up from the test binaries (never hard-coded).</summary>
public static class TestPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The folder that holds Segmentation.sln.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A path below the repository root, e.g. <c>TestPaths.InRepo("data", "sample")</c>.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    private static string FindRoot()
    {
        for (
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            directory is not null;
            directory = directory.Parent
        )
        {
            if (File.Exists(Path.Combine(directory.FullName, "Segmentation.sln")))
                return directory.FullName;
        }
        throw new DirectoryNotFoundException($"no folder containing Segmentation.sln above {AppContext.BaseDirectory}");
    }
}
