namespace Segmentation.Notebooks.Documents;

/// <summary>The nbformat cell types.</summary>
public static class CellTypes
{
    /// <summary>A code cell.</summary>
    public const string Code = "code";

    /// <summary>A markdown cell.</summary>
    public const string Markdown = "markdown";

    /// <summary>A raw cell (passed through untouched).</summary>
    public const string Raw = "raw";
}
