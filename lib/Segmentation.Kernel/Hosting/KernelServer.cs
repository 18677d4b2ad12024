using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using Segmentation.Kernel.Engine;
using Segmentation.Kernel.Protocol;
using Segmentation.Notebooks.Execution;

namespace Segmentation.Kernel.Hosting;

/// <summary>
/// A Jupyter kernel (messaging protocol 5.3) serving one <see cref="IKernelEngine"/>.
/// <para>
/// Threads: <see cref="Run"/> owns the shell, control, stdin and IOPub sockets and handles control
/// requests (interrupt, shutdown) at once; a worker thread handles shell requests one at a time;
/// the heartbeat echoes on a thread of its own. Every socket is used only by the thread that made
/// it: other threads hand messages to the socket thread through a queue.
/// </para>
/// <para>
/// Messages whose signature does not verify are ignored and logged. Sockets bind only to the
/// addresses of the connection file.
/// </para>
/// </summary>
public sealed class KernelServer : IDisposable
{
    private readonly ConnectionInfo connection;
    private readonly IKernelEngine engine;
    private readonly KernelOptions options;
    private readonly TextWriter log;
    private readonly MessageSigner signer;
    private readonly string session = Guid.NewGuid().ToString("N");
    private readonly NetMQQueue<Outgoing> outgoing = new();
    private readonly BlockingCollection<(long Sequence, JupyterMessage Message)> shellRequests = [];
    private readonly CancellationTokenSource stopping = new();

    // Stdin messages whose client has not finished connecting its stdin socket (socket thread only).
    private readonly List<Outgoing> heldStdin = [];
    private NetMQTimer? stdinRetry;
    private long received;
    private long abortThrough;

    // Interrupt requests so far (SIGINT and interrupt_request): the shell thread notes the count when it takes a
    // request, so one that arrives while it sets the cell up (before the cell is registered as current) still reaches
    // the cell.
    private long interrupts;
    private int executionCount;
    private volatile RunningCell? current;
    private volatile bool restartRequested;
    private int started;
    private NetMQPoller? poller;

