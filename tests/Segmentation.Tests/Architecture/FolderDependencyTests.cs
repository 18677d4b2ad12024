using System.Reflection;
using NetArchTest.Rules;
using Segmentation.Segmenting;
using Segmentation.Testing;

namespace Segmentation.Tests.Architecture;

/// <summary>
/// The folder dependency graph of the library, as written in docs/architecture.md (the one place the rules live),
/// checked against the compiled assembly: type references in signatures and method bodies, not only <c>using</c> lines.
/// </summary>
public sealed class FolderDependencyTests
{
    private const string Root = "Segmentation";
    private static readonly Assembly Library = typeof(ISegmenter).Assembly;
    private static readonly Lazy<ArchitectureRules> Rules = new(() =>
        ArchitectureRules.Read(TestPaths.InRepo("docs", "architecture.md"))
    );

    [Fact]
    public void Every_folder_uses_only_the_folders_its_row_allows_apart_from_the_named_exceptions()
    {
        var rules = Rules.Value;
        var found = new List<(string Type, string Folder)>();
        foreach (var folder in rules.Folders)
        {
            foreach (var other in rules.Folders.Where(f => f != folder && !rules.Allowed[folder].Contains(f)))
            {
                var users = Types
                    .InAssembly(Library)
                    .That()
                    .ResideInNamespaceMatching($@"^{Root}\.{folder}(\..+)?$")
                    .And()
                    .HaveDependencyOnAny($"{Root}.{other}")
                    .GetTypes();
                found.AddRange(users.Select(t => (Outermost(t.FullName), other)));
            }
        }
        var forbidden = found
            .Distinct()
            .Where(edge => !rules.Exceptions.Contains(edge))
            .Select(edge => $"{edge.Type} uses {edge.Folder}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var stale = rules
            .Exceptions.Where(edge => !found.Contains(edge))
            .Select(edge => $"{edge.Type} → {edge.Folder}")
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(
            forbidden.Count == 0,
            "uses against docs/architecture.md (move the code, or — only for a large move — add a known exception):\n  "
                + string.Join("\n  ", forbidden)
        );
        Assert.True(
            stale.Count == 0,
            "known exceptions the code no longer needs; remove them from docs/architecture.md:\n  "
                + string.Join("\n  ", stale)
        );
    }

    /// <summary>An unused <c>using</c> leaves no trace in the assembly, so the source is read too.</summary>
    [Fact]
    public void No_source_file_has_a_using_of_a_folder_its_row_forbids()
    {
        var rules = Rules.Value;
        var library = TestPaths.InRepo("lib", "Segmentation");
        var forbidden = new List<string>();
        foreach (var folder in rules.Folders)
        {
            var directory = Path.Combine(library, folder);
            if (!Directory.Exists(directory))
                continue;
            foreach (var file in Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(library, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                    continue;
                var type = Root + "." + relative[..^3].Replace(Path.DirectorySeparatorChar, '.');
                foreach (
                    var line in File.ReadLines(file)
                        .Select(l => l.Trim())
                        .Where(l => l.StartsWith("using ", StringComparison.Ordinal))
                )
                {
                    var name = line["using ".Length..]
                        .Replace("static ", "", StringComparison.Ordinal)
                        .TrimEnd(';')
                        .Trim();
                    if (!name.StartsWith(Root + ".", StringComparison.Ordinal))
                        continue;
                    var used = name[(Root.Length + 1)..].Split('.')[0];
                    if (
                        used != folder
                        && rules.Folders.Contains(used)
                        && !rules.Allowed[folder].Contains(used)
                        && !rules.Exceptions.Contains((type, used))
                    )
                        forbidden.Add($"{relative}: {line}");
                }
            }
        }

        Assert.True(forbidden.Count == 0, "usings against docs/architecture.md:\n  " + string.Join("\n  ", forbidden));
    }

    [Fact]
    public void The_allowed_graph_only_points_up_the_table_so_it_has_no_back_edge_and_no_cycle()
    {
        var rules = Rules.Value;
        var backEdges = rules
            .Folders.SelectMany(
                (folder, row) =>
                    rules
                        .Allowed[folder]
                        .Where(used => rules.Folders.IndexOf(used) < 0 || rules.Folders.IndexOf(used) >= row)
                        .Select(used => $"{folder} → {used}")
            )
            .ToList();

        Assert.Empty(backEdges);
    }

    [Fact]
    public void Every_namespace_of_the_library_belongs_to_a_folder_in_the_table()
    {
        var rules = Rules.Value;
        var unknown = Library
            .GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Distinct()
            .Where(ns =>
                ns != Root
                && !ns.StartsWith("<", StringComparison.Ordinal)
                && ns.StartsWith(Root + ".", StringComparison.Ordinal)
            )
            .Where(ns => !rules.Folders.Contains(ns[(Root.Length + 1)..].Split('.')[0]))
            .ToList();

        Assert.Empty(unknown);
    }

    [Fact]
    public void The_library_references_none_of_its_callers()
    {
        var callers = Library
            .GetReferencedAssemblies()
            .Select(a => a.Name)
            .Where(n => n is "Segmentation.Cli" or "Segmentation.Notebooks" or "Segmentation.Kernel")
            .ToList();

        Assert.Empty(callers);
    }

    /// <summary>Inside Data, the rules (Cleaning) and the SQL dialects (Sql) stand before the readers (Loading): no
    /// back edge.</summary>
    [Theory]
    [InlineData("Cleaning", "Loading")]
    [InlineData("Sql", "Loading")]
    [InlineData("Sql", "Cleaning")]
    [InlineData("Warehouse", "Loading")]
    public void Inside_data_the_declarations_do_not_use_the_readers(string folder, string forbidden)
    {
        var users = Types
            .InAssembly(Library)
            .That()
            .ResideInNamespaceMatching($@"^{Root}\.Data\.{folder}(\..+)?$")
            .And()
            .HaveDependencyOnAny($"{Root}.Data.{forbidden}")
            .GetTypes()
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(users);
    }

    /// <summary>Nested and compiler-generated types count as the type that declares them.</summary>
    private static string Outermost(string fullName) => fullName.Split('/', '+')[0];

    /// <summary>The two tables of docs/architecture.md: allowed dependencies per folder (in flow order) and known
    /// exceptions.</summary>
    private sealed record ArchitectureRules(
        List<string> Folders,
        Dictionary<string, HashSet<string>> Allowed,
        HashSet<(string Type, string Folder)> Exceptions
    )
    {
        public static ArchitectureRules Read(string path)
        {
            var lines = File.ReadAllLines(path);
            var allowedRows = Table(lines, "| folder | may use |");
            var folders = allowedRows.Select(r => r[0]).ToList();
            var allowed = allowedRows.ToDictionary(
                r => r[0],
                r => r[1] == "—" ? [] : r[1].Split(',', StringSplitOptions.TrimEntries).ToHashSet()
            );
            var exceptions = Table(lines, "| type | uses | why it is still there |")
                .Select(r => (r[0], r[1]))
                .ToHashSet();
            Assert.NotEmpty(folders);
            return new ArchitectureRules(folders, allowed, exceptions);
        }

        private static List<string[]> Table(string[] lines, string header)
        {
            var start = Array.IndexOf(lines, header);
            Assert.True(start >= 0, $"docs/architecture.md has no table headed '{header}'");
            return lines
                .Skip(start + 2)
                .TakeWhile(l => l.StartsWith('|'))
                .Select(l => l.Trim('|').Split('|', StringSplitOptions.TrimEntries))
                .ToList();
        }
    }
}
