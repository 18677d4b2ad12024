using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Segmentation.Kernel.Protocol;

namespace Segmentation.Kernel.Tests.Protocol;

public sealed class WireFormatTests
{
    private static readonly MessageSigner Signer = new("secret");

    [Fact]
    public void Signature_is_lowercase_hex_hmac_sha256_over_header_parent_metadata_and_content_bytes()
    {
        byte[] header = "{\"a\":1}"u8.ToArray(),
            parent = "{}"u8.ToArray(),
            metadata = "{}"u8.ToArray(),
            content = "{\"code\":\"x\"}"u8.ToArray();
        var expected = Convert.ToHexStringLower(
            HMACSHA256.HashData("secret"u8, [.. header, .. parent, .. metadata, .. content])
        );

        Assert.Equal(expected, Signer.Sign(header, parent, metadata, content));
        Assert.True(Signer.Verify(Encoding.ASCII.GetBytes(expected), header, parent, metadata, content));
    }

    [Fact]
    public void Encoded_message_decodes_to_the_same_message_after_any_routing_identities()
    {
        var original = JupyterMessage.Create(
            "execute_request",
            new JsonObject { ["code"] = "<b>é</b>" },
            null,
            "s1",
            [
                [0, 1, 2],
                Encoding.ASCII.GetBytes("<IDS|MSG"),
            ]
        );
        var frames = WireFormat.Encode(original, Signer);

        var decoded = WireFormat.Decode(frames, Signer).Message!;
        Assert.Equal(2, decoded.Identities.Count);
        Assert.Equal("<b>é</b>", decoded.Content["code"]!.GetValue<string>());
        Assert.Equal(original.MessageId, decoded.MessageId);
        Assert.Contains("<b>é</b>", Encoding.UTF8.GetString(frames[^1]), StringComparison.Ordinal);
    }

    [Fact]
    public void Tampered_content_wrong_key_and_missing_delimiter_are_rejected_with_a_reason()
    {
        var frames = WireFormat.Encode(
            JupyterMessage.Create(
                "kernel_info_request",
                [],
                null,
                "s",
                [
                    [7],
                ]
            ),
            Signer
        );
        var tampered = frames.ToList();
        tampered[^1] = "{\"code\":\"rm -rf\"}"u8.ToArray();

        Assert.Equal("bad signature", WireFormat.Decode(tampered, Signer).Problem);
        Assert.Equal("bad signature", WireFormat.Decode(frames, new MessageSigner("other")).Problem);
        Assert.Equal(
            "no <IDS|MSG> delimiter",
            WireFormat.Decode(frames.Where(f => f.Length != 9).ToList(), Signer).Problem
        );
        Assert.Null(WireFormat.Decode(frames, Signer).Problem);
    }

    [Fact]
    public void An_empty_key_signs_with_an_empty_signature_and_accepts_any()
    {
        var unsigned = new MessageSigner("");
        var frames = WireFormat.Encode(JupyterMessage.Create("kernel_info_request", [], null, "s", []), unsigned);

        Assert.Empty(frames[1]);
        Assert.NotNull(WireFormat.Decode(frames, unsigned).Message);
    }

    [Fact]
    public void A_reply_carries_the_request_header_as_parent_and_the_same_identities()
    {
        var request = JupyterMessage.Create(
            "complete_request",
            [],
            null,
            "client",
            [
                [42],
            ]
        );
        var reply = request.Reply(new JsonObject { ["status"] = "ok" }, "kernel");

        Assert.Equal("complete_reply", reply.MessageType);
        Assert.Equal(request.MessageId, reply.ParentHeader["msg_id"]!.GetValue<string>());
        Assert.Equal("5.3", reply.Header["version"]!.GetValue<string>());
        Assert.Same(request.Identities, reply.Identities);
    }
}
