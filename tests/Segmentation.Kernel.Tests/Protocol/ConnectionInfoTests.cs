using Segmentation.Kernel.Protocol;

namespace Segmentation.Kernel.Tests.Protocol;

public sealed class ConnectionInfoTests
{
    private const string Valid = """
        {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
         "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256",
         "kernel_name": "segmentation-csharp"}
        """;

    [Fact]
    public void A_jupyter_connection_file_gives_one_endpoint_per_channel_on_its_address()
    {
        var info = ConnectionInfo.Parse(Valid, "c.json");

        Assert.Equal("tcp://127.0.0.1:5001", info.Endpoint(info.ShellPort));
        Assert.Equal(5004, info.ControlPort);
        Assert.Equal(5005, info.HeartbeatPort);
        Assert.Equal("k", info.Key);
        Assert.Equal("tcp://[::1]:5002", (info with { IpAddress = "::1" }).Endpoint(5002));
    }

    [Theory]
    [InlineData("\"transport\": \"tcp\"", "\"transport\": \"ipc\"", "transport")]
    [InlineData("\"signature_scheme\": \"hmac-sha256\"", "\"signature_scheme\": \"hmac-md5\"", "signature_scheme")]
    [InlineData("\"hb_port\": 5005", "\"hb_port\": 70000", "hb_port")]
    [InlineData("\"shell_port\": 5001,", "", "shell_port")]
    public void Unsupported_or_missing_fields_are_named_in_the_error(string field, string replacement, string named)
    {
        var error = Assert.Throws<DataFormatException>(() =>
            ConnectionInfo.Parse(Valid.Replace(field, replacement, StringComparison.Ordinal), "c.json")
        );
        Assert.Equal(named, error.Column);
        Assert.StartsWith("c.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_json_is_a_data_format_error()
    {
        Assert.Throws<DataFormatException>(() => ConnectionInfo.Parse("{not json", "c.json"));
    }
}
