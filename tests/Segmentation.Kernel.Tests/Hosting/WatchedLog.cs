using System.Text;

namespace Segmentation.Kernel.Tests.Hosting;

/// <summary>The kernel's log in a test: keeps the text and lets the test wait for a line (a real signal, not a
/// sleep).</summary>
internal sealed class WatchedLog : TextWriter
{
    private readonly object gate = new();
    private readonly StringBuilder text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (gate)
                return this.text.ToString();
        }
    }

    public override void Write(char value) => Append(value.ToString());

    public override void Write(string? value) => Append(value);

    public override void WriteLine(string? value) => Append(value + NewLine);

    /// <summary>True once the log contains <paramref name="fragment"/>; false when <paramref name="timeout"/> passes
    /// first.</summary>
    public bool WaitFor(string fragment, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (gate)
        {
            while (this.text.ToString().IndexOf(fragment, StringComparison.Ordinal) < 0)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !Monitor.Wait(gate, remaining))
                    return false;
            }
            return true;
        }
    }

    private void Append(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return;
        lock (gate)
        {
            this.text.Append(value);
            Monitor.PulseAll(gate);
        }
    }
}
