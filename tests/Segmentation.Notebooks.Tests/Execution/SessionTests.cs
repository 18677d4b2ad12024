using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Tests.Execution;

public sealed class SessionTests
{
    [Fact]
    public async Task State_declared_in_one_cell_is_visible_in_the_next()
    {
        using var session = new NotebookSession();
        var first = await session.ExecuteAsync("var x = 20; int Twice(int v) => 2 * v;");
        var second = await session.ExecuteAsync("Twice(x) + 2");

        Assert.True(first.Succeeded);
        var result = Cells.SingleOutput<ExecuteResultOutput>(second);
        Assert.Equal("42", result.PlainText);
        Assert.Equal(2, result.ExecutionCount);
    }

    [Fact]
    public async Task Last_expression_gives_text_plain_and_text_html_but_a_statement_gives_nothing()
    {
        using var session = new NotebookSession();
        var value = await session.ExecuteAsync("\"a < b\"");
        var statement = await session.ExecuteAsync("var y = 1;");

        var result = Cells.SingleOutput<ExecuteResultOutput>(value);
        Assert.Equal("a < b", result.Data[MimeTypes.PlainText]);
        Assert.Equal("<pre>a &lt; b</pre>", result.Data[MimeTypes.Html]);
        Assert.Empty(statement.Outputs);
    }

    [Fact]
    public async Task Display_adds_outputs_in_order_between_console_writes()
    {
        var result = await Cells.RunAloneAsync(
            """
            Console.WriteLine("before");
            display(new[] { new { Name = "a", Count = 1 }, new { Name = "b", Count = 2 } });
            Console.Write("after");
            Console.Error.WriteLine("warning");
            """
        );

        Assert.True(result.Succeeded);
        Assert.Collection(
            result.Outputs,
            o => Assert.Equal(new StreamOutput("stdout", "before\n"), o),
            o =>
            {
                var display = Assert.IsType<DisplayDataOutput>(o);
                Assert.Contains("<th>Name</th><th>Count</th>", display.Html, StringComparison.Ordinal);
                Assert.Contains("2 rows × 2 columns", display.PlainText, StringComparison.Ordinal);
            },
            o => Assert.Equal(new StreamOutput("stdout", "after"), o),
            o => Assert.Equal(new StreamOutput("stderr", "warning\n"), o)
        );
    }

    [Fact]
    public async Task Compile_error_names_the_cell_line_and_column()
    {
        var result = await Cells.RunAloneAsync("var a = 1;\nvar b = a + missing;", "cell 3");

        Assert.Equal(CellStatus.Error, result.Status);
        var error = result.Error!;
        Assert.Equal("CompilationError", error.Name);
        Assert.StartsWith("cell 3 line 2, column 13: error CS0103:", error.Value, StringComparison.Ordinal);
        Assert.Contains("    2 | var b = a + missing;", error.Traceback);
    }

