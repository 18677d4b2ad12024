using System.Text.Json;
using System.Text.Json.Nodes;

namespace Segmentation.Kernel.Tests.ConformanceHarness;

/// <summary>
/// The conformance corpus (<c>conformance/*.ipynb</c>, every notebook in the folder) under the workspace kernel and
/// under .NET Interactive 1.0.712001, compared cell by cell: the same outputs (kinds, mime types, deterministic text),
/// or a difference listed in <c>conformance/differences.json</c> with its reason — exactly as it occurs. A listed
/// difference that no longer occurs fails too, so the list stays true.
/// </summary>
public sealed class ConformanceTests(ReferenceRuns runs) : IClassFixture<ReferenceRuns>
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var path in ReferenceRuns.Notebooks())
            data.Add(Path.GetFileNameWithoutExtension(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_cell_gives_the_same_outputs_under_both_kernels_or_a_listed_difference(string notebook)
    {
        var differences = Differences.Load();
        var applied = new Dictionary<string, int>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (id, ours, reference) in Compare(notebook, differences, applied))
        {
            var listed = differences.Cells.SingleOrDefault(c => c.Notebook == notebook && c.Cell == id);
            if (ours.SequenceEqual(reference))
            {
                if (listed is not null)
                    problems.Add(
                        $"{notebook}/{id}: listed as different ({listed.Reason}) but both kernels give:\n  "
                            + $"{string.Join("\n  ", ours)}"
                    );
                continue;
            }
            if (listed is null)
            {
                problems.Add($"{notebook}/{id}: unlisted difference\n{Entry(notebook, id, ours, reference)}");
            }
            else if (!listed.Ours.SequenceEqual(ours) || !listed.Reference.SequenceEqual(reference))
            {
                problems.Add(
                    $"{notebook}/{id}: the difference is no longer the listed one; "
                        + $"now\n{Entry(notebook, id, ours, reference)}"
                );
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n\n", problems));
    }

    [Fact]
    public void Every_listed_difference_names_a_cell_of_the_corpus_and_every_rule_still_applies()
    {
        var differences = Differences.Load();
        var applied = new Dictionary<string, int>(StringComparer.Ordinal);
        var cells = new HashSet<(string, string)>();
        foreach (var path in ReferenceRuns.Notebooks())
        {
            var notebook = Path.GetFileNameWithoutExtension(path);
            foreach (var (id, _, _) in Compare(notebook, differences, applied))
                cells.Add((notebook, id));
        }

        Assert.Empty(differences.Rules.Keys.Except(CellOutputs.KnownRules));
        var rulesNotApplied = differences.Rules.Keys.Where(rule => !applied.ContainsKey(rule)).ToList();
        Assert.Empty(rulesNotApplied);
        Assert.Empty(
            differences.Cells.Where(c => !cells.Contains((c.Notebook, c.Cell))).Select(c => $"{c.Notebook}/{c.Cell}")
        );
        Assert.Empty(
            differences
                .Cells.Where(c => !differences.Reasons.ContainsKey(c.Reason))
                .Select(c => $"{c.Notebook}/{c.Cell}: {c.Reason}")
        );
        var reasonsNotUsed = differences
            .Reasons.Keys.Where(key => differences.Cells.All(c => c.Reason != key))
            .ToList();
        Assert.Empty(reasonsNotUsed);
        Assert.Equal(differences.Cells.Count, differences.Cells.Select(c => (c.Notebook, c.Cell)).Distinct().Count());
    }

    /// <summary>Each code cell's outputs on both sides, matched by cell id.</summary>
    private IEnumerable<(string Id, IReadOnlyList<string> Ours, IReadOnlyList<string> Reference)> Compare(
        string notebook,
        Differences differences,
        Dictionary<string, int> applied
    )
    {
        var rules = differences.Rules.Keys.ToHashSet(StringComparer.Ordinal);
        var reference = runs.Reference[notebook]["cells"]!
            .AsArray()
            .Select(c => c!)
            .ToDictionary(c => c["id"]!.GetValue<string>(), StringComparer.Ordinal);
        foreach (
            var cell in runs.Ours[notebook]["cells"]!
                .AsArray()
                .Select(c => c!)
                .Where(c => c["cell_type"]!.GetValue<string>() == "code")
        )
        {
            var id = cell["id"]?.GetValue<string>()
                ?? throw new InvalidOperationException($"{notebook}: every corpus cell needs an id");
            var noRules = new HashSet<string>();
            yield return (
                id,
                CellOutputs.Describe(cell, reference: false, noRules, applied),
                CellOutputs.Describe(reference[id], reference: true, rules, applied)
            );
        }
    }

    private static string Entry(
        string notebook,
        string id,
        IReadOnlyList<string> ours,
        IReadOnlyList<string> reference
    ) =>
        new JsonObject
        {
            ["notebook"] = notebook,
            ["cell"] = id,
            ["reason"] = "?",
            ["ours"] = new JsonArray([.. ours.Select(l => (JsonNode)l)]),
            ["reference"] = new JsonArray([.. reference.Select(l => (JsonNode)l)]),
        }.ToJsonString(
            new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }
        );
}

/// <summary>
/// <c>conformance/differences.json</c>: the rules that apply to every cell (name → reason), the reasons by key, and the
/// cells whose outputs differ deliberately, with both sides' outputs as the comparison describes them.
/// </summary>
public sealed record Differences(
    IReadOnlyDictionary<string, string> Rules,
    IReadOnlyDictionary<string, string> Reasons,
    IReadOnlyList<ListedCell> Cells
)
{
    public static Differences Load()
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(ReferenceRuns.Folder, "differences.json")))!;
        var rules = root["rules"]!
            .AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        var reasons = root["reasons"]!
            .AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
        var cells = root["cells"]!
            .AsArray()
            .Select(c => new ListedCell(
                c!["notebook"]!.GetValue<string>(),
                c["cell"]!.GetValue<string>(),
                c["reason"]!.GetValue<string>(),
                [.. c["ours"]!.AsArray().Select(l => l!.GetValue<string>())],
                [.. c["reference"]!.AsArray().Select(l => l!.GetValue<string>())]
            ))
            .ToList();
        return new Differences(rules, reasons, cells);
    }
}

/// <summary>One cell that differs on purpose: both sides' outputs and the key of the reason.</summary>
public sealed record ListedCell(
    string Notebook,
    string Cell,
    string Reason,
    IReadOnlyList<string> Ours,
    IReadOnlyList<string> Reference
);
