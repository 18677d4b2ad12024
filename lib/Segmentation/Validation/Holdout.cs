using Segmentation.Common.Text;

namespace Segmentation.Validation;

/// <summary>The next-period outcome of one segment.</summary>
/// <param name="Segment">The segment.</param>
/// <param name="Count">Customers in the segment.</param>
/// <param name="Mean">Mean outcome of the segment's customers.</param>
/// <param name="Lift">Segment mean / overall mean (1 = average; higher = above average); null when the overall mean is
/// 0.</param>
public sealed record SegmentOutcome(string Segment, int Count, double Mean, double? Lift);

/// <summary>Result of <see cref="Holdout.Evaluate"/>.</summary>
/// <param name="Customers">Customers evaluated.</param>
/// <param name="OverallMean">Mean outcome over every customer.</param>
/// <param name="EtaSquared">Share of the outcome's variance explained by the segments, η² = between-segment SS / total
/// SS, in [0, 1]; higher is better; 0 when the outcome is constant.</param>
/// <param name="BetweenSumOfSquares">Σ over segments of count · (segment mean − overall mean)².</param>
/// <param name="TotalSumOfSquares">Σ over customers of (outcome − overall mean)².</param>
/// <param name="Segments">Per segment, in ordinal order of the segment name.</param>
public sealed record HoldoutResult(
    int Customers,
    double OverallMean,
    double EtaSquared,
    double BetweenSumOfSquares,
    double TotalSumOfSquares,
    IReadOnlyList<SegmentOutcome> Segments
)
{
    /// <summary>"2996 customers; η² = 0.123 of the variation in holdout spend is explained by the segments" in
    /// <paramref name="language"/> (default <see cref="Language.Current"/>).</summary>
    public string Summary(Language? language = null) =>
        (language ?? Language.Current).Format("Summary_Holdout", Customers, EtaSquared);

    /// <summary>"RFM segments: η² = 0.123" in <paramref name="language"/> (default <see cref="Language.Current"/>),
    /// for a holdout of the RFM named segments.</summary>
    public string RfmSummary(Language? language = null) =>
        (language ?? Language.Current).Format("Summary_HoldoutRfm", EtaSquared);
}

/// <summary>
/// Holdout judgement of a segmentation: segments fitted on one period, outcome measured on the next
/// (revenue, orders, churned as 0/1, …). Segments that explain the next period's behaviour are useful;
/// segments that only describe the past are not.
/// </summary>
public static class Holdout
{
    /// <summary>
    /// η² of the outcome by segment and each segment's mean and lift. <paramref name="segments"/> and
    /// <paramref name="outcome"/> are aligned per customer (the caller joins on customer id and decides
    /// what a missing next-period outcome is, e.g. 0 revenue).
    /// </summary>
    public static HoldoutResult Evaluate(IReadOnlyList<string> segments, IReadOnlyList<double> outcome)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(outcome);
        if (segments.Count != outcome.Count)
            throw new OptionsException(
                FormattableString.Invariant($"segments={segments.Count} must equal outcome={outcome.Count}")
            );
        if (segments.Count == 0)
            throw new OptionsException("segments=0 must be >= 1");
        var sums = new SortedDictionary<string, (int Count, double Sum)>(StringComparer.Ordinal);
        var total = 0.0;
        for (var i = 0; i < outcome.Count; i++)
        {
            var y = outcome[i];
            if (!double.IsFinite(y))
                throw new OptionsException(FormattableString.Invariant($"outcome[{i}]={y}; expected a finite number"));
            var segment = segments[i]
                ?? throw new OptionsException(
                    FormattableString.Invariant($"segments[{i}] is null; expected a segment name")
                );
            var (count, sum) = sums.GetValueOrDefault(segment);
            sums[segment] = (count + 1, sum + y);
            total += y;
        }
        var n = outcome.Count;
        var mean = total / n;
        var totalSquares = 0.0;
        foreach (var y in outcome)
            totalSquares += (y - mean) * (y - mean);
        var betweenSquares = 0.0;
        var perSegment = new List<SegmentOutcome>(sums.Count);
        foreach (var (segment, (count, sum)) in sums)
        {
            var segmentMean = sum / count;
            betweenSquares += count * (segmentMean - mean) * (segmentMean - mean);
            perSegment.Add(new SegmentOutcome(segment, count, segmentMean, mean == 0 ? null : segmentMean / mean));
        }
        var etaSquared = totalSquares == 0 ? 0.0 : Math.Clamp(betweenSquares / totalSquares, 0.0, 1.0);
        return new HoldoutResult(n, mean, etaSquared, betweenSquares, totalSquares, perSegment);
    }
}
