using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Notebooks.Tests.Execution;

public sealed class InputTests
{
    [Fact]
    public async Task Kernel_GetInputAsync_asks_the_frontend_with_the_prompt()
    {
        var asked = new List<(string, bool)>();
        using var session = new NotebookSession(
            new NotebookSessionOptions
            {
                ReadInput = (prompt, password) =>
                {
                    asked.Add((prompt, password));
                    return "Ada";
                },
            }
        );

        var result = await session.ExecuteAsync("var name = await Kernel.GetInputAsync(\"Your name?\");\nname");

        Assert.Equal("Ada", Cells.SingleOutput<ExecuteResultOutput>(result).PlainText);
        Assert.Equal([("Your name?", false)], asked);
    }

    [Fact]
    public async Task A_cell_written_for_dotnet_interactive_with_its_using_still_finds_Kernel()
    {
        using var session = new NotebookSession(new NotebookSessionOptions { ReadInput = (_, _) => "yes" });

        var result = await session.ExecuteAsync(
            "using Microsoft.DotNet.Interactive;\nawait Kernel.GetInputAsync(\"Continue?\")"
        );

        Assert.Equal("yes", Cells.SingleOutput<ExecuteResultOutput>(result).PlainText);
    }

    [Fact]
    public async Task A_password_is_asked_masked_and_shown_masked()
    {
        var asked = new List<(string, bool)>();
        using var session = new NotebookSession(
            new NotebookSessionOptions
            {
                ReadInput = (prompt, password) =>
                {
                    asked.Add((prompt, password));
                    return "s3cret";
                },
            }
        );

        var result = await session.ExecuteAsync(
            "var p = await Kernel.GetPasswordAsync(\"Token\");\ndisplay(p);\np.GetClearTextPassword().Length"
        );

        Assert.Equal([("Token", true)], asked);
        Assert.Equal("************", Assert.IsType<DisplayDataOutput>(result.Outputs[0]).PlainText);
        Assert.Equal("6", Assert.IsType<ExecuteResultOutput>(result.Outputs[1]).PlainText);
    }

    [Fact]
    public async Task Set_with_an_input_token_asks_for_the_value()
    {
        using var session = new NotebookSession(
            new NotebookSessionOptions
            {
                ReadInput = (prompt, _) => prompt == "Please enter a URL" ? "https://example.org" : "?",
            }
        );

        var result = await session.ExecuteAsync("#!set --name url --value @input:\"Please enter a URL\"\nurl");

        Assert.Equal("https://example.org", Cells.SingleOutput<ExecuteResultOutput>(result).PlainText);
    }

    [Fact]
    public async Task Without_a_frontend_asking_for_input_is_a_one_line_error()
    {
        var result = await Cells.RunAloneAsync("#!set --name url --value @input:URL");

        Assert.False(result.Succeeded);
        Assert.Equal("MagicCommandError", result.Error!.Name);
        Assert.Equal(
            "cell [1] line 1: input 'URL' cannot be asked for: this notebook runs without a frontend (seg "
                + "notebooks run); run it in a Jupyter frontend or set the value in the notebook",
            result.Error!.Value
        );
    }
}
