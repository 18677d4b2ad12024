namespace Segmentation.Notebooks.Magics;

/// <summary>A magic command line that cannot be understood (unknown command, unknown option, missing value): one line,
/// for people.</summary>
public sealed class MagicException : SegmentationException
{
    /// <summary>Creates the exception.</summary>
    public MagicException(string message)
        : base(message) { }
}
