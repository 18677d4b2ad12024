using System.Globalization;
using System.Text.Json;

namespace Segmentation.Kernel.Protocol;

/// <summary>
/// The connection file Jupyter writes before it starts a kernel: where each channel binds and the
/// key that signs every message. The kernel binds to exactly these addresses and nothing else.
/// </summary>
/// <param name="Transport">Only <c>tcp</c> is supported.</param>
/// <param name="IpAddress">The address to bind, e.g. <c>127.0.0.1</c>.</param>
/// <param name="ShellPort">Port of the shell channel (requests and replies).</param>
/// <param name="ControlPort">Port of the control channel (interrupt, shutdown).</param>
/// <param name="IoPubPort">Port of the IOPub channel (status, outputs).</param>
/// <param name="StdinPort">Port of the stdin channel (input requests).</param>
/// <param name="HeartbeatPort">Port of the heartbeat echo.</param>
/// <param name="Key">The signing key; empty disables signing.</param>
/// <param name="SignatureScheme">Only <c>hmac-sha256</c> is supported.</param>
public sealed record ConnectionInfo(
    string Transport,
    string IpAddress,
    int ShellPort,
    int ControlPort,
    int IoPubPort,
    int StdinPort,
    int HeartbeatPort,
    string Key,
    string SignatureScheme
)
{
    /// <summary>The only signature scheme the kernel implements.</summary>
    public const string HmacSha256 = "hmac-sha256";

    /// <summary>Reads and validates a connection file.</summary>
    /// <exception cref="DataFormatException">The file is not valid JSON or a field is missing or
    /// unsupported.</exception>
    public static ConnectionInfo Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses and validates connection-file JSON; <paramref name="source"/> names it in errors.</summary>
    public static ConnectionInfo Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new DataFormatException(source, $"not valid JSON: {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new DataFormatException(source, "not a JSON object");

        var transport = Text(root, "transport", source, "tcp");
        if (transport != "tcp")
            throw new DataFormatException(
                source,
                "unsupported transport",
                column: "transport",
                value: transport,
                expected: "tcp"
            );
        var scheme = Text(root, "signature_scheme", source, HmacSha256);
        if (scheme != HmacSha256)
            throw new DataFormatException(
                source,
                "unsupported signature scheme",
                column: "signature_scheme",
                value: scheme,
                expected: HmacSha256
            );
        var ip = Text(root, "ip", source, null);
        if (ip.Length == 0)
            throw new DataFormatException(
                source,
                "empty address",
                column: "ip",
                expected: "an IP address such as 127.0.0.1"
            );

        return new ConnectionInfo(
            transport,
            ip,
            Port(root, "shell_port", source),
            Port(root, "control_port", source),
            Port(root, "iopub_port", source),
            Port(root, "stdin_port", source),
            Port(root, "hb_port", source),
            Text(root, "key", source, ""),
            scheme
        );
    }

    /// <summary>The ZeroMQ endpoint of one port, e.g. <c>tcp://127.0.0.1:5555</c> (IPv6 addresses bracketed).</summary>
    public string Endpoint(int port) =>
        string.Create(CultureInfo.InvariantCulture, $"{Transport}://{(IsIPv6 ? $"[{IpAddress}]" : IpAddress)}:{port}");

    /// <summary>True when the address is IPv6 (sockets must then allow IPv6).</summary>
    public bool IsIPv6 => IpAddress.Contains(':', StringComparison.Ordinal);

    private static string Text(JsonElement root, string name, string source, string? fallback)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            return fallback ?? throw new DataFormatException(source, "missing field", column: name);
        }
        if (value.ValueKind != JsonValueKind.String)
            throw new DataFormatException(source, "not a string", column: name, value: value.GetRawText());
        return value.GetString()!;
    }

    private static int Port(JsonElement root, string name, string source)
    {
        if (!root.TryGetProperty(name, out var value))
            throw new DataFormatException(source, "missing field", column: name);
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var port) || port is < 1 or > 65535)
        {
            throw new DataFormatException(
                source,
                "not a port",
                column: name,
                value: value.GetRawText(),
                expected: "an integer in 1..65535"
            );
        }
        return port;
    }
}