    /// <summary>Creates the kernel; nothing binds until <see cref="Run"/>.</summary>
    /// <param name="connection">Addresses and key from the connection file.</param>
    /// <param name="engine">The C# session the kernel serves; the kernel does not dispose it.</param>
    /// <param name="options">Output and interrupt limits, or null for the defaults.</param>
    /// <param name="log">Where diagnostics go (rejected messages, unsupported requests); usually stderr.</param>
    public KernelServer(
        ConnectionInfo connection,
        IKernelEngine engine,
        KernelOptions? options = null,
        TextWriter? log = null
    )
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(engine);
        this.connection = connection;
        this.engine = engine;
        this.options = (options ?? new KernelOptions()).Validate();
        this.log = TextWriter.Synchronized(log ?? TextWriter.Null);
        signer = new MessageSigner(connection.Key);
        StandardInput = new KernelInputReader(this);
    }

    /// <summary>
    /// A reader whose <c>ReadLine</c> asks the frontend for a line (<c>input_request</c>) on behalf of
    /// the running cell. A host may install it with <c>Console.SetIn</c>.
    /// </summary>
    public TextReader StandardInput { get; }

    /// <summary>The number of the last execution stored in history (the <c>In [n]</c> counter).</summary>
    public int ExecutionCount => Volatile.Read(ref executionCount);

    /// <summary>
    /// Binds the sockets and serves until a <c>shutdown_request</c> arrives or <paramref name="cancellationToken"/>
    /// fires. Returns true when the client asked for a restart (the client starts a new kernel process).
    /// </summary>
    /// <exception cref="SegmentationException">An address of the connection file cannot be bound.</exception>
    public bool Run(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref started, 1) != 0)
            throw new InvalidOperationException("the kernel runs once");
        using var heartbeat = Heartbeat.Start(this.connection);
        using var shell = Bind(new RouterSocket(), this.connection.ShellPort);
        using var control = Bind(new RouterSocket(), this.connection.ControlPort);
        using var stdin = Bind(new RouterSocket(), this.connection.StdinPort);
        // A ROUTER silently drops a message to a peer whose connection handshake has not finished; mandatory routing
        // makes that an error, and the socket thread sends the message again once the peer is there.
        stdin.Options.RouterMandatory = true;
        using var iopub = Bind(new PublisherSocket(), this.connection.IoPubPort);
        var sockets = new Dictionary<Channel, NetMQSocket>
        {
            [Channel.Shell] = shell,
            [Channel.Control] = control,
            [Channel.Stdin] = stdin,
            [Channel.IoPub] = iopub,
        };

        var stdinRetry = new NetMQTimer(StdinRetryInterval) { Enable = false };
        this.stdinRetry = stdinRetry;
        using var poller = new NetMQPoller { shell, control, stdin, outgoing, stdinRetry };
        this.poller = poller;
        stdinRetry.Elapsed += (_, _) => SendHeldStdin(sockets);
        shell.ReceiveReady += (_, e) => ReceiveAll(e.Socket, Channel.Shell, sockets);
        control.ReceiveReady += (_, e) => ReceiveAll(e.Socket, Channel.Control, sockets);
        stdin.ReceiveReady += (_, e) => ReceiveAll(e.Socket, Channel.Stdin, sockets);
        outgoing.ReceiveReady += (_, e) =>
        {
            while (e.Queue.TryDequeue(out var item, TimeSpan.Zero))
                Transmit(sockets, item);
        };

        var worker = new Thread(ServeShell) { IsBackground = true, Name = "kernel-shell" };
        worker.Start();
        using var registration = cancellationToken.Register(() => Stop());
        this.log.WriteLine(
            $"kernel: {KernelIdentity.DisplayName} listening on "
                + $"{this.connection.Endpoint(this.connection.ShellPort)} (shell)"
        );
        poller.Run();

        stopping.Cancel();
        this.current?.RequestInterrupt();
        while (outgoing.TryDequeue(out var item, TimeSpan.Zero))
            Transmit(sockets, item);
        this.poller = null;
        return restartRequested;
    }

    /// <summary>
    /// Interrupts the running cell, if any (SIGINT and <c>interrupt_request</c> both end here). Thread-safe, and only
    /// signals: the shell thread cancels the cell and replies, so a signal handler may call it.
    /// </summary>
    public void Interrupt()
    {
        Interlocked.Increment(ref this.interrupts);
        this.current?.RequestInterrupt();
    }

    /// <summary>Stops serving; <see cref="Run"/> returns. Thread-safe.</summary>
    public void Stop()
    {
        stopping.Cancel();
        this.current?.RequestInterrupt();
        this.poller?.StopAsync();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Stop();
        shellRequests.CompleteAdding();
        outgoing.Dispose();
        stopping.Dispose();
    }

    /// <summary>How often the socket thread tries again to deliver a stdin request to a client whose stdin socket is
    /// still connecting.</summary>
    internal static TimeSpan StdinRetryInterval { get; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Queues a message for the socket thread. Safe from any thread; dropped once the kernel stopped. A stdin message
    /// waits for the client's stdin socket while <paramref name="wanted"/> holds.
    /// </summary>
    internal void Send(
        Channel channel,
        JupyterMessage parent,
        string messageType,
        JsonObject content,
        Func<bool>? wanted = null
    )
    {
        var identities =
            channel == Channel.IoPub ? [System.Text.Encoding.ASCII.GetBytes(messageType)] : parent.Identities;
        Enqueue(
            new Outgoing(channel, JupyterMessage.Create(messageType, content, parent, this.session, identities), wanted)
        );
    }

    internal RunningCell? CurrentCell => this.current;

    /// <summary>Tests: runs on the shell thread after it took an execute request and before the cell is
    /// registered.</summary>
    internal Action? BeforeCellRegistered { get; set; }

    private void Enqueue(Outgoing item)
    {
        try
        {
            outgoing.Enqueue(item);
        }
        catch (ObjectDisposedException)
        {
            // The kernel has stopped; late output of an abandoned cell has nowhere to go.
        }
    }

    private T Bind<T>(T socket, int port)
        where T : NetMQSocket
    {
        socket.Options.Linger = TimeSpan.FromSeconds(1);
        if (this.connection.IsIPv6)
            socket.Options.IPv4Only = false;
        var endpoint = this.connection.Endpoint(port);
        try
        {
            socket.Bind(endpoint);
        }
        catch (NetMQException e)
        {
            socket.Dispose();
            throw new SegmentationException($"cannot bind {endpoint}: {e.Message}", e);
        }
        return socket;
    }

    private void ReceiveAll(NetMQSocket socket, Channel channel, Dictionary<Channel, NetMQSocket> sockets)
    {
        var frames = new List<byte[]>();
        while (socket.TryReceiveMultipartBytes(ref frames))
        {
            var decoded = WireFormat.Decode(frames, signer);
            frames = [];
            if (decoded.Message is not { } message)
            {
                this.log.WriteLine(
                    $"kernel: ignored a message on {channel.ToString().ToLowerInvariant()}: {decoded.Problem}"
                );
                continue;
            }
            switch (channel)
            {
                case Channel.Shell when message.MessageType == "shutdown_request":
                case Channel.Control:
                    HandleControl(message, channel, sockets);
                    break;
                case Channel.Shell:
                    shellRequests.Add((Interlocked.Increment(ref received), message));
                    break;
                case Channel.Stdin when message.MessageType == "input_reply":
                    if (this.current?.CompleteInput(MessageContent.Text(message.Content, "value")) != true)
                    {
                        this.log.WriteLine("kernel: ignored an input_reply nobody asked for");
                    }
                    break;
                default:
                    this.log.WriteLine(
                        $"kernel: ignored {message.MessageType} on {channel.ToString().ToLowerInvariant()}"
                    );
                    break;
            }
        }
    }

    /// <summary>Control requests run on the socket thread, so they are served while a cell runs.</summary>
    private void HandleControl(JupyterMessage request, Channel replyChannel, Dictionary<Channel, NetMQSocket> sockets)
    {
        Transmit(sockets, Status(request, "busy"));
        switch (request.MessageType)
        {
            case "interrupt_request":
                Interrupt();
                Transmit(sockets, new Outgoing(replyChannel, request.Reply(Ok(), this.session)));
                break;
            case "shutdown_request":
                var restart = MessageContent.Flag(request.Content, "restart", false);
                restartRequested = restart;
                Interrupt();
                Transmit(
                    sockets,
                    new Outgoing(
                        replyChannel,
                        request.Reply(new JsonObject { ["status"] = "ok", ["restart"] = restart }, this.session)
                    )
                );
                Transmit(sockets, Status(request, "idle"));
                Stop();
                return;
            case "kernel_info_request":
                Transmit(sockets, new Outgoing(replyChannel, request.Reply(ShellReplies.KernelInfo(), this.session)));
                break;
            default:
                this.log.WriteLine($"kernel: unsupported control request {request.MessageType}");
                break;
        }
        Transmit(sockets, Status(request, "idle"));
    }

    private Outgoing Status(JupyterMessage parent, string state) =>
        new(
            Channel.IoPub,
            JupyterMessage.Create(
                "status",
                new JsonObject { ["execution_state"] = state },
                parent,
                this.session,
                ["status"u8.ToArray()]
            )
        );

    private void Transmit(Dictionary<Channel, NetMQSocket> sockets, Outgoing item)
    {
        if (item.Channel == Channel.Stdin)
        {
            if (heldStdin.Count > 0 || !TrySendStdin(sockets, item))
            {
                heldStdin.Add(item);
                this.log.WriteLine(
                    $"kernel: {item.Message.MessageType} waits for the client's stdin socket to connect"
                );
                if (this.stdinRetry is { } retry)
                    retry.Enable = true;
            }
            return;
        }
        Send(sockets, item);
    }

    /// <summary>False when the client's stdin socket is not connected (yet): the ROUTER does not know its
    /// identity.</summary>
    private bool TrySendStdin(Dictionary<Channel, NetMQSocket> sockets, Outgoing item)
    {
        try
        {
            Send(sockets, item);
            return true;
        }
        catch (HostUnreachableException)
        {
            return false;
        }
    }

    /// <summary>On the retry timer: delivers held stdin messages in order; drops those nobody waits for any
    /// more.</summary>
    private void SendHeldStdin(Dictionary<Channel, NetMQSocket> sockets)
    {
        while (heldStdin.Count > 0)
        {
            var item = heldStdin[0];
            if (item.Wanted?.Invoke() == false)
            {
                this.log.WriteLine(
                    $"kernel: dropped {item.Message.MessageType}: the client never connected its stdin "
                        + "socket while the cell waited"
                );
            }
            else if (!TrySendStdin(sockets, item))
            {
                return;
            }
            heldStdin.RemoveAt(0);
        }
        if (this.stdinRetry is { } retry)
            retry.Enable = false;
    }

    private void Send(Dictionary<Channel, NetMQSocket> sockets, Outgoing item)
    {
        var frames = WireFormat.Encode(item.Message, signer);
        var message = new NetMQMessage(frames);
        if (!sockets[item.Channel].TrySendMultipartMessage(TimeSpan.FromSeconds(1), message))
        {
            this.log.WriteLine(
                $"kernel: could not send {item.Message.MessageType} on {item.Channel.ToString().ToLowerInvariant()}"
            );
        }
    }

    private void ServeShell()
    {
        try
        {
            foreach (var (sequence, request) in shellRequests.GetConsumingEnumerable(stopping.Token))
            {
                var interrupts = Interlocked.Read(ref this.interrupts);
                Enqueue(Status(request, "busy"));
                try
                {
                    Dispatch(sequence, request, interrupts);
                }
                // A kernel outlives a failing request: the client gets an error reply, the log gets the detail.
#pragma warning disable CA1031
                catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    this.log.WriteLine($"kernel: {request.MessageType} failed: {e}");
                    var content = MessageContent.Error(new ExecutionError(e.GetType().Name, e.Message, [e.ToString()]));
                    content["status"] = "error";
                    Enqueue(new Outgoing(Channel.Shell, request.Reply(content, this.session)));
                }
                Enqueue(Status(request, "idle"));
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private void Dispatch(long sequence, JupyterMessage request, long interrupts)
    {
        var content = request.Content;
        JsonObject reply;
        switch (request.MessageType)
        {
            case "kernel_info_request":
                reply = ShellReplies.KernelInfo();
                break;
            case "execute_request":
                reply = Execute(sequence, request, interrupts);
                break;
            case "complete_request":
                reply = ShellReplies.Complete(
                    this.engine,
                    MessageContent.Text(content, "code"),
                    MessageContent.Number(content, "cursor_pos", int.MaxValue)
                );
                break;
            case "inspect_request":
                reply = ShellReplies.Inspect(
                    this.engine,
                    MessageContent.Text(content, "code"),
                    MessageContent.Number(content, "cursor_pos", int.MaxValue),
                    MessageContent.Number(content, "detail_level", 0)
                );
                break;
            case "is_complete_request":
                reply = ShellReplies.IsComplete(this.engine, MessageContent.Text(content, "code"));
                break;
            case "comm_info_request":
                reply = new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() };
                break;
            case "history_request":
                reply = new JsonObject { ["status"] = "ok", ["history"] = new JsonArray() };
                break;
            case "comm_open" or "comm_msg" or "comm_close":
                return; // No comm targets: nothing to answer.
            default:
                this.log.WriteLine($"kernel: unsupported shell request {request.MessageType}");
                return;
        }
        Enqueue(new Outgoing(Channel.Shell, request.Reply(reply, this.session)));
    }

    // interrupts: the interrupt count when the shell thread took the request; any later interrupt is this cell's.
    private JsonObject Execute(long sequence, JupyterMessage request, long interrupts)
    {
        var content = request.Content;
        var code = MessageContent.Text(content, "code");
        var silent = MessageContent.Flag(content, "silent", false);
        var storeHistory = !silent && MessageContent.Flag(content, "store_history", true);
        var allowStdin = MessageContent.Flag(content, "allow_stdin", true);
        var stopOnError = MessageContent.Flag(content, "stop_on_error", true);

        if (sequence <= Interlocked.Read(ref abortThrough))
        {
            return new JsonObject { ["status"] = "aborted", ["execution_count"] = ExecutionCount };
        }
        var count = storeHistory ? Interlocked.Increment(ref executionCount) : ExecutionCount;

        ExecutionOutcome outcome;
        using (var cell = new RunningCell(this, request, silent, allowStdin, this.options))
        {
            // Register the cell before announcing it: an interrupt sent as soon as the client sees
            // execute_input must find the cell (its token stays cancelled until the engine looks).
            BeforeCellRegistered?.Invoke();
            this.current = cell;
            // An interrupt between taking the request and registering the cell found no cell: it is this cell's (the
            // client saw it busy). Checked after registering, so an interrupt is either seen here or finds the cell.
            if (Interlocked.Read(ref this.interrupts) != interrupts)
                cell.RequestInterrupt();
            if (!silent)
                Enqueue(
                    new Outgoing(
                        Channel.IoPub,
                        Message(
                            request,
                            "execute_input",
                            new JsonObject { ["code"] = code, ["execution_count"] = count }
                        )
                    )
                );
            try
            {
                outcome = RunCell(cell, code);
            }
            finally
            {
                this.current = null;
                cell.Close();
            }
        }

        if (outcome.Error is { } error)
        {
            if (!silent)
                Enqueue(new Outgoing(Channel.IoPub, Message(request, "error", MessageContent.Error(error))));
            if (stopOnError)
                Interlocked.Exchange(ref abortThrough, Interlocked.Read(ref received));
            var failed = MessageContent.Error(error);
            failed["status"] = "error";
            failed["execution_count"] = count;
            return failed;
        }
        if (outcome.Result is { } result && !silent)
        {
            Enqueue(
                new Outgoing(
                    Channel.IoPub,
                    Message(
                        request,
                        "execute_result",
                        new JsonObject
                        {
                            ["execution_count"] = count,
                            ["data"] = MessageContent.Data(result),
                            ["metadata"] = MessageContent.Metadata(result),
                        }
                    )
                )
            );
        }
        return new JsonObject
        {
            ["status"] = "ok",
            ["execution_count"] = count,
            ["user_expressions"] = new JsonObject(),
            ["payload"] = new JsonArray(),
        };
    }

    /// <summary>
    /// Runs the cell on a thread of its own (not the pool's) and waits for it or for an interrupt request. After an
    /// interrupt the cell has <see cref="KernelOptions.InterruptGracePeriod"/> to stop; one that does not (a loop that
    /// never yields) is abandoned so the kernel stays responsive.
    /// </summary>
    private ExecutionOutcome RunCell(RunningCell cell, string code)
    {
        var task = CellThread.Start(() => this.engine.ExecuteAsync(code, cell, cell.Interrupted), "kernel-cell");
        task.ContinueWith(
            static (_, state) => ((RunningCell)state!).Wake(),
            cell,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default
        );
        cell.WaitForEndOrInterrupt();
        if (!task.IsCompleted)
        {
            // An interrupt was requested. Cancel here, on this thread: whatever cancellation runs synchronously (the
            // engine's continuations) runs on the thread that then replies, never on SIGINT's or the socket thread.
            cell.Cancel();
            if (Task.WaitAny([task], this.options.InterruptGracePeriod) < 0)
            {
                var seconds = this.options.InterruptGracePeriod.TotalSeconds.ToString(
                    "0.#",
                    CultureInfo.InvariantCulture
                );
                return ExecutionOutcome.Failed(
                    new ExecutionError(
                        ExecutionError.InterruptedName,
                        $"the cell did not stop within {seconds} s and goes on in the background; restart "
                            + "the kernel to end it",
                        [
                            $"Interrupted: the cell did not stop within {seconds} s and goes on in the "
                                + "background; restart the kernel to end it",
                        ]
                    )
                );
            }
        }
        if (task.IsCompletedSuccessfully)
            return task.Result;
        var exception = task.Exception?.GetBaseException();
        if (task.IsCanceled || (exception is OperationCanceledException && cell.Interrupted.IsCancellationRequested))
        {
            return ExecutionOutcome.Failed(ExecutionError.Interrupted);
        }
        this.log.WriteLine($"kernel: the engine failed: {exception}");
        return ExecutionOutcome.Failed(
            new ExecutionError(
                exception?.GetType().Name ?? "Error",
                exception?.Message ?? "unknown failure",
                [exception?.ToString() ?? "unknown failure"]
            )
        );
    }

    private static JsonObject Ok() => new() { ["status"] = "ok" };

    private JupyterMessage Message(JupyterMessage parent, string messageType, JsonObject content) =>
        JupyterMessage.Create(
            messageType,
            content,
            parent,
            this.session,
            [System.Text.Encoding.ASCII.GetBytes(messageType)]
        );
}
