using Segmentation.Testing;

namespace Segmentation.Tests.Cli;

/// <summary>seg score with the model seg segment fitted on the sample assigns every customer to the segment seg segment
/// gave it.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("seg-score-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void Scoring_the_training_data_gives_the_segments_of_seg_segment_and_lists_the_rest_with_reasons()
    {
        var model = Path.Combine(output, "model");
        var scored = Path.Combine(output, "scored");
        var segment = SegProcess.Run(["segment", .. SegProcess.SampleInputs, "--k", "6", "--out", model]);
        Assert.True(segment.Code == 0, segment.Error);

        var score = SegProcess.Run(["score", "--model", model, .. SegProcess.SampleInputs, "--out", scored]);

        Assert.True(score.Code == 0, score.Error);
        var expected = File.ReadLines(Path.Combine(model, "assignments.csv"))
            .Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(f => f[0], f => f[1]);
        var rows = File.ReadLines(Path.Combine(scored, "assignments.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var assigned = rows.Where(r => r[1].Length > 0).ToDictionary(r => r[0], r => r[1]);
        Assert.Equal(
            expected.OrderBy(kv => kv.Key, StringComparer.Ordinal),
            assigned.OrderBy(kv => kv.Key, StringComparer.Ordinal)
        );
        var unscored = rows.Where(r => r[1].Length == 0).ToList();
        Assert.NotEmpty(unscored);
        Assert.All(unscored, r => Assert.StartsWith("no clean purchase on or before", r[4], StringComparison.Ordinal));
        Assert.Equal(File.ReadLines(TestPaths.Sample("customers.csv")).Count() - 1, rows.Count);
        Assert.All(File.ReadLines(Path.Combine(scored, "migration.csv")).Skip(1).Select(l => l.Split(',')), m =>
            Assert.Equal(m[0], m[1])
        );
        Assert.True(File.Exists(Path.Combine(scored, "run.json")));
    }

    [Fact]
    public void A_folder_without_a_model_is_a_one_line_error()
    {
        var (code, _, error) = SegProcess.Run(
            "score",
            "--model",
            output,
            "--input",
            TestPaths.Sample("transactions.csv"),
            "--out",
            Path.Combine(output, "x")
        );

        Assert.Equal(2, code);
        Assert.Equal($"seg: {Path.Combine(output, "model.json")}: model file not found", error.TrimEnd());
    }
}
