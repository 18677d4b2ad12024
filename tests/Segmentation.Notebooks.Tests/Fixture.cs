namespace Segmentation.Notebooks.Tests;

/// <summary>Files under Fixtures/ (copied next to the test assembly).</summary>
internal static class Fixture
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(Path(name));
}
