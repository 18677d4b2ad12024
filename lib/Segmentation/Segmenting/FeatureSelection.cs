using System.Text.Json.Serialization;
using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>What the feature diagnostic decided for one candidate clustering feature.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FeatureVerdict>))]
public enum FeatureVerdict
{
    /// <summary>Clustered on.</summary>
    Used,

    /// <summary>Left out: too many customers have no value.</summary>
    Missing,

    /// <summary>Left out: almost every customer has the same value.</summary>
    Constant,

    /// <summary>Left out: nearly a function of a feature already chosen (|correlation| above the limit).</summary>
    Redundant,

    /// <summary>Left out of an automatic choice: shows no cluster structure of its own nor any shared with the
    /// others.</summary>
    Noise,
}

/// <summary>The diagnostic of one candidate feature, computed before clustering.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="MissingShare">Share of customers without a value, in [0, 1].</param>
/// <param name="ModeShare">Share of customers holding the most common value, in [0, 1].</param>
/// <param name="Skewness">Moment skewness of the raw values (before any transform).</param>
/// <param name="BimodalityCoefficient">Sarle's bimodality coefficient of the encoded values; above 5/9 suggests several
/// modes.</param>
/// <param name="ClusterStructure">
/// η² of the encoded feature against a k-means clustering of the other candidates: the share of its variance that the
/// structure of the other features explains, in [0, 1]; null with a single candidate.
/// </param>
/// <param name="StrongestCorrelation">Largest absolute Pearson correlation with another candidate (encoded values);
/// null with a single candidate.</param>
/// <param name="CorrelatedWith">The candidate of <paramref name="StrongestCorrelation"/>.</param>
/// <param name="NoiseFlag">True when the feature shows neither modes of its own nor structure shared with the
/// others.</param>
/// <param name="Verdict">Used or why it was left out.</param>
/// <param name="Reason">The verdict in words, with the figures behind it.</param>
public sealed record FeatureDiagnostic(
    string Feature,
    double MissingShare,
    double ModeShare,
    double Skewness,
    double BimodalityCoefficient,
    double? ClusterStructure,
    double? StrongestCorrelation,
    string? CorrelatedWith,
    bool NoiseFlag,
    FeatureVerdict Verdict,
    string Reason
);

/// <summary>Limits of <see cref="FeatureSelection.Choose"/>.</summary>
public sealed record FeatureSelectionOptions
{
    /// <summary>A feature missing for more than this share of customers is left out.</summary>
    public double MaximumMissingShare { get; init; } = 0.5;

    /// <summary>A feature whose most common value is held by at least this share of customers is left out.</summary>
    public double MaximumModeShare { get; init; } = 0.95;

    /// <summary>A feature correlated above this (absolute, encoded values) with one already chosen is left
    /// out.</summary>
    public double MaximumCorrelation { get; init; } = 0.95;

    /// <summary>Noise: cluster structure below this and a bimodality coefficient at most
    /// <see cref="BimodalityThreshold"/>.</summary>
    public double MinimumClusterStructure { get; init; } = 0.05;

    /// <summary>Sarle's threshold 5/9: the bimodality coefficient of a uniform distribution.</summary>
    public double BimodalityThreshold { get; init; } = 5.0 / 9.0;

    /// <summary>Clusters of the k-means fit on the other features that measures cluster structure.</summary>
    public int StructureClusters { get; init; } = 4;

    /// <summary>Rows sampled for the cluster-structure fits.</summary>
    public int SampleSize { get; init; } = 5_000;

    /// <summary>Seed of the sample and the fits.</summary>
    public ulong Seed { get; init; } = 42;

