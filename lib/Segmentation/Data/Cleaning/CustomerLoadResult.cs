using System.Globalization;

namespace Segmentation.Data.Cleaning;

/// <summary>What loading a customer table did (rows_in = loaded + quarantined, checked before this is
/// returned).</summary>
/// <param name="File">The file as given.</param>
/// <param name="Mapping">The column mapping used.</param>
/// <param name="RowsIn">Records read.</param>
/// <param name="Loaded">Rows in the customers table.</param>
/// <param name="Quarantined">Rows in quarantine from this file.</param>
/// <param name="Report">The data-quality report.</param>
public sealed record CustomerLoadResult(
    string File,
    ColumnMapping Mapping,
    long RowsIn,
    long Loaded,
    long Quarantined,
    QualityReport Report
)
{
    /// <summary>Known customer columns the file provided (the others are NULL).</summary>
    public IReadOnlyList<string> PresentColumns { get; init; } = [];

    /// <summary>Columns of the file passed through to the customers table as text, under these names.</summary>
    public IReadOnlyList<string> PassthroughColumns { get; init; } = [];

    /// <summary>Columns dropped at load because they hold direct identifiers (name, e-mail, phone, address, national
    /// id).</summary>
    public IReadOnlyList<string> DroppedIdentifierColumns { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"CustomerLoadResult: rows_in={RowsIn}, loaded={Loaded}, quarantined={Quarantined} ({File})"
        );
}
