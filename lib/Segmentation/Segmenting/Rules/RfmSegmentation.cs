using System.Globalization;
using Segmentation.Common;
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
    /// <summary>Header of <see cref="WriteCsv"/>.</summary>
    public const string CsvHeader = "customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_segment";

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

    /// <summary>
    /// Writes <c>rfm.csv</c>: header <see cref="CsvHeader"/>, one row per customer sorted by customer id (ordinal),
    /// monetary with at least two decimals, "\n" line ends.
    /// </summary>
    public void WriteCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CsvHeader);
        writer.Write('\n');
        var order = Enumerable
            .Range(0, Scores.Rows.Count)
            .OrderBy(i => Scores.Rows[i].CustomerId, StringComparer.Ordinal);
        foreach (var i in order)
        {
            var r = Scores.Rows[i];
            Csv.WriteRow(
                writer,
                [
                    Csv.Field(r.CustomerId),
                    r.RecencyDays.ToString(CultureInfo.InvariantCulture),
                    r.Frequency.ToString(CultureInfo.InvariantCulture),
                    Csv.Money(r.Monetary),
                    r.RecencyScore.ToString(CultureInfo.InvariantCulture),
                    r.FrequencyScore.ToString(CultureInfo.InvariantCulture),
                    r.MonetaryScore.ToString(CultureInfo.InvariantCulture),
                    Csv.Field(Segments[i]),
                ]
            );
        }
    }

    /// <summary>Writes the score bins: <c>dimension,score,customers,lowest,highest</c> for recency, frequency and
    /// monetary.</summary>
    public void WriteBinsCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Csv.WriteRow(writer, ["dimension", "score", "customers", "lowest", "highest"]);
        foreach (
            var (dimension, bins) in new[]
            {
                ("recency_days", Scores.RecencyBins),
                ("frequency", Scores.FrequencyBins),
                ("monetary", Scores.MonetaryBins),
            }
        )
        {
            foreach (var b in bins)
            {
                string Value(decimal? v) =>
                    v is not { } x ? ""
                    : dimension == "monetary" ? Csv.Money(x)
                    : x.ToString("0", CultureInfo.InvariantCulture);
                Csv.WriteRow(
                    writer,
                    [dimension, Csv.Count(b.Score), Csv.Count(b.Customers), Value(b.Lowest), Value(b.Highest)]
                );
            }
        }
    }

    /// <summary>Writes the segment counts with their rules: <c>segment,customers,rule</c>, table order, "other"
    /// last.</summary>
    public void WriteCountsCsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Csv.WriteRow(writer, ["segment", "customers", "rule"]);
        foreach (var count in Counts)
        {
            var rule = Rules.Rules.FirstOrDefault(r => r.Name == count.Segment)?.ToString() ?? "matches no rule";
            Csv.WriteRow(writer, [Csv.Field(count.Segment), Csv.Count(count.Customers), Csv.Field(rule)]);
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant($"RfmSegmentation: {Scores.Rows.Count} customers as of {Scores.AsOf:yyyy-MM-dd}, ")
        + FormattableString.Invariant($"{Counts.Count(c => c.Customers > 0)} segments used, {OtherCount} other");
}
