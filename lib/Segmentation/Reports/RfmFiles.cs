using System.Globalization;
using Segmentation.Common;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Reports;

/// <summary>
/// The RFM files of <c>seg rfm</c> and <c>seg segment</c>: rfm.csv (every customer's values, scores and segment),
/// rfm_bins.csv (the score bins) and rfm_segments.csv (the segment counts with their rules). Machine names only, the
/// same bytes in every language.
/// </summary>
public static class RfmFiles
{
    /// <summary>Header of <see cref="WriteCsv"/> (rfm.csv).</summary>
    public const string CsvHeader = "customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_segment";

    /// <summary>
    /// Writes <c>rfm.csv</c>: header <see cref="CsvHeader"/>, one row per customer sorted by customer id (ordinal),
    /// monetary with at least two decimals, "\n" line ends.
    /// </summary>
    public static void WriteCsv(RfmSegmentation segmentation, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CsvHeader);
        writer.Write('\n');
        var order = Enumerable
            .Range(0, segmentation.Scores.Rows.Count)
            .OrderBy(i => segmentation.Scores.Rows[i].CustomerId, StringComparer.Ordinal);
        foreach (var i in order)
        {
            var r = segmentation.Scores.Rows[i];
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
                    Csv.Field(segmentation.Segments[i]),
                ]
            );
        }
    }

    /// <summary>Writes the score bins: <c>dimension,score,customers,lowest,highest</c> for recency, frequency and
    /// monetary.</summary>
    public static void WriteBinsCsv(RfmSegmentation segmentation, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(writer);
        Csv.WriteRow(writer, ["dimension", "score", "customers", "lowest", "highest"]);
        foreach (
            var (dimension, bins) in new[]
            {
                ("recency_days", segmentation.Scores.RecencyBins),
                ("frequency", segmentation.Scores.FrequencyBins),
                ("monetary", segmentation.Scores.MonetaryBins),
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
    public static void WriteCountsCsv(RfmSegmentation segmentation, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(segmentation);
        ArgumentNullException.ThrowIfNull(writer);
        Csv.WriteRow(writer, ["segment", "customers", "rule"]);
        foreach (var count in segmentation.Counts)
        {
            var rule = segmentation.Rules.Rules.FirstOrDefault(r => r.Name == count.Segment)?.ToString()
                ?? "matches no rule";
            Csv.WriteRow(writer, [Csv.Field(count.Segment), Csv.Count(count.Customers), Csv.Field(rule)]);
        }
    }
}
