using Plotly.NET;
using Segmentation.Charts;
using Segmentation.Common.Text;
using Segmentation.Data.Cleaning;

namespace Segmentation.Reports.Views;

/// <summary>
/// Charts of the cleaning step, as the notebooks and report.html show them; titles in the language given.
/// </summary>
public static class QualityViews
{
    /// <summary>
    /// Rows taken by each cleaning rule (one column per rule, the rule's name as written), titled in
    /// <paramref name="language"/> (default <see cref="Language.Current"/>).
    /// </summary>
    public static GenericChart RowsPerRule(CleaningResult cleaning, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(cleaning);
        var t = language ?? Language.Current;
        return SegmentCharts.Columns(
            cleaning.Rules.Select(r => r.Rule).ToArray(),
            cleaning.Rules.Select(r => (double)r.Rows).ToArray(),
            t["Chart_RowsPerRule"],
            t["Chart_Rows"]
        );
    }
}
