namespace Segmentation.Kernel.Hosting;

/// <summary>The kernel's sockets (heartbeat has its own thread and no messages).</summary>
internal enum Channel
{
    Shell,
    Control,
    Stdin,
    IoPub,
}

/// <summary>
/// A message waiting to be sent by the socket thread. <paramref name="Wanted"/>, for stdin requests, says whether the
/// message is still worth delivering (the cell still waits for the answer) while the client's stdin socket is not yet
/// connected.
/// </summary>
internal readonly record struct Outgoing(Channel Channel, Protocol.JupyterMessage Message, Func<bool>? Wanted = null);
