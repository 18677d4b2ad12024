using System.Text;

namespace Segmentation.Notebooks.Execution;

/// <summary>
/// Routes <see cref="Console.Out"/> and <see cref="Console.Error"/> to the running cell (found
/// through <see cref="CellContext.Current"/>, so parallel sessions stay apart) while any cell runs;
/// the original writers are restored when the last running cell ends.
/// </summary>
internal static class ConsoleCapture
{
    private static readonly object Gate = new();
    private static int users;
    private static TextWriter? originalOut;
    private static TextWriter? originalError;

    public static void Acquire()
    {
        lock (Gate)
        {
            if (users++ > 0)
                return;
            originalOut = Console.Out;
            originalError = Console.Error;
            Console.SetOut(new RoutingWriter(originalOut, error: false));
            Console.SetError(new RoutingWriter(originalError, error: true));
        }
    }

    public static void Release()
    {
        lock (Gate)
        {
            if (--users > 0)
                return;
            Console.SetOut(originalOut!);
            Console.SetError(originalError!);
            originalOut = originalError = null;
        }
    }

    private sealed class RoutingWriter(TextWriter fallback, bool error) : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        private TextWriter Target => CellContext.Current.Value is { } cell ? (error ? cell.Error : cell.Out) : fallback;

        public override void Write(char value) => Target.Write(value);

        public override void Write(string? value) => Target.Write(value);

        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);

        public override void Write(ReadOnlySpan<char> buffer) => Target.Write(buffer);

        public override void WriteLine(string? value) => Target.WriteLine(value);

        public override void Flush() => Target.Flush();
    }
}
