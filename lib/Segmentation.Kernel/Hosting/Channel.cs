namespace Segmentation.Kernel.Hosting;

/// <summary>The kernel's sockets (heartbeat has its own thread and no messages).</summary>
internal enum Channel
{
    Shell,
    Control,
    Stdin,
    IoPub,
}

/// <summary>A message waiting to be sent by the socket thread.</summary>
internal readonly record struct Outgoing(Channel Channel, Protocol.JupyterMessage Message);
