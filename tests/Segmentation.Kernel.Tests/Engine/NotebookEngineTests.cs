using Segmentation.Kernel.Engine;

namespace Segmentation.Kernel.Tests.Engine;

public sealed class NotebookEngineTests : IDisposable
{
    private readonly NotebookEngine engine = new();
    private readonly RecordingSink sink = new();

    [Fact]
    public async Task Streams_go_to_the_sink_and_the_trailing_value_comes_back_as_the_result()
    {
        var outcome = await engine.ExecuteAsync(
            "var x = 41;\nConsole.WriteLine(\"hi\");\nx + 1",
            sink,
            CancellationToken.None
        );

        Assert.Null(outcome.Error);
        Assert.Equal("42", outcome.Result!.Data["text/plain"]);
        Assert.Equal(["stdout:hi\n"], sink.Events);
    }

    [Fact]
    public async Task A_display_and_its_update_reach_the_sink_with_one_display_id()
    {
        await engine.ExecuteAsync("var h = display(\"first\");\nh.Update(\"second\");", sink, CancellationToken.None);

        Assert.Equal(2, sink.Events.Count);
        Assert.StartsWith("display ", sink.Events[0], StringComparison.Ordinal);
        Assert.Equal(
            sink.Events[0].Split(':')[0].Replace("display ", "update ", StringComparison.Ordinal),
            sink.Events[1].Split(':')[0]
        );
        Assert.EndsWith(":second", sink.Events[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compile_error_fails_the_cell_and_its_declarations_stay_unknown_to_completion()
    {
        var failed = await engine.ExecuteAsync("var broken = ;", sink, CancellationToken.None);
        await engine.ExecuteAsync("var working = 1;", sink, CancellationToken.None);

        Assert.Equal("CompilationError", failed.Error!.Name);
        var names = engine.Complete("wor", 3).Items.Select(i => i.Text).ToList();
        Assert.Contains("working", names);
        Assert.DoesNotContain("broken", engine.Complete("brok", 4).Items.Select(i => i.Text));
    }

    [Fact]
    public async Task Completion_positions_are_those_of_the_cell_text_even_below_a_directive_line()
    {
        await engine.ExecuteAsync("var numbers = new List<int>();", sink, CancellationToken.None);
        const string cell = "#r \"nuget:SomePackage, 1.0.0\"\nnumbers.Cou";
        var result = engine.Complete(cell, cell.Length);

        Assert.Contains("Count", result.Items.Select(i => i.Text));
        Assert.Equal(cell.Length - 3, result.Start);
        Assert.Equal(cell.Length, result.End);
        Assert.Empty(engine.Complete(cell, 5).Items);
    }

    [Fact]
    public void Sql_and_markdown_cells_are_complete_and_have_no_completions()
    {
        Assert.Equal(Completeness.Complete, engine.IsComplete("#!sql\nSELECT (").Status);
        Assert.Empty(engine.Complete("#!markdown\n# Ti", 15).Items);
        Assert.Equal(Completeness.Incomplete, engine.IsComplete("if (true) {").Status);
    }

    public void Dispose() => engine.Dispose();

    private sealed class RecordingSink : IOutputSink
    {
        public List<string> Events { get; } = [];

        public void WriteStream(string name, string text)
        {
            lock (Events)
                Events.Add($"{name}:{text}");
        }

        public void Display(MimeBundle bundle, string? displayId)
        {
            lock (Events)
                Events.Add($"display {displayId}:{bundle.Data["text/plain"]}");
        }

        public void UpdateDisplay(MimeBundle bundle, string displayId)
        {
            lock (Events)
                Events.Add($"update {displayId}:{bundle.Data["text/plain"]}");
        }

        public string ReadLine(string prompt, bool password) =>
            throw new InvalidOperationException("no input in this test");
    }
}
