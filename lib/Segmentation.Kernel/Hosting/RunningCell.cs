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
    private readonly KernelServer _server;
    private readonly KernelOptions _options;
    private readonly bool _silent;
    private readonly bool _allowStdin;
    private readonly CancellationTokenSource _interrupt = new();
    private readonly ManualResetEventSlim _wake = new();
    private int _interruptRequested;
    private readonly Lock _gate = new();
    private readonly StringBuilder _buffer = new();
    private readonly Timer _flushTimer;
    private string? _bufferedStream;
    private bool _flushScheduled;
    private long _sentCharacters;
    private long _droppedCharacters;
    private bool _closed;
    private TaskCompletionSource<string>? _pendingInput;

    public RunningCell(KernelServer server, JupyterMessage request, bool silent, bool allowStdin, KernelOptions options)
    {
        _server = server;
        Request = request;
        _silent = silent;
        _allowStdin = allowStdin;
        _options = options;
        _flushTimer = new Timer(_ => Flush());
    }

    public JupyterMessage Request { get; }

    /// <summary>The cell's cancellation token: cancelled by the kernel's shell thread (<see cref="Cancel"/>) after an interrupt request.</summary>
    public CancellationToken Interrupted => _interrupt.Token;

    /// <summary>True once an interrupt was requested.</summary>
    public bool InterruptRequested => Volatile.Read(ref _interruptRequested) != 0;

    /// <summary>
    /// Asks for an interrupt from any thread (SIGINT's handler, the socket thread): sets a flag and wakes the kernel's
    /// shell thread, which cancels the cell and replies. Nothing of the cell runs on the calling thread.
    /// </summary>
    public void RequestInterrupt()
    {
        Volatile.Write(ref _interruptRequested, 1);
        Wake();
    }

    /// <summary>Wakes <see cref="WaitForEndOrInterrupt"/> (the cell's task ended, or an interrupt was requested).</summary>
    public void Wake()
    {
        try
        {
            _wake.Set();
        }
        catch (ObjectDisposedException)
        {
            // The cell finished while the interrupt arrived.
        }
    }

    /// <summary>Blocks the kernel's shell thread until <see cref="Wake"/>.</summary>
    public void WaitForEndOrInterrupt() => _wake.Wait();

    /// <summary>Cancels <see cref="Interrupted"/>; called on the kernel's shell thread, so cancellation callbacks run there.</summary>
    public void Cancel() => _interrupt.Cancel();

    public void WriteStream(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrEmpty(text)) return;
        lock (_gate)
        {
            if (_closed || _silent) return;
            var room = _options.StreamLimitCharacters - _sentCharacters;
            if (room <= 0)
            {
                _droppedCharacters += text.Length;
                return;
            }
            if (text.Length > room)
            {
                var keep = (int)room;
                if (char.IsHighSurrogate(text[keep - 1])) keep--;
                _droppedCharacters += text.Length - keep;
                text = text[..keep];
            }
            _sentCharacters += text.Length;
            if (_bufferedStream is not null && _bufferedStream != name) FlushLocked();
            _bufferedStream = name;
            _buffer.Append(text);
            if (_buffer.Length >= _options.StreamChunkCharacters)
            {
                FlushLocked();
            }
            else if (!_flushScheduled)
            {
                _flushScheduled = true;
                _flushTimer.Change(_options.StreamFlushInterval, Timeout.InfiniteTimeSpan);
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
        if (!_allowStdin) throw new InvalidOperationException("the frontend does not accept input requests (allow_stdin is false)");
        TaskCompletionSource<string> pending;
        lock (_gate)
        {
            if (_closed) throw new InvalidOperationException("the cell has finished");
            FlushLocked();
            pending = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pendingInput = pending;
        }
        _server.Send(Channel.Stdin, Request, "input_request", new JsonObject { ["prompt"] = prompt, ["password"] = password },
            wanted: () => !pending.Task.IsCompleted && !Volatile.Read(ref _closed) && !InterruptRequested);
        pending.Task.Wait(Interrupted);
        return pending.Task.Result;
    }

    /// <summary>Delivers an <c>input_reply</c>; false when no input was asked for.</summary>
    public bool CompleteInput(string value)
    {
        lock (_gate)
        {
            var pending = _pendingInput;
            _pendingInput = null;
            return pending?.TrySetResult(value) ?? false;
        }
    }

    /// <summary>Sends what is buffered and stops accepting output; reports dropped text on stderr.</summary>
    public void Close()
    {
        lock (_gate)
        {
            if (_closed) return;
            FlushLocked();
            if (_droppedCharacters > 0)
            {
                _server.Send(Channel.IoPub, Request, "stream", new JsonObject
                {
                    ["name"] = "stderr",
                    ["text"] = string.Create(CultureInfo.InvariantCulture,
                        $"\n[kernel: {_droppedCharacters:N0} more characters of output were dropped; the limit is {_options.StreamLimitCharacters:N0} per cell]\n"),
                });
            }
            _closed = true;
        }
    }

    public void Dispose()
    {
        Close();
        _flushTimer.Dispose();
        _interrupt.Dispose();
        _wake.Dispose();
    }

    private void SendDisplay(string type, MimeBundle bundle, string? displayId)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        lock (_gate)
        {
            if (_closed || _silent) return;
            FlushLocked();
            var transient = new JsonObject();
            if (displayId is not null) transient["display_id"] = displayId;
            _server.Send(Channel.IoPub, Request, type, new JsonObject
            {
                ["data"] = MessageContent.Data(bundle),
                ["metadata"] = MessageContent.Metadata(bundle),
                ["transient"] = transient,
            });
        }
    }

    private void Flush()
    {
        lock (_gate) FlushLocked();
    }

    private void FlushLocked()
    {
        _flushScheduled = false;
        if (_buffer.Length == 0 || _bufferedStream is null) return;
        _server.Send(Channel.IoPub, Request, "stream", new JsonObject { ["name"] = _bufferedStream, ["text"] = _buffer.ToString() });
        _buffer.Clear();
    }
}
