using System.Text.Json.Nodes;
using Segmentation.Kernel.Engine;
using Segmentation.Kernel.Protocol;

namespace Segmentation.Kernel.Hosting;

/// <summary>Replies to the requests answered without running code: kernel info and the editor's questions.</summary>
internal static class ShellReplies
{
    public static JsonObject KernelInfo() =>
        new()
        {
            ["status"] = "ok",
            ["protocol_version"] = JupyterMessage.ProtocolVersion,
            ["implementation"] = KernelIdentity.KernelName,
            ["implementation_version"] = KernelIdentity.ImplementationVersion,
            ["language_info"] = KernelIdentity.LanguageInfo(),
            ["banner"] =
                $"{KernelIdentity.DisplayName}: C# {KernelIdentity.LanguageVersion} cells on .NET "
                + $"{Environment.Version.ToString(2)}",
            ["help_links"] = new JsonArray(),
        };

    public static JsonObject Complete(IKernelEngine engine, string code, int cursorCodePoints)
    {
        var cursor = TextPositions.ToUtf16(code, cursorCodePoints);
        var result = engine.Complete(code, cursor);
        var start = TextPositions.ToCodePoints(code, result.Start);
        var end = TextPositions.ToCodePoints(code, result.End);
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray(result.Items.Select(i => (JsonNode?)JsonValue.Create(i.Text)).ToArray()),
            ["cursor_start"] = start,
            ["cursor_end"] = end,
            ["metadata"] = new JsonObject
            {
                ["_jupyter_types_experimental"] = new JsonArray(
                    result
                        .Items.Select(i =>
                            (JsonNode?)
                                new JsonObject
                                {
                                    ["start"] = start,
                                    ["end"] = end,
                                    ["text"] = i.Text,
                                    ["type"] = i.Kind,
                                    ["signature"] = i.Signature,
                                }
                        )
                        .ToArray()
                ),
            },
        };
    }

    public static JsonObject Inspect(IKernelEngine engine, string code, int cursorCodePoints, int detailLevel)
    {
        var found = engine.Inspect(code, TextPositions.ToUtf16(code, cursorCodePoints), detailLevel);
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = found is not null,
            ["data"] = found is null ? new JsonObject() : MessageContent.Data(found.Bundle),
            ["metadata"] = new JsonObject(),
        };
    }

    public static JsonObject IsComplete(IKernelEngine engine, string code)
    {
        var verdict = engine.IsComplete(code);
        var reply = new JsonObject { ["status"] = verdict.Status.ToString().ToLowerInvariant() };
        if (verdict.Status == Completeness.Incomplete)
            reply["indent"] = verdict.Indent;
        return reply;
    }
}
