using System.Text.Json;
using Segmentation.Testing;

namespace Segmentation.Tests.Cli;

/// <summary>seg segment --config FILE and --print-config: a run file holds a whole run; the command line overrides
/// it.</summary>
public sealed class RunConfigTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("seg-config-").FullName;
    private static string Attributes => TestPaths.InRepo("data", "attributes", "customers.csv");

    public void Dispose() => Directory.Delete(output, recursive: true);

    private string Segment(string name, params string[] args)
    {
        var directory = Path.Combine(output, name);
        var (code, _, error) = SegProcess.Run(["segment", .. args, "--out", directory]);
        Assert.True(code == 0, error);
        return directory;
    }

    [Fact]
    public void The_language_is_written_by_print_config_and_read_back_from_the_run_file()
    {
        var (code, printed, error) = SegProcess.Run([
            "segment",
            "--customers",
            Attributes,
            "--lang",
            "zh-CN",
            "--print-config",
        ]);
        Assert.True(code == 0, error);
        using (var json = JsonDocument.Parse(printed))
            Assert.Equal("zh-CN", json.RootElement.GetProperty("language").GetString());
        var file = Path.Combine(output, "language.json");
        File.WriteAllText(file, printed);
        var (again, reprinted, againError) = SegProcess.Run(["segment", "--config", file, "--print-config"]);
        Assert.True(again == 0, againError);
        Assert.Equal(printed, reprinted);
        var (bad, _, message) = SegProcess.Run([
            "segment",
            "--customers",
            Attributes,
            "--lang",
            "fr",
            "--out",
            Path.Combine(output, "fr"),
        ]);
        Assert.NotEqual(0, bad);
        Assert.Contains("--language=fr must be one of en, zh-CN", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_printed_from_flags_repeats_byte_for_byte_from_its_file()
    {
        string[] flags =
        [
            "--customers",
            Attributes,
            "--features",
            "age,income:log1p+zscore*2,visits_per_month,preferred_channel",
            "--k",
            "4",
            "--seed",
            "7",
        ];
        var (code, printed, error) = SegProcess.Run(["segment", .. flags, "--print-config"]);
        Assert.True(code == 0, error);
        var file = Path.Combine(output, "run-file.json");
        File.WriteAllText(file, printed);
        using (var json = JsonDocument.Parse(printed))
            Assert.Equal(
                "age,income:log1p+zscore*2,visits_per_month,preferred_channel",
                json.RootElement.GetProperty("features").GetString()
            );

        var fromFlags = Segment("flags", flags);
        var fromFile = Segment("file", "--config", file);

        foreach (var name in new[] { "assignments.csv", "model.json", "validation.json", "personas.json" })
            Assert.Equal(
                File.ReadAllBytes(Path.Combine(fromFlags, name)),
                File.ReadAllBytes(Path.Combine(fromFile, name))
            );
        Assert.Contains(
            "\"weight\": 2",
            File.ReadAllText(Path.Combine(fromFile, "model.json")),
            StringComparison.Ordinal
        );

        var fromRecord = Segment("record", "--config", Path.Combine(fromFlags, "run.json"));
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(fromFlags, "assignments.csv")),
            File.ReadAllBytes(Path.Combine(fromRecord, "assignments.csv"))
        );
    }

    [Fact]
    public void The_command_line_overrides_the_run_file_and_objects_and_feature_objects_are_read()
    {
        var file = Path.Combine(output, "run.json");
        var customers = JsonSerializer.Serialize(Attributes);
        File.WriteAllText(
            file,
            "{\"customers\": "
                + customers
                + """
                , "k": 4, "seed": 7,
                 "features": ["age", {"name": "income", "transforms": ["log1p", "zscore"], "weight": 2},
                  "visits_per_month", "preferred_channel"],
                 "mapping.customers": {"customer_id": "customer_id"}}
                """
        );

        var fromFile = Segment("file", "--config", file);
        var overridden = Segment("override", "--config", file, "--k", "3");

        Assert.Equal(
            4,
            File.ReadLines(Path.Combine(fromFile, "assignments.csv"))
                .Skip(1)
                .Select(l => l.Split(',')[1])
                .Distinct()
                .Count()
        );
        Assert.Equal(
            3,
            File.ReadLines(Path.Combine(overridden, "assignments.csv"))
                .Skip(1)
                .Select(l => l.Split(',')[1])
                .Distinct()
                .Count()
        );
    }

    [Theory]
    [InlineData("{\"inptu\": \"x.csv\"}", "'inptu' is no option of seg segment; options: ")]
    [InlineData("[1, 2]", "a run file is a JSON object")]
    [InlineData("{\"input\": ", "not valid JSON")]
    [InlineData("{\"features\": [{\"weight\": 2}]}", "every object in 'features' needs a \"name\"")]
    public void A_bad_run_file_is_one_line_naming_the_file_and_exit_code_2(string content, string message)
    {
        var file = Path.Combine(output, "bad.json");
        File.WriteAllText(file, content);

        var (code, _, error) = SegProcess.Run("segment", "--config", file, "--out", Path.Combine(output, "x"));

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.StartsWith($"seg: {file}: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }
}
