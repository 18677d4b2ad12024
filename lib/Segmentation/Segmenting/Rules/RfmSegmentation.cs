using Segmentation.Features;

namespace Segmentation.Segmenting.Rules;

/// <summary>How many customers a segment holds.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="Customers">Number of customers.</param>
public sealed record SegmentCount(string Segment, int Customers);

/// <summary>
/// Named RFM segments: every customer's scores and the first matching rule of an ordered rule table.
/// Counts list every rule (zero included, in table order) and then <see cref="RfmSegmentRules.Other"/>.
/// </summary>
public sealed class RfmSegmentation
{
    private RfmSegmentation(RfmScores scores, RfmSegmentRules rules, IReadOnlyList<string> segments)
    {
        Scores = scores;
        Rules = rules;
        Segments = segments;
        var counts = rules
            .Rules.Select(r => r.Name)
            .Distinct(StringComparer.Ordinal)
            .Append(RfmSegmentRules.Other)
            .Select(name => new SegmentCount(name, segments.Count(s => s == name)))
            .ToArray();
        Counts = counts;
        OtherCount = counts[^1].Customers;
    }

    /// <summary>The scores and their bins.</summary>
    public RfmScores Scores { get; }

    /// <summary>The rule table used.</summary>
    public RfmSegmentRules Rules { get; }

    /// <summary>The segment of each row of <see cref="RfmScores.Rows"/>.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>Customers per segment: every rule in table order, then "other".</summary>
    public IReadOnlyList<SegmentCount> Counts { get; }

    /// <summary>Customers matching no rule.</summary>
    public int OtherCount { get; }

    /// <summary>Assigns a segment to every scored customer (default rules:
    /// <see cref="RfmSegmentRules.Default"/>).</summary>
    public static RfmSegmentation Assign(RfmScores scores, RfmSegmentRules? rules = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        rules ??= RfmSegmentRules.Default;
        var segments = scores
            .Rows.Select(r => rules.Assign(r.RecencyScore, r.FrequencyScore, r.MonetaryScore))
            .ToArray();
        return new RfmSegmentation(scores, rules, segments);
    }

    /// <summary>Scores and segments in one call, from RFM values (e.g. <c>Rfm.FromStore(store, asOf)</c>).</summary>
    public static RfmSegmentation FromRfm(RfmTable rfm, RfmSegmentRules? rules = null) =>
        Assign(RfmScores.Score(rfm), rules);

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"RfmSegmentation: {Scores.Rows.Count} customers as of {Scores.AsOf:yyyy-MM-dd}, ")
        + FormattableString.Invariant($"{Counts.Count(c => c.Customers > 0)} segments used, {OtherCount} other");
}
