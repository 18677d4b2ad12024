using NetMQ;
using NetMQ.Sockets;
using Segmentation.Kernel.Protocol;

namespace Segmentation.Kernel.Hosting;

/// <summary>The heartbeat: a REP socket on its own thread that echoes every frame.</summary>
internal sealed class Heartbeat : IDisposable
{
    private readonly Thread _thread;
    private volatile bool _stop;

    private Heartbeat(ConnectionInfo connection, TaskCompletionSource bound)
    {
        _thread = new Thread(() => Echo(connection, bound)) { IsBackground = true, Name = "kernel-heartbeat" };
        _thread.Start();
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
        _stop = true;
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private void Echo(ConnectionInfo connection, TaskCompletionSource bound)
    {
        var endpoint = connection.Endpoint(connection.HeartbeatPort);
        using var socket = new ResponseSocket();
        socket.Options.Linger = TimeSpan.Zero;
        if (connection.IsIPv6) socket.Options.IPv4Only = false;
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
        while (!_stop)
        {
            if (socket.TryReceiveMultipartBytes(TimeSpan.FromMilliseconds(100), ref frames))
            {
                socket.SendMultipartBytes(frames);
                frames = [];
            }
        }
    }
}
