using Segmentation.Cli;

namespace Segmentation.Tests.Cli;

public sealed class ProgramTests
{
    [Fact]
    public void Unknown_command_fails_without_a_stack_trace()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        try
        {
            var code = Program.Main(["no-such-command"]);
            Assert.NotEqual(0, code);
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_turns_a_data_error_into_one_line_and_exit_code_2()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int code;
        try
        {
            code = CliHost.Guard(() =>
                throw new DataFormatException("x.csv", "not a number", 3, "quantity", "abc", "a decimal number")
            );
        }
        finally
        {
            Console.SetError(original);
        }
        Assert.Equal(2, code);
        Assert.Equal(
            "seg: x.csv:3 column 'quantity': not a number (found 'abc'); expected a decimal number",
            error.ToString().TrimEnd()
        );
    }
}
