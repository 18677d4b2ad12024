using Segmentation.Testing;

namespace Segmentation.Tests.Architecture;

/// <summary>
/// The source layout CSharpier cannot enforce on its own: no line of C# under lib/ or tests/ is wider than the
/// print width of .csharpierrc.yaml. CSharpier breaks code at that width but not string literals, names or comments.
/// </summary>
public sealed class SourceLayoutTests
{
    private const int MaxWidth = 120;

    [Fact]
    public void No_line_of_csharp_under_lib_or_tests_is_longer_than_120_characters()
    {
        var root = TestPaths.RepoRoot;
        var wide = new[] { "lib", "tests" }
            .SelectMany(folder =>
                Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories)
            )
            .Select(path => Path.GetRelativePath(root, path))
            .Where(path => !IsBuildOutput(path))
            .Order(StringComparer.Ordinal)
            .SelectMany(path =>
                File.ReadAllLines(Path.Combine(root, path))
                    .Select((line, index) => (Line: index + 1, line.Length))
                    .Where(line => line.Length > MaxWidth)
                    .Select(line => $"{path.Replace('\\', '/')}:{line.Line} ({line.Length} characters)")
            )
            .ToList();

        Assert.True(
            wide.Count == 0,
            $"{wide.Count} lines are longer than {MaxWidth} characters (break them by hand; CSharpier leaves them):\n  "
                + string.Join("\n  ", wide)
        );
    }

    private static bool IsBuildOutput(string relativePath) =>
        relativePath
            .Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)
            .Any(part => part is "bin" or "obj");
}
