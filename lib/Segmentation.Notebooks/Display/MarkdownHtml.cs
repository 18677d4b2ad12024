using Markdig;

namespace Segmentation.Notebooks.Display;

/// <summary>Markdown → HTML with Markdig (tables, task lists, footnotes…); raw HTML in the source is escaped, not
/// passed through.</summary>
public static class MarkdownHtml
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    /// <summary>Renders markdown to an HTML fragment.</summary>
    public static string Render(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        return Markdown.ToHtml(markdown, Pipeline);
    }
}
