using System.Globalization;
using System.Text.Json.Nodes;

namespace Segmentation.Kernel.Protocol;

/// <summary>One message of the Jupyter messaging protocol, without its signature.</summary>
/// <param name="Identities">ZeroMQ routing frames before the delimiter (the sender, or the IOPub topic).</param>
/// <param name="Header">The header: msg_id, session, username, date, msg_type, version.</param>
/// <param name="ParentHeader">The header of the request this message answers, or empty.</param>
/// <param name="Metadata">Message metadata.</param>
/// <param name="Content">The type-specific body.</param>
internal sealed record JupyterMessage(
    IReadOnlyList<byte[]> Identities,
    JsonObject Header,
    JsonObject ParentHeader,
    JsonObject Metadata,
    JsonObject Content
)
{
    /// <summary>The protocol version the kernel speaks.</summary>
    public const string ProtocolVersion = "5.3";

    public string MessageType => Header["msg_type"]?.GetValue<string>() ?? "";

    public string MessageId => Header["msg_id"]?.GetValue<string>() ?? "";

    /// <summary>A new message of <paramref name="messageType"/> answering <paramref name="parent"/> (null for
    /// none).</summary>
    public static JupyterMessage Create(
        string messageType,
        JsonObject content,
        JupyterMessage? parent,
        string session,
        IReadOnlyList<byte[]> identities
    )
    {
        var header = new JsonObject
        {
            ["msg_id"] = Guid.NewGuid().ToString("N"),
            ["session"] = session,
            ["username"] = "kernel",
            ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["msg_type"] = messageType,
            ["version"] = ProtocolVersion,
        };
        var parentHeader = parent is null ? new JsonObject() : (JsonObject)parent.Header.DeepClone();
        return new JupyterMessage(identities, header, parentHeader, new JsonObject(), content);
    }

    /// <summary>The reply to this request on the same channel: <c>x_request</c> becomes <c>x_reply</c>.</summary>
    public JupyterMessage Reply(JsonObject content, string session)
    {
        var type = MessageType.EndsWith("_request", StringComparison.Ordinal)
            ? string.Concat(MessageType.AsSpan(0, MessageType.Length - "_request".Length), "_reply")
            : MessageType + "_reply";
        return Create(type, content, this, session, Identities);
    }
}
