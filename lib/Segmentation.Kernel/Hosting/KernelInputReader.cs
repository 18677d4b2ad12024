namespace Segmentation.Kernel.Hosting;

/// <summary>
/// Standard input of cells: each line is asked from the frontend with an <c>input_request</c>
/// for the cell that is running. Reading outside a cell, or when the frontend disallows input,
/// throws <see cref="InvalidOperationException"/>.
/// </summary>
internal sealed class KernelInputReader(KernelServer server) : TextReader
{
    public override string? ReadLine() =>
        (
            server.CurrentCell
            ?? throw new InvalidOperationException("no cell is running: input can only be read by a cell")
        ).ReadLine("", password: false);

    public override int Peek() => -1;

    public override int Read() => throw new NotSupportedException("read input a line at a time (Console.ReadLine)");
}
