namespace Segmentation.Notebooks.Execution;

/// <summary>The kinds of <c>#r</c> directive.</summary>
public enum ReferenceKind
{
    /// <summary><c>#r "path/to/file.dll"</c> (relative to the notebook's directory) or a host assembly name.</summary>
    Assembly,

    /// <summary><c>#r "nuget: Name, Version"</c>.</summary>
    NuGet,

    /// <summary><c>#r "project: path/to/project"</c> (a .csproj or its directory): built, then referenced.</summary>
    Project,

    /// <summary><c>#r "workspace"</c>: the workspace's Segmentation library, built from the current source.</summary>
    Workspace,
}

/// <summary>One <c>#r</c> directive of a cell.</summary>
/// <param name="Kind">What it refers to.</param>
/// <param name="Value">The path, package name or project path.</param>
/// <param name="Version">The package version, when given.</param>
/// <param name="Line">1-based line in the cell.</param>
public sealed record ReferenceDirective(ReferenceKind Kind, string Value, string? Version, int Line)
{
    /// <summary>The directive as written, for messages.</summary>
    public override string ToString() =>
        Kind switch
        {
            ReferenceKind.NuGet => $"#r \"nuget: {Value}{(Version is null ? "" : ", " + Version)}\"",
            ReferenceKind.Project => $"#r \"project: {Value}\"",
            ReferenceKind.Workspace => "#r \"workspace\"",
            _ => $"#r \"{Value}\"",
        };

    /// <summary>The directive for the quoted text of <c>#r "…"</c> on a 1-based line.</summary>
    public static ReferenceDirective Parse(string text, int line)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
        {
            var parts = text["nuget:".Length..]
                .Split(',', 2, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new ReferenceDirective(
                ReferenceKind.NuGet,
                parts.FirstOrDefault() ?? "",
                parts.Length > 1 ? parts[1] : null,
                line
            );
        }
        if (text.StartsWith("project:", StringComparison.OrdinalIgnoreCase))
        {
            return new ReferenceDirective(ReferenceKind.Project, text["project:".Length..].Trim(), null, line);
        }
        return text.Equals("workspace", StringComparison.OrdinalIgnoreCase)
            ? new ReferenceDirective(ReferenceKind.Workspace, "workspace", null, line)
            : new ReferenceDirective(ReferenceKind.Assembly, text, null, line);
    }
}
