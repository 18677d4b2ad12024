using Segmentation.Kernel.Engine;

namespace Segmentation.Kernel.Tests.Hosting;

/// <summary>
/// A scripted engine: each "cell" is a list of commands, one a line: <c>out TEXT</c>, <c>err TEXT</c>,
/// <c>spam N</c> (N one-character writes), <c>display ID TEXT</c>, <c>update ID TEXT</c>,
/// <c>input PROMPT</c> (echoes the answer to stdout), <c>wait</c> (writes "waiting" once it
/// listens for cancellation, then waits until cancelled), <c>hang</c> (writes "hanging", then ignores cancellation for
/// 30 s), <c>fail NAME</c>, <c>result TEXT</c>.
/// </summary>
internal sealed class FakeEngine : IKernelEngine
{
    public List<string> Executed { get; } = [];

    /// <summary>For every <c>wait</c> that was cancelled: the name of the thread the cancellation ran on.</summary>
    public List<string?> CancelledOn { get; } = [];

    /// <summary>For every <c>hang</c>: whether it ran on a thread-pool thread.</summary>
    public List<bool> HungOnPool { get; } = [];

    public async Task<ExecutionOutcome> ExecuteAsync(
        string code,
        IOutputSink output,
        CancellationToken cancellationToken
    )
    {
        lock (Executed)
            Executed.Add(code);
        MimeBundle? result = null;
        foreach (var line in code.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ', 3);
            switch (parts[0])
            {
                case "out":
                    output.WriteStream("stdout", line[4..]);
                    break;
                case "err":
                    output.WriteStream("stderr", line[4..]);
                    break;
                case "spam":
                    for (var i = 0; i < int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture); i++)
                        output.WriteStream("stdout", "x");
                    break;
                case "display":
                    output.Display(MimeBundle.PlainText(parts[2]), parts[1]);
                    break;
                case "update":
                    output.UpdateDisplay(MimeBundle.PlainText(parts[2]), parts[1]);
                    break;
                case "input":
                    output.WriteStream("stdout", output.ReadLine(parts[1], password: false));
                    break;
                case "wait":
                    // Not disposed: a token runs its callbacks last-registered first, so Task.Delay's completes the
                    // await first; a continuation that runs inline would dispose a `using` registration before its
                    // turn, and the cancellation would go unrecorded (seen once in ten runs of the many-interrupts
                    // test).
                    _ = cancellationToken.Register(() =>
                    {
                        lock (CancelledOn)
                            CancelledOn.Add(Thread.CurrentThread.Name);
                    });
                    output.WriteStream("stdout", "waiting");
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                    break;
                case "hang":
                    lock (HungOnPool)
                        HungOnPool.Add(Thread.CurrentThread.IsThreadPoolThread);
                    output.WriteStream("stdout", "hanging");
                    Thread.Sleep(TimeSpan.FromSeconds(30));
                    break;
                case "fail":
                    return ExecutionOutcome.Failed(
                        new ExecutionError(parts[1], "failed on purpose", ["line 1", "line 2"])
                    );
                case "result":
                    result = new MimeBundle(
                        new Dictionary<string, string>
                        {
                            ["text/plain"] = parts[1],
                            ["text/html"] = $"<b>{parts[1]}</b>",
                        }
                    );
                    break;
                default:
                    throw new InvalidOperationException($"unknown command {parts[0]}");
            }
        }
        return ExecutionOutcome.Succeeded(result);
    }

    public CompletionResult Complete(string code, int cursor) =>
        new([new CompletionItem("Length", "property", "int string.Length")], Math.Max(0, cursor - 1), cursor);

    public InspectionResult? Inspect(string code, int cursor, int detailLevel) =>
        cursor == 0 ? null : new InspectionResult(MimeBundle.PlainText($"cursor {cursor} detail {detailLevel}"));

    public IsCompleteResult IsComplete(string code) =>
        code.EndsWith('{')
            ? new IsCompleteResult(Completeness.Incomplete, "    ")
            : new IsCompleteResult(Completeness.Complete);

    public void Dispose() { }
}
