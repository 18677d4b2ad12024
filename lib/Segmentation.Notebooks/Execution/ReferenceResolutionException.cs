namespace Segmentation.Notebooks.Execution;

/// <summary>A <c>#r</c> directive that could not be satisfied (missing file, failed restore or build, stale
/// host).</summary>
public sealed class ReferenceResolutionException : SegmentationException
{
    /// <summary>Creates the exception.</summary>
    public ReferenceResolutionException(string message)
        : base(message) { }
}
