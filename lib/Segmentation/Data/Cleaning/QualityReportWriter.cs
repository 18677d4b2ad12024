using System.Text.Json;

namespace Segmentation.Data.Cleaning;

/// <summary>Writes quality reports as JSON (quality.json); the page people read, quality.html, is rendered by
/// <c>Reports.QualityPage</c>.</summary>
public static class QualityReportWriter
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The reports as a JSON document: <c>{"reports": [...]}</c>, snake_case names, invariant
    /// numbers.</summary>
    public static string ToJson(IReadOnlyList<QualityReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var document = new
        {
            Reports = reports.Select(r => new
            {
                r.File,
                r.Kind,
                r.Mapping,
                r.Encoding,
                r.InvalidEncodingLines,
                r.EncodingMessage,
                r.PhysicalLines,
                r.BlankLines,
                r.RowsIn,
                r.Kept,
                r.Returns,
                r.Quarantined,
                r.Balanced,
                r.Rules,
                r.Columns,
            }),
        };
        return JsonSerializer.Serialize(document, Json) + "\n";
    }
}
