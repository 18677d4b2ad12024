using System.Text.Json.Nodes;
using Segmentation.Kernel.Engine;
using Segmentation.Kernel.Tests.Hosting;

namespace Segmentation.Kernel.Tests.Engine;

/// <summary>.NET Interactive's dialect through the kernel's protocol, with the real engine.</summary>
public sealed class DialectKernelTests
{
    [Fact]
    public void Kernel_GetPasswordAsync_asks_through_stdin_with_password_true()
    {
        using var kernel = new TestKernel(new NotebookEngine());
        var request = kernel.Execute(
            "var token = await Kernel.GetPasswordAsync(\"Token:\");\ntoken.GetClearTextPassword().Length",
            allowStdin: true
        );

        var inputRequest = kernel.ReceiveStdin();
        Assert.Equal("Token:", inputRequest.Content["prompt"]!.GetValue<string>());
        Assert.True(inputRequest.Content["password"]!.GetValue<bool>());
        kernel.SendStdin("input_reply", new JsonObject { ["value"] = "s3cret" }, inputRequest);

        Assert.Equal("ok", kernel.ShellReply(request).Content["status"]!.GetValue<string>());
        var result = kernel.Collect(request).Single(m => m.MessageType == "execute_result");
        Assert.Equal("6", result.Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Kernel_GetInputAsync_asks_through_stdin_with_password_false()
    {
        using var kernel = new TestKernel(new NotebookEngine());
        var request = kernel.Execute("await Kernel.GetInputAsync(\"Name?\")", allowStdin: true);

        var inputRequest = kernel.ReceiveStdin();
        Assert.False(inputRequest.Content["password"]!.GetValue<bool>());
        kernel.SendStdin("input_reply", new JsonObject { ["value"] = "Ada" }, inputRequest);

        kernel.ShellReply(request);
        Assert.Equal(
            "Ada",
            kernel.Collect(request).Single(m => m.MessageType == "execute_result").Content["data"]![
                "text/plain"
            ]!.GetValue<string>()
        );
    }

    [Fact]
    public void A_display_handle_update_is_an_update_display_data_message_with_the_same_display_id()
    {
        using var kernel = new TestKernel(new NotebookEngine());
        var request = kernel.Execute("var handle = \"first\".Display();\nhandle.Update(\"second\");");

        kernel.ShellReply(request);
        var messages = kernel.Collect(request);
        var shown = messages.Single(m => m.MessageType == "display_data");
        var updated = messages.Single(m => m.MessageType == "update_display_data");
        Assert.Equal(
            shown.Content["transient"]!["display_id"]!.GetValue<string>(),
            updated.Content["transient"]!["display_id"]!.GetValue<string>()
        );
        Assert.Equal("second", updated.Content["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void An_unknown_magic_is_an_error_reply_with_one_line()
    {
        using var kernel = new TestKernel(new NotebookEngine());
        var request = kernel.Execute("#!fsharp\nlet x = 1");

        var reply = kernel.ShellReply(request);

        Assert.Equal("error", reply.Content["status"]!.GetValue<string>());
        Assert.Equal("MagicCommandError", reply.Content["ename"]!.GetValue<string>());
        Assert.StartsWith(
            "cell [1] line 1: unknown magic command '#!fsharp'; supported: ",
            reply.Content["evalue"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Completion_works_in_the_csharp_part_of_a_cell_that_also_has_sql()
    {
        using var engine = new NotebookEngine();
        const string cell = "#!sql\nselect 1\n#!csharp\nvar numbers = new List<int>();\nnumbers.Cou";

        var result = engine.Complete(cell, cell.Length);

        Assert.Contains("Count", result.Items.Select(i => i.Text));
        Assert.Empty(engine.Complete(cell, 10).Items);
    }

    [Fact]
    public void Completion_on_a_magic_line_offers_commands_then_their_options()
    {
        using var engine = new NotebookEngine();

        var commands = engine.Complete("var a = 1;\n#!wh", 15);
        var options = engine.Complete("#!set --na", 10);

        Assert.Equal(["#!who", "#!whos"], commands.Items.Select(i => i.Text));
        Assert.Equal((11, 15), (commands.Start, commands.End));
        Assert.Equal("--name", Assert.Single(options.Items).Text);
        Assert.Equal((6, 10), (options.Start, options.End));
    }
}
