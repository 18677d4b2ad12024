using System.Text.Json.Nodes;
using Segmentation.Kernel.Hosting;

namespace Segmentation.Kernel.Tests.Hosting;

public sealed class KernelServerTests
{
    [Fact]
    public void Execute_publishes_busy_input_outputs_result_then_idle_and_replies_with_the_count()
    {
        using var kernel = new TestKernel(new FakeEngine());
        var request = kernel.Execute("out hello\ndisplay d1 first\nresult 42");
        var reply = kernel.ShellReply(request);
        var iopub = kernel.Collect(request);

        Assert.Equal(
            ["status:busy", "execute_input", "stream", "display_data", "execute_result", "status:idle"],
            TestKernel.Types(iopub)
        );
        Assert.All(iopub, m => Assert.Equal(request.MessageId, m.ParentHeader["msg_id"]!.GetValue<string>()));
        Assert.Equal("ok", reply.Content["status"]!.GetValue<string>());
        Assert.Equal(1, reply.Content["execution_count"]!.GetValue<int>());
        Assert.Equal("execute_reply", reply.MessageType);
        var result = iopub.Single(m => m.MessageType == "execute_result").Content;
        Assert.Equal("<b>42</b>", result["data"]!["text/html"]!.GetValue<string>());
        Assert.Equal(1, result["execution_count"]!.GetValue<int>());
        Assert.Equal(
            "d1",
            iopub.Single(m => m.MessageType == "display_data").Content["transient"]!["display_id"]!.GetValue<string>()
        );
    }