    [Fact]
    public async Task Line_numbers_count_the_directive_lines_that_were_taken_out()
    {
        var result = await Cells.RunAloneAsync("#r \"System.Linq\"\n\nvar b = nope;");

        Assert.StartsWith("cell [1] line 3, column 9:", result.Error!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runtime_exception_becomes_an_error_output_and_the_session_goes_on()
    {
        using var session = new NotebookSession();
        await session.ExecuteAsync("var kept = 5;");
        var failed = await session.ExecuteAsync("throw new InvalidOperationException(\"boom\");", "cell 2");
        var after = await session.ExecuteAsync("kept");

        Assert.Equal(CellStatus.Error, failed.Status);
        Assert.Equal("System.InvalidOperationException", failed.Error!.Name);
        Assert.Equal("boom", failed.Error.Value);
        Assert.Contains(failed.Error.Traceback, l => l.Contains("cell 2:line 1", StringComparison.Ordinal));
        Assert.Equal("5", Cells.SingleOutput<ExecuteResultOutput>(after).PlainText);
    }

    [Fact]
    public async Task A_cell_over_the_time_limit_is_stopped_with_an_error_naming_cell_and_limit()
    {
        // The limit is generous enough that compiling a small cell never reaches it, even on a loaded machine;
        // a warm-up cell takes the compiler's first-use cost out of the picture.
        using var session = new NotebookSession(new NotebookSessionOptions { CellTimeout = TimeSpan.FromSeconds(5) });
        Assert.True((await session.ExecuteAsync("0")).Succeeded);
        var result = await session.ExecuteAsync("System.Threading.Thread.Sleep(120_000);", "cell 7");
        var after = await session.ExecuteAsync("1 + 1");

        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.Equal("TimeoutError", result.Error!.Name);
        Assert.Equal("cell 7 exceeded the time limit of 5 s", result.Error.Value);
        Assert.True(after.Succeeded);
    }

    [Fact]
    public async Task Cooperative_cells_observe_the_cancellation_token()
    {
        using var session = new NotebookSession(
            new NotebookSessionOptions { CellTimeout = TimeSpan.FromMilliseconds(500) }
        );
        var result = await session.ExecuteAsync("await Task.Delay(-1, CancellationToken);");

        Assert.Equal(CellStatus.TimedOut, result.Status);
    }

    [Fact]
    public async Task Cells_run_on_threads_of_their_own_so_abandoned_endless_loops_keep_no_pool_thread()
    {
        // More endless loops than the pool has threads at start (one per core): on pool threads, every later cell and
        // timer would wait about a second for the pool to grow.
        using var session = new NotebookSession();
        var slot = "seg-test-started-" + Guid.NewGuid().ToString("N");
        using var started = new System.Collections.Concurrent.BlockingCollection<bool>();
        AppDomain.CurrentDomain.SetData(slot, started);
        for (var i = 0; i < Environment.ProcessorCount + 2; i++)
        {
            using var interrupt = new CancellationTokenSource();
            var loop = session.ExecuteAsync(
                "((System.Collections.Concurrent.BlockingCollection<bool>"
                    + $")AppDomain.CurrentDomain.GetData(\"{slot}\")!).Add(Thread.CurrentThread."
                    + "IsThreadPoolThread);\n"
                    + "while (true) Thread.Sleep(20);",
                interrupt.Token
            );
            Assert.True(started.TryTake(out var onPool, TimeSpan.FromSeconds(60)), "the looping cell never started");
            Assert.False(onPool);
            await interrupt.CancelAsync();
            Assert.Equal(CellStatus.Cancelled, (await loop).Status);
        }

        var next = await session.ExecuteAsync("await Task.Run(() => 40) + 2");
        Assert.Equal("42", Cells.SingleOutput<ExecuteResultOutput>(next).PlainText);
    }

    [Fact]
    public async Task Outputs_are_announced_as_they_appear()
    {
        using var session = new NotebookSession();
        var seen = new List<CellOutputEventArgs>();
        session.OutputProduced += (_, e) =>
        {
            lock (seen)
                seen.Add(e);
        };
        await session.ExecuteAsync("Console.WriteLine(\"one\"); display(2); 3");

        Assert.Collection(
            seen,
            e => Assert.Equal(new StreamOutput("stdout", "one\n"), e.Output),
            e => Assert.Equal("2", Assert.IsType<DisplayDataOutput>(e.Output).PlainText),
            e => Assert.IsType<ExecuteResultOutput>(e.Output)
        );
        Assert.All(seen, e => Assert.Equal(1, e.ExecutionCount));
    }

    [Fact]
    public async Task Display_handles_update_in_place()
    {
        var result = await Cells.RunAloneAsync("var h = display(\"first\"); h.Update(\"second\");");

        var display = Cells.SingleOutput<DisplayDataOutput>(result);
        Assert.Equal("second", display.PlainText);
        Assert.Equal("seg-display-1", display.DisplayId);
    }
}
