using Segmentation.Cli;
using Segmentation.Testing;

namespace Segmentation.Tests.Cli;

public sealed class ProgramTests
{
    [Fact]
    public void Unknown_command_fails_without_a_stack_trace()
    {
        var (code, error, _) = SegCommand.Run("no-such-command");

        Assert.NotEqual(0, code);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_turns_a_data_error_into_one_line_and_exit_code_2()
    {
        var (code, error, _) = SegCommand.Capture(() =>
            CliHost.Guard(() =>
                throw new DataFormatException("x.csv", "not a number", 3, "quantity", "abc", "a decimal number")
            )
        );

        Assert.Equal(2, code);
        Assert.Equal(
            "seg: x.csv:3 column 'quantity': not a number (found 'abc'); expected a decimal number",
            error.TrimEnd()
        );
    }
}
