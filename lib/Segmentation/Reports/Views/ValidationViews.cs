using Plotly.NET;
using Segmentation.Charts;
using Segmentation.Common.Text;
using Segmentation.Validation;

namespace Segmentation.Reports.Views;

/// <summary>
/// Charts of validation results (holdout, migration) as notebook 06 shows them; titles in the language given.
/// </summary>
public static class ValidationViews
{
    /// <summary>
    /// Each segment's mean holdout outcome relative to the average customer (lift; 1 = average), one column per
    /// segment; a segment without a lift shows 0.
    /// </summary>
    public static GenericChart HoldoutLift(HoldoutResult holdout, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        var t = language ?? Language.Current;
        return SegmentCharts.Columns(
            holdout.Segments.Select(s => s.Segment).ToList(),
            holdout.Segments.Select(s => s.Lift ?? 0).ToList(),
            t["Label_HoldoutLift"],
            t["Col_Lift"]
        );
    }

    /// <summary>
    /// How customers moved between named RFM segments from <paramref name="from"/> to <paramref name="to"/>, as a
    /// Sankey diagram: segments by their names in the language (<see cref="Migration.SegmentText"/>), the dates in its
    /// words.
    /// </summary>
    public static GenericChart RfmMigration(
        MigrationMatrix moves,
        DateOnly from,
        DateOnly to,
        Language? language = null
    )
    {
        ArgumentNullException.ThrowIfNull(moves);
        var t = language ?? Language.Current;
        string Name(string segment) => Migration.SegmentText(segment, t);
        return SegmentCharts.Migration(
            moves.Links.Select(l => Name(l.From)).ToList(),
            moves.Links.Select(l => Name(l.To)).ToList(),
            moves.Links.Select(l => (double)l.Count).ToList(),
            t.Format("Label_RfmMigration", t.Date(from), t.Date(to)),
            t
        );
    }
}
