using System.Text.Json.Nodes;
using Segmentation.Cli;
using Segmentation.Kernel.Hosting;

namespace Segmentation.Kernel.Tests.Hosting;

public sealed class KernelSpecTests : IDisposable
{
    private readonly string _prefix = Directory.CreateTempSubdirectory("seg-kernelspec-").FullName;

    [Fact]
    public void Install_writes_a_kernelspec_that_runs_this_seg_with_the_connection_file_and_uninstall_removes_it()
    {
        Assert.Equal(0, Program.Main(["kernel", "install", "--prefix", _prefix]));
        var directory = Path.Combine(_prefix, "share", "jupyter", "kernels", "segmentation-csharp");
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "kernel.json")))!;
        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();

        Assert.Equal("C# (Segmentation)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("csharp", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.Equal(["kernel", "start", "--connection-file", "{connection_file}"], argv[^4..]);
        Assert.Equal(typeof(Program).Assembly.Location, argv[^5]);
        Assert.True(Path.IsPathRooted(argv[^5]));

        Assert.Equal(0, Program.Main(["kernel", "uninstall", "--prefix", _prefix]));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void User_and_prefix_together_are_a_user_error()
    {
        Assert.Equal(2, Program.Main(["kernel", "install", "--user", "--prefix", _prefix]));
    }

    [Fact]
    public void A_command_line_without_the_connection_file_placeholder_is_refused()
    {
        var error = Assert.Throws<OptionsException>(() => KernelSpec.KernelJson(["dotnet", "seg.dll", "kernel", "start"]));
        Assert.Contains("{connection_file}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Notebook_metadata_names_the_installed_kernel()
    {
        var metadata = KernelIdentity.KernelSpecMetadata();
        Assert.Equal(KernelIdentity.KernelName, metadata["name"]!.GetValue<string>());
        Assert.Equal("csharp", KernelIdentity.LanguageInfo()["name"]!.GetValue<string>());
        Assert.Matches(@"^\d+\.\d+$", KernelIdentity.LanguageVersion);
    }

    public void Dispose() => Directory.Delete(_prefix, recursive: true);
}