    [Fact]
    public void Silent_execution_publishes_only_status_and_does_not_count()
    {
        using var kernel = new TestKernel(new FakeEngine());
        var silent = kernel.Execute("out hidden\nresult 1", silent: true);
        Assert.Equal(0, kernel.ShellReply(silent).Content["execution_count"]!.GetValue<int>());
        Assert.Equal(["status:busy", "status:idle"], TestKernel.Types(kernel.Collect(silent)));

        var counted = kernel.Execute("out shown");
        Assert.Equal(1, kernel.ShellReply(counted).Content["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void Many_small_writes_arrive_as_few_stream_messages_with_all_the_text()
    {
        using var kernel = new TestKernel(new FakeEngine());
        var request = kernel.Execute("spam 200000");
        kernel.ShellReply(request);
        var streams = kernel.Collect(request).Where(m => m.MessageType == "stream").ToList();

        Assert.Equal(200_000, streams.Sum(m => m.Content["text"]!.GetValue<string>().Length));
        Assert.True(streams.Count <= 20, $"{streams.Count} stream messages for 200,000 one-character writes");
    }

    [Fact]
    public void Output_beyond_the_per_cell_limit_is_dropped_with_a_note_and_the_next_cell_runs()
    {
        using var kernel = new TestKernel(
            new FakeEngine(),
            new KernelOptions { StreamChunkCharacters = 100, StreamLimitCharacters = 1000 }
        );
        var request = kernel.Execute("spam 5000");
        kernel.ShellReply(request);
        var streams = kernel.Collect(request).Where(m => m.MessageType == "stream").ToList();

        Assert.Equal(
            1000,
            streams
                .Where(m => m.Content["name"]!.GetValue<string>() == "stdout")
                .Sum(m => m.Content["text"]!.GetValue<string>().Length)
        );
        Assert.Contains(
            "4,000 more characters of output were dropped",
            streams.Last().Content["text"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
        var next = kernel.Execute("out fine");
        Assert.Equal("ok", kernel.ShellReply(next).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void Stream_and_display_outputs_keep_the_order_they_were_written_in()
    {
        using var kernel = new TestKernel(new FakeEngine());
        var request = kernel.Execute("out a\nerr b\ndisplay p 0%\nout c\nupdate p 100%");
        kernel.ShellReply(request);
        var outputs = kernel
            .Collect(request)
            .Where(m => m.MessageType is "stream" or "display_data" or "update_display_data")
            .Select(m =>
                m.MessageType == "stream"
                    ? m.Content["name"] + ":" + m.Content["text"]
                    : m.MessageType + ":" + m.Content["data"]!["text/plain"]
            )
            .ToList();

        Assert.Equal(["stdout:a", "stderr:b", "display_data:0%", "stdout:c", "update_display_data:100%"], outputs);
    }

    [Fact]
    public void A_failed_cell_publishes_an_error_and_aborts_the_cells_queued_behind_it()
    {
        var engine = new FakeEngine();
        using var kernel = new TestKernel(engine);
        var failing = kernel.Execute("wait");
        var queued = kernel.Execute("out never");
        kernel.AwaitIoPub(failing, "execute_input");
        kernel.ControlReply(kernel.SendControl("interrupt_request", []));

        var failed = kernel.ShellReply(failing).Content;
        var aborted = kernel.ShellReply(queued).Content;
        Assert.Equal("error", failed["status"]!.GetValue<string>());
        Assert.Equal("Interrupted", failed["ename"]!.GetValue<string>());
        Assert.Equal("aborted", aborted["status"]!.GetValue<string>());
        Assert.DoesNotContain("out never", engine.Executed);

        var after = kernel.Execute("fail KeyError");
        var reply = kernel.ShellReply(after).Content;
        var error = kernel.Collect(after).Single(m => m.MessageType == "error").Content;
        Assert.Equal("KeyError", reply["ename"]!.GetValue<string>());
        Assert.Equal(["line 1", "line 2"], error["traceback"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Cells_that_ignore_the_interrupt_are_abandoned_after_the_grace_period_and_keep_no_pool_thread()
    {
        // More abandoned endless cells than the pool has threads at start (one per core): on pool threads, each
        // later cell would wait about a second for the pool to grow; on threads of their own they cost nothing.
        var engine = new FakeEngine();
        using var kernel = new TestKernel(
            engine,
            new KernelOptions { InterruptGracePeriod = TimeSpan.FromMilliseconds(200) }
        );
        var cells = Environment.ProcessorCount + 2;
        for (var i = 0; i < cells; i++)
        {
            var stuck = kernel.Execute("hang");
            kernel.AwaitIoPub(stuck, "stream");
            kernel.Server.Interrupt();
            var reply = kernel.ShellReply(stuck).Content;
            Assert.Contains("goes on in the background", reply["evalue"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        lock (engine.HungOnPool)
            Assert.Equal(Enumerable.Repeat(false, cells), engine.HungOnPool);
        var next = kernel.Execute("result 2");
        Assert.Equal("ok", kernel.ShellReply(next).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void An_interrupt_that_arrives_before_the_taken_cell_is_registered_still_interrupts_it()
    {
        // The shell thread has taken the request (the client saw it busy) but not yet registered the cell: SIGINT's
        // handler finds no current cell. The cell must still be interrupted, not run on unstoppable.
        var engine = new FakeEngine();
        using var kernel = new TestKernel(
            engine,
            new KernelOptions { InterruptGracePeriod = TimeSpan.FromSeconds(30) }
        );
        kernel.Server.BeforeCellRegistered = () => kernel.Server.Interrupt();
        var cell = kernel.Execute("wait");

        var reply = kernel.ShellReply(cell).Content;

        Assert.Equal("Interrupted", reply["ename"]!.GetValue<string>());
        kernel.Server.BeforeCellRegistered = null;
        var next = kernel.Execute("result 2");
        Assert.Equal("ok", kernel.ShellReply(next).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void Every_interrupt_of_many_in_a_row_gets_a_reply_and_is_carried_out_by_the_shell_thread()
    {
        // SIGINT's handler and the socket thread only signal; the cancellation (and whatever the engine runs
        // synchronously on it) happens on the kernel's shell thread, which then replies.
        var engine = new FakeEngine();
        using var kernel = new TestKernel(engine);
        const int Interrupts = 40;
        for (var i = 0; i < Interrupts; i++)
        {
            var cell = kernel.Execute("wait");
            kernel.AwaitIoPub(cell, "stream"); // the engine listens for cancellation
            if (i % 2 == 0)
            {
                kernel.Server.Interrupt(); // as the SIGINT handler does, from a thread of its own
            }
            else
            {
                Assert.Equal(
                    "ok",
                    kernel.ControlReply(kernel.SendControl("interrupt_request", [])).Content[
                        "status"
                    ]!.GetValue<string>()
                );
            }
            var reply = kernel.ShellReply(cell).Content;
            Assert.Equal("Interrupted", reply["ename"]!.GetValue<string>());
            Assert.Equal(i + 1, reply["execution_count"]!.GetValue<int>());
            Assert.Equal("status:idle", TestKernel.Types(kernel.Collect(cell))[^1]);
        }

        lock (engine.CancelledOn)
            Assert.Equal(Enumerable.Repeat<string?>("kernel-shell", Interrupts), engine.CancelledOn);
        var next = kernel.Execute("result 2");
        Assert.Equal("ok", kernel.ShellReply(next).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void A_message_with_a_bad_signature_is_ignored_and_logged()
    {
        var engine = new FakeEngine();
        using var kernel = new TestKernel(engine);
        kernel.SendShell("execute_request", new JsonObject { ["code"] = "out forged" }, key: "wrong-key");

        Assert.False(kernel.ShellHasMessage(TimeSpan.FromSeconds(1)));
        Assert.DoesNotContain("out forged", engine.Executed);
        Assert.Contains("bad signature", kernel.Log, StringComparison.Ordinal);
        var genuine = kernel.Execute("out real");
        Assert.Equal("ok", kernel.ShellReply(genuine).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void Input_requests_go_to_the_stdin_channel_and_the_answer_reaches_the_cell()
    {
        using var kernel = new TestKernel(new FakeEngine());
        var request = kernel.Execute("input name?", allowStdin: true);
        var inputRequest = kernel.ReceiveStdin();
        Assert.Equal("input_request", inputRequest.MessageType);
        Assert.Equal("name?", inputRequest.Content["prompt"]!.GetValue<string>());
        kernel.SendStdin("input_reply", new JsonObject { ["value"] = "Ada" }, inputRequest);

        kernel.ShellReply(request);
        Assert.Equal(
            "Ada",
            kernel.Collect(request).Single(m => m.MessageType == "stream").Content["text"]!.GetValue<string>()
        );
    }

    [Fact]
    public void An_input_request_waits_for_a_client_whose_stdin_socket_connects_late()
    {
        // A ROUTER drops a message to a peer it does not know yet: a client whose stdin socket was still connecting
        // (a reconnect after the kernel bound its ports late, on a loaded machine) lost the request and the cell waited
        // forever.
        using var kernel = new TestKernel(new FakeEngine(), connectStdin: false);
        var request = kernel.Execute("input name?", allowStdin: true);
        kernel.WaitForLog("input_request waits for the client's stdin socket to connect");
        kernel.ConnectStdin();

        var inputRequest = kernel.ReceiveStdin();
        Assert.Equal("name?", inputRequest.Content["prompt"]!.GetValue<string>());
        kernel.SendStdin("input_reply", new JsonObject { ["value"] = "Ada" }, inputRequest);
        Assert.Equal("ok", kernel.ShellReply(request).Content["status"]!.GetValue<string>());
        Assert.Equal(
            "Ada",
            kernel.Collect(request).Single(m => m.MessageType == "stream").Content["text"]!.GetValue<string>()
        );
    }

    [Fact]
    public void An_input_request_nobody_connected_for_is_dropped_when_the_cell_is_interrupted()
    {
        using var kernel = new TestKernel(new FakeEngine(), connectStdin: false);
        var request = kernel.Execute("input name?", allowStdin: true);
        kernel.WaitForLog("input_request waits for the client's stdin socket to connect");
        kernel.ControlReply(kernel.SendControl("interrupt_request", []));

        Assert.Equal("Interrupted", kernel.ShellReply(request).Content["ename"]!.GetValue<string>());
        kernel.WaitForLog("dropped input_request");
        var next = kernel.Execute("result 2");
        Assert.Equal("ok", kernel.ShellReply(next).Content["status"]!.GetValue<string>());
    }

    [Fact]
    public void Reading_input_when_the_frontend_disallows_it_fails_the_cell()
    {
        using var kernel = new TestKernel(new FakeEngine());
        var request = kernel.Execute("input name?", allowStdin: false);
        var reply = kernel.ShellReply(request).Content;
        Assert.Equal("InvalidOperationException", reply["ename"]!.GetValue<string>());
    }

    [Fact]
    public void Editor_requests_are_answered_with_code_point_cursor_positions()
    {
        using var kernel = new TestKernel(new FakeEngine());
        // "😀" is one code point but two UTF-16 units: Jupyter's cursor 3 is .NET index 4.
        var complete = kernel
            .ShellReply(kernel.SendShell("complete_request", new JsonObject { ["code"] = "😀ab", ["cursor_pos"] = 3 }))
            .Content;
        Assert.Equal(["Length"], complete["matches"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(2, complete["cursor_start"]!.GetValue<int>());
        Assert.Equal(3, complete["cursor_end"]!.GetValue<int>());
        Assert.Equal("property", complete["metadata"]!["_jupyter_types_experimental"]![0]!["type"]!.GetValue<string>());

        var inspect = kernel
            .ShellReply(
                kernel.SendShell(
                    "inspect_request",
                    new JsonObject
                    {
                        ["code"] = "😀ab",
                        ["cursor_pos"] = 3,
                        ["detail_level"] = 1,
                    }
                )
            )
            .Content;
        Assert.True(inspect["found"]!.GetValue<bool>());
        Assert.Equal("cursor 4 detail 1", inspect["data"]!["text/plain"]!.GetValue<string>());

        var incomplete = kernel
            .ShellReply(kernel.SendShell("is_complete_request", new JsonObject { ["code"] = "if (x) {" }))
            .Content;
        Assert.Equal("incomplete", incomplete["status"]!.GetValue<string>());
        Assert.Equal("    ", incomplete["indent"]!.GetValue<string>());
    }

    [Fact]
    public void Kernel_info_comm_info_and_history_have_the_shapes_clients_expect()
    {
        using var kernel = new TestKernel(new FakeEngine());
        var info = kernel.ShellReply(kernel.SendShell("kernel_info_request", [])).Content;
        Assert.Equal("5.3", info["protocol_version"]!.GetValue<string>());
        Assert.Equal("csharp", info["language_info"]!["name"]!.GetValue<string>());
        Assert.Equal(".cs", info["language_info"]!["file_extension"]!.GetValue<string>());

        var comms = kernel.ShellReply(kernel.SendShell("comm_info_request", [])).Content;
        Assert.Empty(comms["comms"]!.AsObject());
        var history = kernel
            .ShellReply(
                kernel.SendShell("history_request", new JsonObject { ["hist_access_type"] = "tail", ["n"] = 10 })
            )
            .Content;
        Assert.Equal("ok", history["status"]!.GetValue<string>());
    }

    [Fact]
    public void Shutdown_replies_on_control_and_stops_the_server()
    {
        var kernel = new TestKernel(new FakeEngine());
        try
        {
            var reply = kernel
                .ControlReply(kernel.SendControl("shutdown_request", new JsonObject { ["restart"] = true }))
                .Content;
            Assert.True(reply["restart"]!.GetValue<bool>());
            Assert.True(kernel.WaitForExit(TimeSpan.FromSeconds(10)));
            Assert.True(kernel.RestartRequested);
        }
        finally
        {
            kernel.Dispose();
        }
    }
}
