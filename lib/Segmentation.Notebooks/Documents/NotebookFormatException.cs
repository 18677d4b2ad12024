namespace Segmentation.Notebooks.Documents;

/// <summary>A file that is not a readable nbformat 4 notebook.</summary>
public sealed class NotebookFormatException : SegmentationException
{
    /// <summary>Creates the exception.</summary>
    public NotebookFormatException(string message)
        : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public NotebookFormatException(string message, Exception inner)
        : base(message, inner) { }
}
