using System.Text.Json.Nodes;
using Segmentation.Cli;
using Segmentation.Kernel.Hosting;

namespace Segmentation.Kernel.Tests.Hosting;

public sealed class KernelSpecTests : IDisposable
{
    private readonly string prefix = Directory.CreateTempSubdirectory("seg-kernelspec-").FullName;

    [Fact]
    public void Install_writes_a_kernelspec_that_runs_this_seg_with_the_connection_file_and_uninstall_removes_it()
    {
        Assert.Equal(0, Program.Main(["kernel", "install", "--prefix", this.prefix]));
        var directory = Path.Combine(this.prefix, "share", "jupyter", "kernels", "segmentation-csharp");
        var spec = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "kernel.json")))!;
        var argv = spec["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();

        Assert.Equal("C# (Segmentation)", spec["display_name"]!.GetValue<string>());
        Assert.Equal("csharp", spec["language"]!.GetValue<string>());
        Assert.Equal("message", spec["interrupt_mode"]!.GetValue<string>());
        Assert.Equal(["kernel", "start", "--connection-file", "{connection_file}"], argv[^4..]);
        Assert.Equal(typeof(Program).Assembly.Location, argv[^5]);
        Assert.True(Path.IsPathRooted(argv[^5]));

        Assert.Equal(0, Program.Main(["kernel", "uninstall", "--prefix", this.prefix]));
        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Install_also_writes_the_chinese_kernelspec_passing_the_language_and_uninstall_removes_it()
    {
        Assert.Equal(0, Program.Main(["kernel", "install", "--prefix", this.prefix]));
        var kernels = Path.Combine(this.prefix, "share", "jupyter", "kernels");
        var english = JsonNode.Parse(File.ReadAllText(Path.Combine(kernels, "segmentation-csharp", "kernel.json")))!;
        var chinese = JsonNode.Parse(
            File.ReadAllText(Path.Combine(kernels, KernelIdentity.ChineseKernelName, "kernel.json"))
        )!;
        var englishArgv = english["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        var chineseArgv = chinese["argv"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();

        Assert.Equal("segmentation-csharp-zh", KernelIdentity.ChineseKernelName);
        Assert.Equal("C# (Segmentation, 中文)", chinese["display_name"]!.GetValue<string>());
        Assert.Equal("csharp", chinese["language"]!.GetValue<string>());
        Assert.Equal(
            ["kernel", "start", "--language", "zh-CN", "--connection-file", "{connection_file}"],
            chineseArgv[^6..]
        );
        Assert.Equal(englishArgv[..^4], chineseArgv[..^6]);
        Assert.DoesNotContain("--language", englishArgv);

        Assert.Equal(0, Program.Main(["kernel", "uninstall", "--prefix", this.prefix]));
        Assert.False(Directory.Exists(Path.Combine(kernels, KernelIdentity.ChineseKernelName)));
        Assert.False(Directory.Exists(Path.Combine(kernels, "segmentation-csharp")));
    }

    [Fact]
    public void A_kernel_started_in_an_unknown_language_is_a_user_error()
    {
        Assert.Equal(
            2,
            Program.Main([
                "kernel",
                "start",
                "--language",
                "fr",
                "--connection-file",
                Path.Combine(this.prefix, "none.json"),
            ])
        );
    }

    [Fact]
    public void User_and_prefix_together_are_a_user_error()
    {
        Assert.Equal(2, Program.Main(["kernel", "install", "--user", "--prefix", this.prefix]));
    }

    [Fact]
    public void A_command_line_without_the_connection_file_placeholder_is_refused()
    {
        var error = Assert.Throws<OptionsException>(() =>
            KernelSpec.KernelJson(["dotnet", "seg.dll", "kernel", "start"])
        );
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

    public void Dispose() => Directory.Delete(this.prefix, recursive: true);
}
