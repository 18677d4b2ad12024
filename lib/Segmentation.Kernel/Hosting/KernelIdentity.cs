using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace Segmentation.Kernel.Hosting;

/// <summary>
/// How the kernel names itself to Jupyter: the kernelspec name, its display name and the
/// <c>language_info</c> that notebooks carry in their metadata.
/// </summary>
public static class KernelIdentity
{
    /// <summary>The kernelspec directory name, and <c>metadata.kernelspec.name</c> in notebooks.</summary>
    public const string KernelName = "segmentation-csharp";

    /// <summary>The name shown in kernel pickers, and <c>metadata.kernelspec.display_name</c>.</summary>
    public const string DisplayName = "C# (Segmentation)";

    /// <summary>
    /// The kernelspec of the same kernel whose cells write in Chinese (<c>--language zh-CN</c>): what the zh-CN
    /// notebooks name in <c>metadata.kernelspec.name</c>, so their charts and tables are Chinese while their code is
    /// the English notebooks'.
    /// </summary>
    public const string ChineseKernelName = "segmentation-csharp-zh";

    /// <summary>The display name of <see cref="ChineseKernelName"/>.</summary>
    public const string ChineseDisplayName = "C# (Segmentation, 中文)";

    /// <summary>The kernelspec name and display name of the kernel whose cells write in
    /// <paramref name="language"/>.</summary>
    public static (string Name, string DisplayName) For(Segmentation.Common.Text.Language language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return language == Segmentation.Common.Text.Language.English
            ? (KernelName, DisplayName)
            : (ChineseKernelName, ChineseDisplayName);
    }

    /// <summary>The kernelspec language, and <c>metadata.language_info.name</c>.</summary>
    public const string Language = "csharp";

    /// <summary>The C# language version cells are compiled with (Roslyn's latest, e.g. "14.0").</summary>
    public static string LanguageVersion { get; } =
        Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString();

    /// <summary>The version of this kernel implementation.</summary>
    public static string ImplementationVersion { get; } =
        typeof(KernelIdentity)
            .Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
            ?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>The <c>language_info</c> object of <c>kernel_info_reply</c> and of notebook metadata.</summary>
    public static JsonObject LanguageInfo() =>
        new()
        {
            ["name"] = Language,
            ["version"] = LanguageVersion,
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        };

    /// <summary>The <c>metadata.kernelspec</c> object notebooks carry.</summary>
    public static JsonObject KernelSpecMetadata() =>
        new()
        {
            ["name"] = KernelName,
            ["display_name"] = DisplayName,
            ["language"] = Language,
        };
}
