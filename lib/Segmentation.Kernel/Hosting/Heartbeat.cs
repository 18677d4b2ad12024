using NetMQ;
using NetMQ.Sockets;
using Segmentation.Kernel.Protocol;

namespace Segmentation.Kernel.Hosting;

/// <summary>The heartbeat: a REP socket on its own thread that echoes every frame.</summary>
internal sealed class Heartbeat : IDisposable
{
    private readonly Thread thread;
    private volatile bool stop;

    private Heartbeat(ConnectionInfo connection, TaskCompletionSource bound)
    {
        this.thread = new Thread(() => Echo(connection, bound)) { IsBackground = true, Name = "kernel-heartbeat" };
        this.thread.Start();
    }

    public static Heartbeat Start(ConnectionInfo connection)
    {
        var bound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var heartbeat = new Heartbeat(connection, bound);
        bound.Task.GetAwaiter().GetResult();
        return heartbeat;
    }

    public void Dispose()
    {
        stop = true;
        this.thread.Join(TimeSpan.FromSeconds(2));
    }

    private void Echo(ConnectionInfo connection, TaskCompletionSource bound)
    {
        var endpoint = connection.Endpoint(connection.HeartbeatPort);
        using var socket = new ResponseSocket();
        socket.Options.Linger = TimeSpan.Zero;
        if (connection.IsIPv6)
            socket.Options.IPv4Only = false;
        try
        {
            socket.Bind(endpoint);
        }
        catch (NetMQException e)
        {
            bound.SetException(new SegmentationException($"cannot bind {endpoint}: {e.Message}", e));
            return;
        }
        bound.SetResult();
        var frames = new List<byte[]>();
        while (!stop)
        {
            if (socket.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(100), ref frames))
            {
                socket.SendMultipartBytes(frames);
                frames = [];
            }
        }
    }
}
