using System.Globalization;

namespace Segmentation.Benchmarks;

/// <summary>One row of an rfm.csv as both sides write it.</summary>
public readonly record struct RfmRow(
    int RecencyDays,
    int Frequency,
    decimal Monetary,
    int RecencyScore,
    int FrequencyScore,
    int MonetaryScore
);

/// <summary>Reads rfm.csv (columns found by name: customer_id, recency_days, frequency, monetary, r_score, f_score,
/// m_score) and compares two.</summary>
public static class RfmFile
{
    private static readonly string[] Needed =
    [
        "customer_id",
        "recency_days",
        "frequency",
        "monetary",
        "r_score",
        "f_score",
        "m_score",
    ];

    /// <summary>Customer id → row.</summary>
    public static Dictionary<string, RfmRow> Read(string path)
    {
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? throw new BenchmarkException($"{path} is empty")).Split(',');
        var at = Needed.Select(n => Array.IndexOf(header, n)).ToArray();
        if (at.Any(i => i < 0))
            throw new BenchmarkException(
                $"{path}: header '{string.Join(',', header)}' lacks one of {string.Join(',', Needed)}"
            );
        var rows = new Dictionary<string, RfmRow>(StringComparer.Ordinal);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            // Customer ids in the generated data are digits; no field of these columns is quoted.
            var f = line.Split(',');
            int Int(int i) => int.Parse(f[at[i]], CultureInfo.InvariantCulture);
            rows[f[at[0]]] = new RfmRow(
                Int(1),
                Int(2),
                decimal.Parse(f[at[3]], NumberStyles.Number, CultureInfo.InvariantCulture),
                Int(4),
                Int(5),
                Int(6)
            );
        }
        return rows;
    }

    /// <summary>How two rfm.csv files differ (all zero when they agree).</summary>
    public static RfmAgreement Compare(
        IReadOnlyDictionary<string, RfmRow> ours,
        IReadOnlyDictionary<string, RfmRow> theirs
    )
    {
        int onlyOurs = 0,
            recency = 0,
            frequency = 0,
            monetary = 0,
            rScore = 0,
            fScore = 0,
            mScore = 0;
        var examples = new List<string>();
        foreach (var (id, a) in ours)
        {
            if (!theirs.TryGetValue(id, out var b))
            {
                onlyOurs++;
                continue;
            }
            var differs = false;
            if (a.RecencyDays != b.RecencyDays)
            {
                recency++;
                differs = true;
            }
            if (a.Frequency != b.Frequency)
            {
                frequency++;
                differs = true;
            }
            if (Math.Round(a.Monetary, 2) != Math.Round(b.Monetary, 2))
            {
                monetary++;
                differs = true;
            }
            if (a.RecencyScore != b.RecencyScore)
            {
                rScore++;
                differs = true;
            }
            if (a.FrequencyScore != b.FrequencyScore)
            {
                fScore++;
                differs = true;
            }
            if (a.MonetaryScore != b.MonetaryScore)
            {
                mScore++;
                differs = true;
            }
            if (differs && examples.Count < 5)
                examples.Add($"{id}: seg {a} vs pandas {b}");
        }
        var onlyTheirs = theirs.Keys.Count(id => !ours.ContainsKey(id));
        return new RfmAgreement(
            ours.Count,
            theirs.Count,
            onlyOurs,
            onlyTheirs,
            recency,
            frequency,
            monetary,
            rScore,
            fScore,
            mScore,
            examples
        );
    }
}

/// <summary>Counts of disagreements between two RFM outputs.</summary>
public sealed record RfmAgreement(
    int OurCustomers,
    int TheirCustomers,
    int OnlyOurs,
    int OnlyTheirs,
    int Recency,
    int Frequency,
    int Monetary,
    int RecencyScore,
    int FrequencyScore,
    int MonetaryScore,
    IReadOnlyList<string> Examples
)
{
    /// <summary>True when both have the same customers with the same values (money to the cent) and scores.</summary>
    public bool Agrees =>
        OnlyOurs + OnlyTheirs + Recency + Frequency + Monetary + RecencyScore + FrequencyScore + MonetaryScore == 0;

    /// <inheritdoc />
    public override string ToString() =>
        Agrees
            ? FormattableString.Invariant(
                $"identical: {OurCustomers:N0} customers, same recency, frequency, monetary (to the cent) "
            ) + "and R/F/M scores"
            : FormattableString.Invariant(
                $"DIFFER: customers seg={OurCustomers:N0} pandas={TheirCustomers:N0} (only seg {OnlyOurs}, "
            )
                + FormattableString.Invariant(
                    $"only pandas {OnlyTheirs}); mismatches recency={Recency} frequency={Frequency} "
                )
                + FormattableString.Invariant(
                    $"monetary={Monetary} r={RecencyScore} f={FrequencyScore} m={MonetaryScore}"
                )
                + string.Concat(Examples.Select(e => "\n    " + e));
}
