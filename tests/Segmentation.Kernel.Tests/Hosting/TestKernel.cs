using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using NetMQ;
using NetMQ.Sockets;
using Segmentation.Kernel.Engine;
using Segmentation.Kernel.Hosting;
using Segmentation.Kernel.Protocol;

namespace Segmentation.Kernel.Tests.Hosting;

/// <summary>An in-process kernel on free loopback ports and a client for it (all client sockets on the test
/// thread).</summary>
internal sealed class TestKernel : IDisposable
{
    public const string Key = "test-key";
    private readonly Thread serverThread;
    private readonly MessageSigner signer = new(Key);
    private readonly DealerSocket shell = new();
    private readonly DealerSocket control = new();
    private readonly DealerSocket stdin = new();
    private readonly SubscriberSocket iopub = new();
    private readonly string session = Guid.NewGuid().ToString("N");
    private readonly WatchedLog log = new();
    private readonly List<JupyterMessage> iopubBacklog = [];

    /// <param name="engine">The engine the kernel serves.</param>
    /// <param name="options">Kernel limits, or null for the defaults.</param>
    /// <param name="connectStdin">False leaves the client's stdin socket unconnected until
    /// <see cref="ConnectStdin"/>.</param>
    public TestKernel(IKernelEngine engine, KernelOptions? options = null, bool connectStdin = true)
    {
        // A port that was free a moment ago can be taken before the kernel binds it (by any process's outgoing
        // connection: ephemeral ports come from the same range; seen once in 30 runs, "Address already in use"): the
        // kernel then starts again on other ports. Clients connect only once the kernel listens, so their own
        // connection attempts cannot take its ports either.
        for (var attempt = 1; ; attempt++)
        {
            Connection = new ConnectionInfo(
                "tcp",
                "127.0.0.1",
                FreePort(),
                FreePort(),
                FreePort(),
                FreePort(),
                FreePort(),
                Key,
                ConnectionInfo.HmacSha256
            );
            Server = new KernelServer(Connection, engine, options, this.log);
            SegmentationException? bindFailure = null;
            var server = Server;
            serverThread = new Thread(() =>
            {
                try
                {
                    RestartRequested = server.Run();
                }
                catch (SegmentationException e) when (e.Message.StartsWith("cannot bind", StringComparison.Ordinal))
                {
                    bindFailure = e;
                }
            })
            {
                IsBackground = true,
            };
            serverThread.Start();
            while (!this.log.WaitFor(ListeningLine(Connection), TimeSpan.FromMilliseconds(50)) && serverThread.IsAlive)
            { }
            if (bindFailure is null)
                break;
            Server.Dispose();
            if (attempt == 5)
                throw new InvalidOperationException(
                    "the test kernel could not bind free ports in 5 attempts",
                    bindFailure
                );
        }
        var identity = System.Text.Encoding.ASCII.GetBytes(session);
        this.shell.Options.Identity = identity;
        this.stdin.Options.Identity = identity;
        if (connectStdin)
            ConnectStdin();
        this.shell.Connect(Connection.Endpoint(Connection.ShellPort));
        control.Connect(Connection.Endpoint(Connection.ControlPort));
        iopub.Connect(Connection.Endpoint(Connection.IoPubPort));
        iopub.SubscribeToAnyTopic();
        // A PUB socket drops messages until the subscription has arrived: wait until status messages flow.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var probe = SendShell("kernel_info_request", []);
            ReplyTo(this.shell, probe);
            if (TryCollect(probe, TimeSpan.FromMilliseconds(300)) is not null)
                return;
        }
        throw new InvalidOperationException("the kernel's IOPub never reached the client");
    }

    public ConnectionInfo Connection { get; }

    public KernelServer Server { get; }

    /// <summary>What the kernel logs once all its sockets are bound.</summary>
    private static string ListeningLine(ConnectionInfo connection) =>
        $"listening on {connection.Endpoint(connection.ShellPort)}";

    public string Log => this.log.Text;

    /// <summary>Connects the client's stdin socket (done by the constructor unless it was told not to).</summary>
    public void ConnectStdin() => this.stdin.Connect(Connection.Endpoint(Connection.StdinPort));

    /// <summary>Waits until the kernel logs a line containing <paramref name="fragment"/>.</summary>
    public void WaitForLog(string fragment) =>
        _ = this.log.WaitFor(fragment, TimeSpan.FromSeconds(60))
            ? 0
            : throw new TimeoutException($"the kernel never logged \"{fragment}\"; log: {Log}");

    /// <summary>What <see cref="KernelServer.Run"/> returned, once it has.</summary>
    public bool? RestartRequested { get; private set; }

    public bool WaitForExit(TimeSpan wait) => serverThread.Join(wait);

    public JupyterMessage SendShell(string type, JsonObject content, string? key = null) =>
        Send(this.shell, type, content, key);

    public JupyterMessage SendControl(string type, JsonObject content) => Send(control, type, content, null);

    public JupyterMessage Execute(string code, bool silent = false, bool allowStdin = false, bool stopOnError = true) =>
        SendShell(
            "execute_request",
            new JsonObject
            {
                ["code"] = code,
                ["silent"] = silent,
                ["store_history"] = !silent,
                ["user_expressions"] = new JsonObject(),
                ["allow_stdin"] = allowStdin,
                ["stop_on_error"] = stopOnError,
            }
        );

    public JupyterMessage ShellReply(JupyterMessage request) => ReplyTo(this.shell, request);

    public JupyterMessage ControlReply(JupyterMessage request) => ReplyTo(control, request);

    public JupyterMessage ReceiveStdin() =>
        Receive(this.stdin, TimeSpan.FromSeconds(30))
        ?? throw new TimeoutException("no stdin message; kernel log: " + Log);

    public void SendStdin(string type, JsonObject content, JupyterMessage parent)
    {
        var message = JupyterMessage.Create(type, content, parent, session, []);
        this.stdin.SendMultipartBytes(WireFormat.Encode(message, signer));
    }

    /// <summary>
    /// Reads IOPub until <paramref name="request"/>'s message of type <paramref name="messageType"/> arrives (e.g.
    /// execute_input: the cell is running); what was read stays for <see cref="Collect"/>.
    /// </summary>
    public JupyterMessage AwaitIoPub(JupyterMessage request, string messageType)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var message = Receive(iopub, deadline - DateTime.UtcNow);
            if (message is null)
                break;
            iopubBacklog.Add(message);
            if (
                message.MessageType == messageType
                && message.ParentHeader["msg_id"]?.GetValue<string>() == request.MessageId
            )
                return message;
        }
        throw new TimeoutException($"no {messageType} for {request.MessageType}");
    }

    /// <summary>IOPub messages answering <paramref name="request"/>, through status idle.</summary>
    public List<JupyterMessage> Collect(JupyterMessage request) =>
        TryCollect(request, TimeSpan.FromSeconds(60))
        ?? throw new TimeoutException($"no idle status for {request.MessageType}");

    /// <summary>True when a shell message arrives within <paramref name="wait"/>.</summary>
    public bool ShellHasMessage(TimeSpan wait) => this.shell.Poll(PollEvents.PollIn, wait) == PollEvents.PollIn;

    public void Dispose()
    {
        Server.Stop();
        serverThread.Join(TimeSpan.FromSeconds(10));
        foreach (var socket in new NetMQSocket[] { this.shell, control, this.stdin, iopub })
        {
            socket.Options.Linger = TimeSpan.Zero;
            socket.Dispose();
        }
        Server.Dispose();
    }

    public static List<string> Types(IEnumerable<JupyterMessage> messages) =>
        messages
            .Select(m => m.MessageType == "status" ? "status:" + m.Content["execution_state"] : m.MessageType)
            .ToList();

    private List<JupyterMessage>? TryCollect(JupyterMessage request, TimeSpan timeout)
    {
        var messages = new List<JupyterMessage>();
        var deadline = DateTime.UtcNow + timeout;
        var backlog = iopubBacklog.ToList();
        iopubBacklog.Clear();
        while (DateTime.UtcNow < deadline)
        {
            JupyterMessage? message;
            if (backlog.Count > 0)
            {
                message = backlog[0];
                backlog.RemoveAt(0);
            }
            else
            {
                message = Receive(iopub, deadline - DateTime.UtcNow);
            }
            if (message is null)
                break;
            if (message.ParentHeader["msg_id"]?.GetValue<string>() != request.MessageId)
                continue;
            messages.Add(message);
            if (message.MessageType == "status" && message.Content["execution_state"]?.GetValue<string>() == "idle")
            {
                iopubBacklog.AddRange(backlog);
                return messages;
            }
        }
        return null;
    }

    private JupyterMessage Send(DealerSocket socket, string type, JsonObject content, string? key)
    {
        var message = JupyterMessage.Create(type, content, null, session, []);
        socket.SendMultipartBytes(WireFormat.Encode(message, key is null ? signer : new MessageSigner(key)));
        return message;
    }

    private JupyterMessage ReplyTo(DealerSocket socket, JupyterMessage request)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var message = Receive(socket, deadline - DateTime.UtcNow);
            if (message?.ParentHeader["msg_id"]?.GetValue<string>() == request.MessageId)
                return message;
        }
        throw new TimeoutException($"no reply to {request.MessageType}");
    }

    private JupyterMessage? Receive(NetMQSocket socket, TimeSpan timeout)
    {
        var frames = new List<byte[]>();
        if (timeout <= TimeSpan.Zero || !socket.TryReceiveMultipartBytes(timeout, ref frames))
            return null;
        var decoded = WireFormat.Decode(frames, signer);
        return decoded.Message
            ?? throw new InvalidOperationException($"the kernel sent a bad message: {decoded.Problem}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
