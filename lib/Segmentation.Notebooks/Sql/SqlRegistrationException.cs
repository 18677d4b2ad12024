namespace Segmentation.Notebooks.Sql;

/// <summary>Data that cannot be registered as a SQL table (bad name, no columns).</summary>
public sealed class SqlRegistrationException : SegmentationException
{
    /// <summary>Creates the exception.</summary>
    public SqlRegistrationException(string message)
        : base(message) { }
}
