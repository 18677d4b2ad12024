using System.Text;

namespace Segmentation.Notebooks.Execution;

/// <summary>A cell's stdout or stderr: buffers text and hands it on at line ends, on flush, and before any other
/// output.</summary>
internal sealed class CellStreamWriter(Action<string> emit) : TextWriter
{
    private const int FlushSize = 8192;
    private readonly StringBuilder buffer = new();
    private readonly object gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => Write([value]);

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> text)
    {
        string? ready = null;
        lock (gate)
        {
            buffer.Append(text);
            if (text.Contains('\n') || buffer.Length >= FlushSize)
                ready = Take();
        }
        if (ready is not null)
            emit(ready);
    }

    public override void Flush()
    {
        string? ready;
        lock (gate)
            ready = Take();
        if (ready is not null)
            emit(ready);
    }

    private string? Take()
    {
        if (buffer.Length == 0)
            return null;
        var text = buffer.ToString();
        buffer.Clear();
        return text;
    }
}
