using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Segmentation.Kernel.Protocol;

/// <summary>
/// Frames of a message on the wire: identities, <c>&lt;IDS|MSG&gt;</c>, signature, header,
/// parent header, metadata, content, then optional buffers.
/// </summary>
internal static class WireFormat
{
    private static readonly byte[] Delimiter = "<IDS|MSG>"u8.ToArray();

    /// <summary>HTML outputs travel unescaped (the default encoder escapes every angle bracket).</summary>
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static List<byte[]> Encode(JupyterMessage message, MessageSigner signer)
    {
        var header = Json(message.Header);
        var parent = Json(message.ParentHeader);
        var metadata = Json(message.Metadata);
        var content = Json(message.Content);
        var frames = new List<byte[]>(message.Identities.Count + 6);
        frames.AddRange(message.Identities);
        frames.Add(Delimiter);
        frames.Add(Encoding.ASCII.GetBytes(signer.Sign(header, parent, metadata, content)));
        frames.Add(header);
        frames.Add(parent);
        frames.Add(metadata);
        frames.Add(content);
        return frames;
    }

    /// <summary>
    /// Decodes received frames. The delimiter is found by content (identities may be any bytes and
    /// any number); the signature is checked over the exact bytes received.
    /// </summary>
    public static DecodeResult Decode(IReadOnlyList<byte[]> frames, MessageSigner signer)
    {
        var delimiter = -1;
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].AsSpan().SequenceEqual(Delimiter))
            {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0)
            return DecodeResult.Failed("no <IDS|MSG> delimiter");
        if (frames.Count < delimiter + 6)
            return DecodeResult.Failed("fewer than five frames after the delimiter");
        var signature = frames[delimiter + 1];
        var header = frames[delimiter + 2];
        var parent = frames[delimiter + 3];
        var metadata = frames[delimiter + 4];
        var content = frames[delimiter + 5];
        if (!signer.Verify(signature, header, parent, metadata, content))
            return DecodeResult.Failed("bad signature");
        try
        {
            var message = new JupyterMessage(
                frames.Take(delimiter).ToArray(),
                Object(header),
                Object(parent),
                Object(metadata),
                Object(content)
            );
            return message.MessageType.Length == 0
                ? DecodeResult.Failed("header without msg_type")
                : new DecodeResult(message, null);
        }
        catch (JsonException e)
        {
            return DecodeResult.Failed($"malformed JSON: {e.Message}");
        }
        catch (InvalidOperationException e)
        {
            return DecodeResult.Failed($"malformed header: {e.Message}");
        }
    }

    private static byte[] Json(JsonObject value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    private static JsonObject Object(byte[] json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new JsonException("a frame is not a JSON object");
}

/// <summary>A decoded message, or why the frames were rejected.</summary>
internal readonly record struct DecodeResult(JupyterMessage? Message, string? Problem)
{
    public static DecodeResult Failed(string problem) => new(null, problem);
}
