using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Segmentation.Kernel.Engine;
using Segmentation.Kernel.Protocol;

namespace Segmentation.Kernel.Hosting;

/// <summary>
/// The output sink of one <c>execute_request</c>: batches stream text (many small writes become a
/// few messages), caps it per cell, keeps outputs in the order written, and routes input requests
/// to the stdin channel. Writes after the cell finished are dropped.
/// </summary>
internal sealed class RunningCell : IOutputSink, IDisposable
{
    private readonly KernelServer server;
    private readonly KernelOptions options;
    private readonly bool silent;
    private readonly bool allowStdin;
    private readonly CancellationTokenSource interrupt = new();
    private readonly ManualResetEventSlim wake = new();
    private int interruptRequested;
    private readonly Lock gate = new();
    private readonly StringBuilder buffer = new();
    private readonly Timer flushTimer;
    private string? bufferedStream;
    private bool flushScheduled;
    private long sentCharacters;
    private long droppedCharacters;
    private bool closed;
    private TaskCompletionSource<string>? pendingInput;

    public RunningCell(KernelServer server, JupyterMessage request, bool silent, bool allowStdin, KernelOptions options)
    {
        this.server = server;
        Request = request;
        this.silent = silent;
        this.allowStdin = allowStdin;
        this.options = options;
        flushTimer = new Timer(_ => Flush());
    }

    public JupyterMessage Request { get; }

    /// <summary>The cell's cancellation token: cancelled by the kernel's shell thread (<see cref="Cancel"/>) after an
    /// interrupt request.</summary>
    public CancellationToken Interrupted => this.interrupt.Token;

    /// <summary>True once an interrupt was requested.</summary>
    public bool InterruptRequested => Volatile.Read(ref interruptRequested) != 0;

    /// <summary>
    /// Asks for an interrupt from any thread (SIGINT's handler, the socket thread): sets a flag and wakes the kernel's
    /// shell thread, which cancels the cell and replies. Nothing of the cell runs on the calling thread.
    /// </summary>
    public void RequestInterrupt()
    {
        Volatile.Write(ref interruptRequested, 1);
        Wake();
    }

    /// <summary>Wakes <see cref="WaitForEndOrInterrupt"/> (the cell's task ended, or an interrupt was
    /// requested).</summary>
    public void Wake()
    {
        try
        {
            wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // The cell finished while the interrupt arrived.
        }
    }

    /// <summary>Blocks the kernel's shell thread until <see cref="Wake"/>.</summary>
    public void WaitForEndOrInterrupt() => wake.Wait();

    /// <summary>Cancels <see cref="Interrupted"/>; called on the kernel's shell thread, so cancellation callbacks run
    /// there.</summary>
    public void Cancel() => this.interrupt.Cancel();

    public void WriteStream(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrEmpty(text))
            return;
        lock (gate)
        {
            if (closed || this.silent)
                return;
            var room = this.options.StreamLimitCharacters - sentCharacters;
            if (room <= 0)
            {
                droppedCharacters += text.Length;
                return;
            }
            if (text.Length > room)
            {
                var keep = (int)room;
                if (char.IsHighSurrogate(text[keep - 1]))
                    keep--;
                droppedCharacters += text.Length - keep;
                text = text[..keep];
            }
            sentCharacters += text.Length;
            if (bufferedStream is not null && bufferedStream != name)
                FlushLocked();
            bufferedStream = name;
            buffer.Append(text);
            if (buffer.Length >= this.options.StreamChunkCharacters)
            {
                FlushLocked();
            }
            else if (!flushScheduled)
            {
                flushScheduled = true;
                flushTimer.Change(this.options.StreamFlushInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Display(MimeBundle bundle, string? displayId) => SendDisplay("display_data", bundle, displayId);

    public void UpdateDisplay(MimeBundle bundle, string displayId)
    {
        ArgumentException.ThrowIfNullOrEmpty(displayId);
        SendDisplay("update_display_data", bundle, displayId);
    }

    public string ReadLine(string prompt, bool password)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        if (!this.allowStdin)
            throw new InvalidOperationException("the frontend does not accept input requests (allow_stdin is false)");
        TaskCompletionSource<string> pending;
        lock (gate)
        {
            if (closed)
                throw new InvalidOperationException("the cell has finished");
            FlushLocked();
            pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            pendingInput = pending;
        }
        this.server.Send(
            Channel.Stdin,
            Request,
            "input_request",
            new JsonObject { ["prompt"] = prompt, ["password"] = password },
            wanted: () => !pending.Task.IsCompleted && !Volatile.Read(ref closed) && !InterruptRequested
        );
        pending.Task.Wait(Interrupted);
        return pending.Task.Result;
    }

    /// <summary>Delivers an <c>input_reply</c>; false when no input was asked for.</summary>
    public bool CompleteInput(string value)
    {
        lock (gate)
        {
            var pending = pendingInput;
            pendingInput = null;
            return pending?.TrySetResult(value) ?? false;
        }
    }

    /// <summary>Sends what is buffered and stops accepting output; reports dropped text on stderr.</summary>
    public void Close()
    {
        lock (gate)
        {
            if (closed)
                return;
            FlushLocked();
            if (droppedCharacters > 0)
            {
                this.server.Send(
                    Channel.IoPub,
                    Request,
                    "stream",
                    new JsonObject
                    {
                        ["name"] = "stderr",
                        ["text"] =
                            string.Create(
                                CultureInfo.InvariantCulture,
                                $"\n[kernel: {droppedCharacters:N0} more characters of output were dropped; the "
                            )
                            + string.Create(
                                CultureInfo.InvariantCulture,
                                $"limit is {this.options.StreamLimitCharacters:N0} per cell]\n"
                            ),
                    }
                );
            }
            closed = true;
        }
    }

    public void Dispose()
    {
        Close();
        flushTimer.Dispose();
        this.interrupt.Dispose();
        wake.Dispose();
    }

    private void SendDisplay(string type, MimeBundle bundle, string? displayId)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        lock (gate)
        {
            if (closed || this.silent)
                return;
            FlushLocked();
            var transient = new JsonObject();
            if (displayId is not null)
                transient["display_id"] = displayId;
            this.server.Send(
                Channel.IoPub,
                Request,
                type,
                new JsonObject
                {
                    ["data"] = MessageContent.Data(bundle),
                    ["metadata"] = MessageContent.Metadata(bundle),
                    ["transient"] = transient,
                }
            );
        }
    }

    private void Flush()
    {
        lock (gate)
            FlushLocked();
    }

    private void FlushLocked()
    {
        flushScheduled = false;
        if (buffer.Length == 0 || bufferedStream is null)
            return;
        this.server.Send(
            Channel.IoPub,
            Request,
            "stream",
            new JsonObject { ["name"] = bufferedStream, ["text"] = buffer.ToString() }
        );
        buffer.Clear();
    }
}
