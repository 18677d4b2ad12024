using Segmentation.Cli;

namespace Segmentation.Testing;

/// <summary>
/// Runs <c>seg</c> in the test process with its console captured, and puts the console back afterwards. The console is
/// the process's: captures run one at a time, so tests of different classes running in parallel do not read each
/// other's output.
/// </summary>
internal static class SegCommand
{
    private static readonly Lock Gate = new();

    /// <summary><c>seg <paramref name="args"/></c>: its exit code, standard error and standard output.</summary>
    public static (int Code, string Stderr, string Stdout) Run(params string[] args) =>
        Capture(() => Program.Main(args));

    /// <summary>Runs <paramref name="run"/> with standard error and output captured.</summary>
    public static (int Code, string Stderr, string Stdout) Capture(Func<int> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (Gate)
        {
            return CaptureAlone(run);
        }
    }

    private static (int Code, string Stderr, string Stdout) CaptureAlone(Func<int> run)
    {
        var error = new StringWriter();
        var output = new StringWriter();
        var originalError = Console.Error;
        var originalOut = Console.Out;
        Console.SetError(error);
        Console.SetOut(output);
        try
        {
            return (run(), error.ToString(), output.ToString());
        }
        finally
        {
            Console.SetError(originalError);
            Console.SetOut(originalOut);
        }
    }
}
