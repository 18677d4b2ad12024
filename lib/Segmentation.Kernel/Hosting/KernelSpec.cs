using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Segmentation.Kernel.Hosting;

/// <summary>
/// The kernelspec Jupyter finds the kernel by: a directory <c>kernels/segmentation-csharp</c>
/// holding <c>kernel.json</c> (command line, display name, language, interrupt mode); the Chinese kernel
/// (<see cref="KernelIdentity.ChineseKernelName"/>) is the same command line with <c>--language zh-CN</c>.
/// </summary>
public static class KernelSpec
{
    /// <summary>The placeholder Jupyter replaces with the connection file's path.</summary>
    public const string ConnectionFilePlaceholder = "{connection_file}";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// The user's kernels directory, as jupyter_core computes it: <c>$JUPYTER_DATA_DIR/kernels</c>, else
    /// <c>$XDG_DATA_HOME/jupyter/kernels</c> or <c>~/.local/share/jupyter/kernels</c> (Linux),
    /// <c>~/Library/Jupyter/kernels</c> (macOS), <c>%APPDATA%\jupyter\kernels</c> (Windows).
    /// </summary>
    public static string UserKernelsDirectory()
    {
        if (Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") is { Length: > 0 } data)
            return Path.Combine(data, "kernels");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (OperatingSystem.IsWindows())
            return Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData),
                "jupyter",
                "kernels"
            );
        if (OperatingSystem.IsMacOS())
            return Path.Combine(home, "Library", "Jupyter", "kernels");
        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME") is { Length: > 0 } x
            ? x
            : Path.Combine(home, ".local", "share");
        return Path.Combine(xdg, "jupyter", "kernels");
    }

    /// <summary>The kernels directory of an installation prefix: <c>PREFIX/share/jupyter/kernels</c> (what <c>jupyter
    /// kernelspec install --prefix</c> uses).</summary>
    public static string PrefixKernelsDirectory(string prefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        return Path.Combine(Path.GetFullPath(prefix), "share", "jupyter", "kernels");
    }

    /// <summary>The content of <c>kernel.json</c> for a kernel started by <paramref name="argv"/>, shown as
    /// <paramref name="displayName"/> (default <see cref="KernelIdentity.DisplayName"/>).</summary>
    /// <exception cref="OptionsException"><paramref name="argv"/> lacks
    /// <see cref="ConnectionFilePlaceholder"/>.</exception>
    public static JsonObject KernelJson(IReadOnlyList<string> argv, string displayName = KernelIdentity.DisplayName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentNullException.ThrowIfNull(argv);
        if (!argv.Contains(ConnectionFilePlaceholder))
        {
            throw new OptionsException($"argv='{string.Join(' ', argv)}' must contain {ConnectionFilePlaceholder}");
        }
        return new JsonObject
        {
            ["argv"] = new JsonArray(argv.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
            ["display_name"] = displayName,
            ["language"] = KernelIdentity.Language,
            ["interrupt_mode"] = "message",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
    }

    /// <summary>Writes the kernelspec <paramref name="name"/> into <paramref name="kernelsDirectory"/>; returns the
    /// kernel's directory.</summary>
    public static string Install(
        string kernelsDirectory,
        IReadOnlyList<string> argv,
        string name = KernelIdentity.KernelName,
        string displayName = KernelIdentity.DisplayName
    )
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kernelsDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var json = KernelJson(argv, displayName);
        var directory = Path.Combine(kernelsDirectory, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(
            Path.Combine(directory, "kernel.json"),
            json.ToJsonString(Indented) + "\n",
            new UTF8Encoding(false)
        );
        return directory;
    }

    /// <summary>Removes the kernelspec <paramref name="name"/> from <paramref name="kernelsDirectory"/>; returns the
    /// removed directory, or null when none was there.</summary>
    public static string? Uninstall(string kernelsDirectory, string name = KernelIdentity.KernelName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kernelsDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var directory = Path.Combine(kernelsDirectory, name);
        if (!Directory.Exists(directory))
            return null;
        Directory.Delete(directory, recursive: true);
        return directory;
    }
}
