using Segmentation.Kernel.Engine;

namespace Segmentation.Kernel.Tests.Engine;

public sealed class NotebookEngineTests : IDisposable
{
    private readonly NotebookEngine _engine = new();
    private readonly RecordingSink _sink = new();

    [Fact]
    public async Task Streams_go_to_the_sink_and_the_trailing_value_comes_back_as_the_result()
    {
        var outcome = await _engine.ExecuteAsync("var x = 41;\nConsole.WriteLine(\"hi\");\nx + 1", _sink, CancellationToken.None);

        Assert.Null(outcome.Error);
        Assert.Equal("42", outcome.Result!.Data["text/plain"]);
        Assert.Equal(["stdout:hi\n"], _sink.Events);
    }

    [Fact]
    public async Task A_display_and_its_update_reach_the_sink_with_one_display_id()
    {
        await _engine.ExecuteAsync("var h = display(\"first\");\nh.Update(\"second\");", _sink, CancellationToken.None);

        Assert.Equal(2, _sink.Events.Count);
        Assert.StartsWith("display ", _sink.Events[0], StringComparison.Ordinal);
        Assert.Equal(_sink.Events[0].Split(':')[0].Replace("display ", "update ", StringComparison.Ordinal), _sink.Events[1].Split(':')[0]);
        Assert.EndsWith(":second", _sink.Events[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compile_error_fails_the_cell_and_its_declarations_stay_unknown_to_completion()
    {
        var failed = await _engine.ExecuteAsync("var broken = ;", _sink, CancellationToken.None);
        await _engine.ExecuteAsync("var working = 1;", _sink, CancellationToken.None);

        Assert.Equal("CompilationError", failed.Error!.Name);
        var names = _engine.Complete("wor", 3).Items.Select(i => i.Text).ToList();
        Assert.Contains("working", names);
        Assert.DoesNotContain("broken", _engine.Complete("brok", 4).Items.Select(i => i.Text));
    }

    [Fact]
    public async Task Completion_positions_are_those_of_the_cell_text_even_below_a_directive_line()
    {
        await _engine.ExecuteAsync("var numbers = new List<int>();", _sink, CancellationToken.None);
        const string cell = "#r \"nuget:SomePackage, 1.0.0\"\nnumbers.Cou";
        var result = _engine.Complete(cell, cell.Length);

        Assert.Contains("Count", result.Items.Select(i => i.Text));
        Assert.Equal(cell.Length - 3, result.Start);
        Assert.Equal(cell.Length, result.End);
        Assert.Empty(_engine.Complete(cell, 5).Items);
    }

    [Fact]
    public void Sql_and_markdown_cells_are_complete_and_have_no_completions()
    {
        Assert.Equal(Completeness.Complete, _engine.IsComplete("#!sql\nSELECT (").Status);
        Assert.Empty(_engine.Complete("#!markdown\n# Ti", 15).Items);
        Assert.Equal(Completeness.Incomplete, _engine.IsComplete("if (true) {").Status);
    }

    public void Dispose() => _engine.Dispose();

    private sealed class RecordingSink : IOutputSink
    {
        public List<string> Events { get; } = [];

        public void WriteStream(string name, string text)
        {
            lock (Events) Events.Add($"{name}:{text}");
        }

        public void Display(MimeBundle bundle, string? displayId)
        {
            lock (Events) Events.Add($"display {displayId}:{bundle.Data["text/plain"]}");
        }

        public void UpdateDisplay(MimeBundle bundle, string displayId)
        {
            lock (Events) Events.Add($"update {displayId}:{bundle.Data["text/plain"]}");
        }

        public string ReadLine(string prompt, bool password) => throw new InvalidOperationException("no input in this test");
    }
}
