namespace Segmentation.Testing;

/// <summary>
/// Locations in the repository, found by walking up to the folder that holds Segmentation.sln (never hard-coded): the
/// one place every test project and the benchmarks find the repository and its walkthrough notebooks.
/// </summary>
public static class TestPaths
{
    private const string Solution = "Segmentation.sln";

    private static readonly Lazy<string> Root = new(() =>
        FindRoot(AppContext.BaseDirectory)
        ?? throw new DirectoryNotFoundException($"no folder containing {Solution} above {AppContext.BaseDirectory}")
    );

    /// <summary>The folder that holds Segmentation.sln, above the test binaries.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>A path below the repository root, e.g. <c>TestPaths.InRepo("data", "sample")</c>.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    /// <summary>A file of the bundled sample data set (<c>data/sample/</c>), e.g.
    /// <c>TestPaths.Sample("transactions.csv")</c>.</summary>
    public static string Sample(string file) => InRepo("data", "sample", file);

    /// <summary>The walkthrough notebooks' folder: <c>notebooks/</c>, or its translation (e.g.
    /// <c>notebooks/zh-CN/</c>).</summary>
    public static string NotebooksDirectory(string? language = null) =>
        language is null ? InRepo("notebooks") : InRepo("notebooks", language);

    /// <summary>The file names of the walkthrough notebooks (<c>*.ipynb</c>), in ordinal order (01, 02, …
    /// 07).</summary>
    public static IReadOnlyList<string> WalkthroughNotebooks(string? language = null) =>
        NotebookNames(NotebooksDirectory(language));

    /// <summary>The file names of the notebooks (<c>*.ipynb</c>) in <paramref name="directory"/>, in ordinal
    /// order.</summary>
    public static IReadOnlyList<string> NotebookNames(string directory) =>
        Directory
            .GetFiles(directory, "*.ipynb")
            .Select(p => Path.GetFileName(p))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The folder at or above <paramref name="start"/> that holds Segmentation.sln, or null.</summary>
    public static string? FindRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Solution)))
                return directory.FullName;
        }
        return null;
    }
}
