using System.Security.Cryptography;
using System.Text.Json;
using Segmentation.Testing;

namespace Segmentation.Tests.Cli;

/// <summary>run.json beside every command's outputs: resolved configuration, inputs with size and SHA-256, accounting;
/// same run, same bytes.</summary>
public sealed class RunFileTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("seg-run-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public void The_same_run_writes_the_same_run_json_with_the_input_hash_and_the_resolved_as_of()
    {
        string Run(string name)
        {
            var directory = Path.Combine(output, name);
            var (code, _, error) = SegProcess.Run(
                "rfm",
                "--input",
                TestPaths.Sample("transactions.csv"),
                "--out",
                directory
            );
            Assert.True(code == 0, error);
            return File.ReadAllText(Path.Combine(directory, "run.json"));
        }

        var first = Run("a");
        var second = Run("b");

        Assert.Equal(first, second);
        using var json = JsonDocument.Parse(first);
        var root = json.RootElement;
        Assert.Equal("rfm", root.GetProperty("command").GetString());
        var input = root.GetProperty("inputs")[0];
        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(TestPaths.Sample("transactions.csv")))),
            input.GetProperty("sha256").GetString()
        );
        Assert.Equal(new FileInfo(TestPaths.Sample("transactions.csv")).Length, input.GetProperty("bytes").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("configuration").GetProperty("as-of").ValueKind);
        Assert.Matches(
            @"^\d{4}-\d{2}-\d{2}$",
            root.GetProperty("configuration").GetProperty("as-of.resolved").GetString()
        );
    }

    [Theory]
    [InlineData("clean", 2)]
    [InlineData("features", 2)]
    [InlineData("clv", 1)]
    public void Every_reading_command_writes_run_json_with_balanced_accounting(string command, int files)
    {
        string[] args =
            command == "clv"
                ?
                [
                    "clv",
                    "--input",
                    TestPaths.Sample("transactions.csv"),
                    "--calibration-end",
                    "2025-06-30",
                    "--out",
                    output,
                ]
                : [command, .. SegProcess.SampleInputs, "--out", output];

        var (code, _, error) = SegProcess.Run(args);

        Assert.True(code == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run.json")));
        Assert.Equal(command, json.RootElement.GetProperty("command").GetString());
        var accounting = json.RootElement.GetProperty("accounting").EnumerateArray().ToList();
        Assert.Equal(files, accounting.Count);
        Assert.Equal(files, json.RootElement.GetProperty("inputs").GetArrayLength());
        Assert.All(accounting, a =>
            Assert.Equal(
                a.GetProperty("rows_in").GetInt64(),
                a.GetProperty("kept").GetInt64()
                    + a.GetProperty("returns").GetInt64()
                    + a.GetProperty("quarantined").GetInt64()
            )
        );
    }
}