    internal void Validate()
    {
        if (!(MaximumMissingShare is >= 0 and <= 1))
            throw new OptionsException(
                FormattableString.Invariant($"maximumMissingShare={MaximumMissingShare} must be in [0, 1]")
            );
        if (!(MaximumModeShare is > 0 and <= 1))
            throw new OptionsException(
                FormattableString.Invariant($"maximumModeShare={MaximumModeShare} must be in (0, 1]")
            );
        if (!(MaximumCorrelation is > 0 and <= 1))
            throw new OptionsException(
                FormattableString.Invariant($"maximumCorrelation={MaximumCorrelation} must be in (0, 1]")
            );
        if (StructureClusters < 2)
            throw new OptionsException(
                FormattableString.Invariant($"structureClusters={StructureClusters} must be >= 2")
            );
        if (SampleSize < 10)
            throw new OptionsException(FormattableString.Invariant($"sampleSize={SampleSize} must be >= 10"));
    }
}

/// <summary>
/// The clustering features and the evidence for them. <see cref="Automatic"/> is true when the workspace chose them
/// from candidates (missing, constant, redundant and noise features left out); false when the analyst named them (then
/// every named feature is used and the diagnostic only flags).
/// </summary>
/// <param name="Chosen">Features clustered on, in candidate order.</param>
/// <param name="Diagnostics">One diagnostic per candidate, in candidate order.</param>
/// <param name="Automatic">True for an automatic choice.</param>
/// <param name="Basis">Where the candidates came from, in words (for example "transaction log only: RFM core and
/// tenure").</param>
public sealed record FeatureSelection(
    IReadOnlyList<string> Chosen,
    IReadOnlyList<FeatureDiagnostic> Diagnostics,
    bool Automatic,
    string Basis
)
{
    /// <summary>
    /// The resource keys whose English texts make up <see cref="Basis"/>, in order, so a page in another language can
    /// say the same (empty when the basis was given as free text). Not part of the saved JSON, which keeps the English
    /// words.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<string> BasisKeys { get; init; } = [];

    /// <summary>The verdict in words of <paramref name="language"/> (default <see cref="Language.Current"/>).</summary>
    public static string VerdictText(FeatureVerdict verdict, Language? language = null) =>
        (language ?? Language.Current)["Verdict_" + verdict];

    /// <summary>
    /// Why <paramref name="diagnostic"/> got its verdict, with the figures behind it, in <paramref name="language"/>
    /// (default <see cref="Language.Current"/>): what <see cref="FeatureDiagnostic.Reason"/> says in English.
    /// </summary>
    public string ReasonText(FeatureDiagnostic diagnostic, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var t = language ?? Language.Current;
        var d = diagnostic;
        return d.Verdict switch
        {
            FeatureVerdict.Used when !Automatic => t[d.NoiseFlag ? "Reason_NamedNoise" : "Reason_Named"],
            FeatureVerdict.Used => d.ClusterStructure is { } eta
                ? t.Format(
                    "Reason_Used",
                    eta.ToString("0.000", t.Formats),
                    d.BimodalityCoefficient.ToString("0.000", t.Formats)
                )
                : t["Reason_Varies"],
            FeatureVerdict.Missing => t.Format("Reason_Missing", t.Percent(d.MissingShare, 0)),
            FeatureVerdict.Constant => t.Format("Reason_Constant", t.Percent(d.ModeShare, 0)),
            FeatureVerdict.Redundant => t.Format(
                "Reason_Redundant",
                (d.StrongestCorrelation ?? 0).ToString("0.000", t.Formats),
                d.CorrelatedWith ?? ""
            ),
            _ => t.Format(
                "Reason_Noise",
                (d.ClusterStructure ?? 0).ToString("0.000", t.Formats),
                d.BimodalityCoefficient.ToString("0.000", t.Formats)
            ),
        };
    }

    /// <summary>
    /// Diagnoses <paramref name="candidates"/> (numeric columns of <paramref name="table"/>) and, when
    /// <paramref name="automatic"/>, keeps those that are present, vary, are not redundant and carry structure.
    /// </summary>
    public static FeatureSelection Choose(
        FeatureTable table,
        IReadOnlyList<string> candidates,
        bool automatic,
        string basis,
        FeatureSelectionOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(candidates);
        options ??= new FeatureSelectionOptions();
        options.Validate();
        if (candidates.Count == 0)
            throw new OptionsException("candidates must name at least one feature");
        foreach (var c in candidates)
            if (!table.HasNumeric(c))
                throw new OptionsException(
                    $"feature {c} is not a numeric column; available: {string.Join(", ", table.NumericColumns)}"
                );

        var n = table.Rows;
        var encoded = FeaturePipeline
            .Default(table, candidates, [])
            .Columns.Select(spec => spec with { Missing = MissingValues.ImputeMedian })
            .ToArray();
        var x = new FeaturePipeline(encoded).Fit(table).Transform(table);
        var columns = Enumerable.Range(0, candidates.Count).Select(j => Column(x, j)).ToArray();

        var missing = candidates.Select(c => table.Numeric(c).Count(v => !double.IsFinite(v)) / (double)n).ToArray();
        var mode = candidates.Select(c => ModeShare(table.Numeric(c))).ToArray();
        var usable = Enumerable
            .Range(0, candidates.Count)
            .Where(j => missing[j] <= options.MaximumMissingShare && mode[j] < options.MaximumModeShare)
            .ToArray();
        var structure = Structure(x, usable, options);

        var diagnostics = new List<FeatureDiagnostic>();
        var chosen = new List<int>();
        for (var j = 0; j < candidates.Count; j++)
        {
            var present = table.Numeric(candidates[j]).Where(double.IsFinite).ToArray();
            var skewness = present.Length > 2 ? SampleStatistics.Skewness(present) : 0;
            var bimodality = SampleStatistics.BimodalityCoefficient(columns[j]);
            var (correlation, partner) = Strongest(columns, j);
            double? eta = structure.TryGetValue(j, out var e) ? e : null;
            var noise =
                eta is { } s && s < options.MinimumClusterStructure && bimodality <= options.BimodalityThreshold;
            var (verdict, reason) = Verdict(j);
            diagnostics.Add(
                new FeatureDiagnostic(
                    candidates[j],
                    missing[j],
                    mode[j],
                    skewness,
                    bimodality,
                    eta,
                    correlation,
                    partner is { } p ? candidates[p] : null,
                    noise,
                    verdict,
                    reason
                )
            );
            if (verdict == FeatureVerdict.Used)
                chosen.Add(j);

            (FeatureVerdict, string) Verdict(int j)
            {
                if (!automatic)
                    return (
                        FeatureVerdict.Used,
                        noise
                            ? Invariant($"named by the analyst; flagged as noise (structure η² {eta:0.000}, ")
                                + Invariant($"bimodality {bimodality:0.000})")
                            : "named by the analyst"
                    );
                if (missing[j] > options.MaximumMissingShare)
                    return (
                        FeatureVerdict.Missing,
                        Invariant(
                            $"{missing[j]:P0} of customers have no value (limit {options.MaximumMissingShare:P0})"
                        )
                    );
                if (mode[j] >= options.MaximumModeShare)
                    return (
                        FeatureVerdict.Constant,
                        Invariant($"{mode[j]:P0} of customers share one value (limit {options.MaximumModeShare:P0})")
                    );
                foreach (var k in chosen)
                {
                    var r = Math.Abs(Correlation(columns[j], columns[k]));
                    if (r > options.MaximumCorrelation)
                        return (
                            FeatureVerdict.Redundant,
                            Invariant(
                                $"correlation {r:0.000} with {candidates[k]} (limit {options.MaximumCorrelation:0.00})"
                            )
                        );
                }
                if (noise)
                    return (
                        FeatureVerdict.Noise,
                        Invariant($"no cluster structure: η² {eta:0.000} against the other features (limit ")
                            + Invariant(
                                $"{options.MinimumClusterStructure:0.00}), bimodality {bimodality:0.000} (≤ 5/9)"
                            )
                    );
                return (
                    FeatureVerdict.Used,
                    eta is { } h
                        ? Invariant($"varies and carries structure (η² {h:0.000}, bimodality {bimodality:0.000})")
                        : "varies"
                );
            }
        }
        if (chosen.Count == 0)
            throw new OptionsException(
                $"no usable clustering feature among [{string.Join(", ", candidates)}]: "
                    + $"{string.Join("; ", diagnostics.Select(d => d.Feature + ": " + d.Reason))}"
            );
        return new FeatureSelection(chosen.Select(j => candidates[j]).ToArray(), diagnostics, automatic, basis);
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static double[] Column(FeatureMatrix x, int j)
    {
        var column = new double[x.Rows];
        for (var i = 0; i < x.Rows; i++)
            column[i] = x[i, j];
        return column;
    }

    private static double ModeShare(IReadOnlyList<double> values)
    {
        var counts = new Dictionary<double, int>();
        var present = 0;
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
                continue;
            counts[v] = counts.GetValueOrDefault(v) + 1;
            present++;
        }
        return present == 0 ? 1.0 : counts.Values.Max() / (double)present;
    }

    private static (double?, int?) Strongest(double[][] columns, int j)
    {
        double? best = null;
        int? partner = null;
        for (var k = 0; k < columns.Length; k++)
        {
            if (k == j)
                continue;
            var r = Math.Abs(Correlation(columns[j], columns[k]));
            if (best is null || r > best)
                (best, partner) = (r, k);
        }
        return (best, partner);
    }

    private static double Correlation(double[] a, double[] b)
    {
        var ma = SampleStatistics.Mean(a);
        var mb = SampleStatistics.Mean(b);
        double sab = 0,
            saa = 0,
            sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa > 0 && sbb > 0 ? sab / Math.Sqrt(saa * sbb) : 0;
    }

    /// <summary>For each usable column, η² against a k-means clustering of the other usable columns (on a
    /// sample).</summary>
    private static Dictionary<int, double> Structure(
        FeatureMatrix x,
        IReadOnlyList<int> usable,
        FeatureSelectionOptions options
    )
    {
        var result = new Dictionary<int, double>();
        if (usable.Count < 2)
            return result;
        var rows = Enumerable.Range(0, x.Rows).ToArray();
        if (rows.Length > options.SampleSize)
        {
            new SeededRandom((ulong)SegmenterSeed.Fold(options.Seed)).Shuffle(rows.AsSpan());
            rows = rows[..options.SampleSize];
            Array.Sort(rows);
        }
        var k = Math.Min(options.StructureClusters, rows.Length - 1);
        foreach (var j in usable)
        {
            var others = usable.Where(u => u != j).ToArray();
            var values = new double[rows.Length * others.Length];
            var target = new double[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                for (var o = 0; o < others.Length; o++)
                    values[i * others.Length + o] = x[rows[i], others[o]];
                target[i] = x[rows[i], j];
            }
            var matrix = new FeatureMatrix(others.Select(o => x.Columns[o]).ToArray(), values);
            var labels = new KMeansSegmenter(
                new KMeansOptions
                {
                    Clusters = k,
                    Seed = options.Seed,
                    Restarts = 3,
                }
            ).Fit(matrix).Labels;
            result[j] = EtaSquared(target, labels);
        }
        return result;
    }

    private static double EtaSquared(double[] values, IReadOnlyList<int> labels)
    {
        var mean = SampleStatistics.Mean(values);
        var sums = new Dictionary<int, (double Sum, int Count)>();
        var total = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            var (s, c) = sums.GetValueOrDefault(labels[i]);
            sums[labels[i]] = (s + values[i], c + 1);
            total += (values[i] - mean) * (values[i] - mean);
        }
        if (!(total > 0))
            return 0;
        var between = sums.Values.Sum(g => g.Count * (g.Sum / g.Count - mean) * (g.Sum / g.Count - mean));
        return between / total;
    }
}
