using System.CommandLine;
using System.Runtime.InteropServices;
using NetMQ;
using Segmentation.Common.Text;
using Segmentation.Kernel.Hosting;
using Segmentation.Kernel.Protocol;

namespace Segmentation.Cli.Commands;

/// <summary>`seg kernel`: install, uninstall and run the C# Jupyter kernel.</summary>
internal sealed class KernelCommand : ICliCommand
{
    /// <inheritdoc />
    public Command Create()
    {
        var command = new Command(
            "kernel",
            $"The \"{KernelIdentity.DisplayName}\" Jupyter kernel: install its kernelspec, remove it, or run it."
        );
        command.Subcommands.Add(Install());
        command.Subcommands.Add(Uninstall());
        command.Subcommands.Add(Start());
        return command;
    }

    private static Command Install() =>
        KernelspecCommand(
            "install",
            $"Write the kernelspecs '{KernelIdentity.KernelName}' and '{KernelIdentity.ChineseKernelName}' "
                + "(cells' charts and tables in Chinese) "
                + $"so Jupyter, JupyterLab and VS Code offer \"{KernelIdentity.DisplayName}\" and "
                + $"\"{KernelIdentity.ChineseDisplayName}\".",
            (kernels, language) =>
            {
                var (name, displayName) = KernelIdentity.For(language);
                var directory = KernelSpec.Install(kernels, KernelArgv(language), name, displayName);
                return $"installed kernelspec {name} (\"{displayName}\") in {directory}";
            }
        );

    private static Command Uninstall() =>
        KernelspecCommand(
            "uninstall",
            $"Remove the kernelspecs '{KernelIdentity.KernelName}' and '{KernelIdentity.ChineseKernelName}'.",
            (kernels, language) =>
            {
                var name = KernelIdentity.For(language).Name;
                var removed = KernelSpec.Uninstall(kernels, name);
                return removed is null ? $"no kernelspec {name} in {kernels}" : $"removed {removed}";
            }
        );

    /// <summary>
    /// A subcommand over the kernelspec of every language in the kernels directory that --user or --prefix names:
    /// <paramref name="each"/> acts on one language's kernelspec and returns the line to print.
    /// </summary>
    private static Command KernelspecCommand(string name, string description, Func<string, Language, string> each)
    {
        var (user, prefix) = LocationOptions();
        var command = new Command(name, description) { user, prefix };
        command.SetAction(parse =>
            CliHost.Guard(() =>
            {
                var kernels = KernelsDirectory(parse.GetValue(user), parse.GetValue(prefix));
                foreach (var language in Language.All)
                    Console.WriteLine(each(kernels, language));
                return 0;
            })
        );
        return command;
    }

    private static Command Start()
    {
        var connectionFile = new Option<string>("--connection-file")
        {
            Description = "The connection file Jupyter wrote (ports, address, key).",
            Required = true,
        };
        var language = new Option<string>("--language")
        {
            Description = "The language cells' charts and tables are written in: en or zh-CN.",
            DefaultValueFactory = _ => "en",
        };
        var command = new Command("start", "Run the kernel (Jupyter starts it with the kernelspec's command line).")
        {
            connectionFile,
            language,
        };
        command.SetAction(parse =>
            CliHost.Guard(() =>
            {
                var words = Language.Parse(parse.GetValue(language)!);
                var connection = ConnectionInfo.Load(parse.GetValue(connectionFile)!);
                using var engine = new Segmentation.Kernel.Engine.NotebookEngine(
                    new Segmentation.Notebooks.Execution.NotebookSessionOptions { Language = words }
                );
                using var server = new KernelServer(connection, engine, log: Console.Error);
                // The kernel owns this process: SIGINT interrupts the running cell instead of ending the process
                // (jupyter_client signals before it asks for a shutdown), and cells read stdin through the frontend.
                Program.InterruptHandledByCommand = true;
                using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
                {
                    context.Cancel = true;
                    server.Interrupt();
                });
                Console.SetIn(server.StandardInput);
                server.Run();
                NetMQConfig.Cleanup(block: true);
                return 0;
            })
        );
        return command;
    }

    private static (Option<bool> User, Option<string?> Prefix) LocationOptions() =>
        (
            new Option<bool>("--user") { Description = "The user's Jupyter data directory (the default)." },
            new Option<string?>("--prefix")
            {
                Description = "An installation prefix: the kernelspec goes to PREFIX/share/jupyter/kernels.",
            }
        );

    private static string KernelsDirectory(bool user, string? prefix)
    {
        if (user && prefix is not null)
            throw new OptionsException($"--user and --prefix='{prefix}' exclude each other");
        return prefix is null ? KernelSpec.UserKernelsDirectory() : KernelSpec.PrefixKernelsDirectory(prefix);
    }

    /// <summary>
    /// The command line that runs this very build of seg: the dotnet host and seg.dll, or the seg
    /// executable itself when it was started as one.
    /// </summary>
    private static string[] KernelArgv(Language language)
    {
        var segDll = typeof(Program).Assembly.Location;
        var process = Environment.ProcessPath ?? "dotnet";
        var processName = Path.GetFileNameWithoutExtension(process);
        string[] launcher =
            processName == "seg" ? [process] : [processName == "dotnet" ? process : DotnetHost(), segDll];
        string[] words = language == Language.English ? [] : ["--language", language.Code];
        return [.. launcher, "kernel", "start", .. words, "--connection-file", KernelSpec.ConnectionFilePlaceholder];
    }

    /// <summary>The dotnet host when seg runs inside another process (tests): the SDK's DOTNET_HOST_PATH, else dotnet
    /// on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)
            ? host
            : "dotnet";
}
