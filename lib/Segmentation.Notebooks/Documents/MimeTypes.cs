namespace Segmentation.Notebooks.Documents;

/// <summary>The mime types the runtime produces and reads.</summary>
public static class MimeTypes
{
    /// <summary>Plain text.</summary>
    public const string PlainText = "text/plain";

    /// <summary>HTML fragment.</summary>
    public const string Html = "text/html";

    /// <summary>Markdown source.</summary>
    public const string Markdown = "text/markdown";

    /// <summary>A plotly figure (<c>{"data": …, "layout": …}</c>), rendered natively by JupyterLab and VS
    /// Code.</summary>
    public const string PlotlyJson = "application/vnd.plotly.v1+json";

    /// <summary>True for the types nbformat stores as JSON rather than text.</summary>
    public static bool IsJson(string mimeType)
    {
        ArgumentNullException.ThrowIfNull(mimeType);
        return mimeType == "application/json"
            || (
                mimeType.StartsWith("application/", StringComparison.Ordinal)
                && mimeType.EndsWith("+json", StringComparison.Ordinal)
            );
    }
}
