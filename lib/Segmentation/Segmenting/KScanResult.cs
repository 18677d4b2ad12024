using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segmentation.Segmenting;

/// <summary>Every index at one number of clusters.</summary>
/// <param name="K">Clusters requested.</param>
/// <param name="Clusters">Distinct clusters the clusterer returned (less than <paramref name="K"/> when clusters came
/// out empty).</param>
/// <param name="Inertia">The clusterer's objective (within-cluster sum of squares for k-means); lower is better at
/// fixed k.</param>
/// <param name="Silhouette">Mean silhouette in [-1, 1]; higher is better.</param>
/// <param name="CalinskiHarabaszIndex">Calinski–Harabasz index; higher is better.</param>
/// <param name="DaviesBouldinIndex">Davies–Bouldin index; lower is better.</param>
/// <param name="LogW">log of <paramref name="Inertia"/> (Tibshirani's log W_k); null without gap statistic or when the
/// inertia is 0.</param>
/// <param name="ReferenceLogW">Mean log W_k over the uniform reference data sets; null without gap statistic.</param>
/// <param name="Gap">Gap(k) = mean reference log W_k − log W_k; higher means more structure than uniform data; null
/// without gap statistic.</param>
/// <param name="GapStandardError">s_k = sd_k · √(1 + 1/B), sd_k the population standard deviation of the reference log
/// W_k; null without gap statistic.</param>
/// <param name="PredictionStrength">Mean prediction strength ps(k) in [0, 1] (Tibshirani &amp; Walther 2005); higher is
/// more reproducible; null when not computed.</param>
/// <param name="SmallestClusterShare">Share of rows in the smallest cluster, in [0, 1].</param>
public sealed record KScanRow(
    int K,
    int Clusters,
    double Inertia,
    double Silhouette,
    double CalinskiHarabaszIndex,
    double DaviesBouldinIndex,
    double? LogW,
    double? ReferenceLogW,
    double? Gap,
    double? GapStandardError,
    double? PredictionStrength = null,
    double SmallestClusterShare = 0
);

/// <summary>One index's vote for a number of clusters.</summary>
/// <param name="Index">"silhouette", "calinskiHarabasz", "daviesBouldin", "gap" or "elbow".</param>
/// <param name="K">The k it votes for, or null when it abstains (no k met the gap rule, no clear elbow, gap
/// skipped).</param>
/// <param name="Rule">How the vote is cast, in words.</param>
public sealed record KScanVote(string Index, int? K, string Rule);

/// <summary>How the recommended k was decided.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KScanDecision>))]
public enum KScanDecision
{
    /// <summary>More than half of the indices voted for the same k.</summary>
    Majority,

    /// <summary>
    /// No consensus among the indices: of the k whose prediction strength reaches the cutoff, the one after which it
    /// falls most steeply (or, when none does, the k with the highest prediction strength).
    /// </summary>
    PredictionStrength,

    /// <summary>No consensus and no prediction strength computed: the k with the most votes, a tie going to the smaller
    /// k.</summary>
    Plurality,
}

/// <summary>The recommended number of clusters and the evidence behind it.</summary>
/// <param name="K">The recommended k.</param>
/// <param name="VoteCount">Index votes for <paramref name="K"/>.</param>
/// <param name="Votes">Every index's vote, in a fixed order: silhouette, Calinski–Harabasz, Davies–Bouldin, gap,
/// elbow.</param>
/// <param name="Decision">Majority of the indices, or (no consensus) prediction strength or plurality.</param>
/// <param name="PredictionStrengthCutoff">The prediction-strength cutoff in force; null when it was not
/// computed.</param>
public sealed record KScanRecommendation(
    int K,
    int VoteCount,
    IReadOnlyList<KScanVote> Votes,
    KScanDecision Decision = KScanDecision.Majority,
    double? PredictionStrengthCutoff = null
)
{
    /// <summary>True when more than half of the indices agreed on <see cref="K"/>.</summary>
    [JsonIgnore]
    public bool Consensus => Decision == KScanDecision.Majority;
}

/// <summary>
/// Result of <see cref="O:Segmentation.Segmenting.KScan.Run"/>. Serialises to JSON (<see cref="ToJson"/>, camelCase
/// names, enums as camelCase strings) for <c>kscan.json</c>, and back with <see cref="FromJson"/>.
/// </summary>
/// <param name="RowCount">Rows of the scanned matrix.</param>
/// <param name="ColumnCount">Columns of the scanned matrix.</param>
/// <param name="KMin">Smallest k scanned.</param>
/// <param name="KMax">Largest k scanned.</param>
/// <param name="Seed">The scan's seed.</param>
/// <param name="GapReferences">Reference data sets B (0: no gap statistic).</param>
/// <param name="GapReferenceBox">Where reference data were drawn.</param>
/// <param name="SilhouetteSampleSize">Rows sampled for the silhouette, or null when exact.</param>
/// <param name="PerK">One row per k, ascending.</param>
/// <param name="ElbowK">The Kneedle knee of the inertia curve, or null for "no clear elbow".</param>
/// <param name="ElbowDistance">The knee's vertical distance below the chord of the normalised inertia curve, in [0,
/// 1].</param>
/// <param name="Recommendation">The recommended k and every index's vote.</param>
public sealed record KScanResult(
    int RowCount,
    int ColumnCount,
    int KMin,
    int KMax,
    ulong Seed,
    int GapReferences,
    GapReferenceBox GapReferenceBox,
    int? SilhouetteSampleSize,
    IReadOnlyList<KScanRow> PerK,
    int? ElbowK,
    double ElbowDistance,
    KScanRecommendation Recommendation
)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The result as indented JSON with camelCase property names.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Reads a result written by <see cref="ToJson"/>.</summary>
    public static KScanResult FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<KScanResult>(json, Json)
            ?? throw new SegmentationException("kscan JSON is 'null'; expected a k-scan result object");
    }

    /// <summary>A short table: one line per k and the recommendation.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(
                CultureInfo.InvariantCulture,
                $"KScanResult: n={RowCount}, k={KMin}..{KMax}, recommended k={Recommendation.K} "
            )
            .Append(CultureInfo.InvariantCulture, $"({Recommendation.VoteCount} of {Recommendation.Votes.Count} ")
            .Append(
                CultureInfo.InvariantCulture,
                $"votes{(Recommendation.Consensus ? "" : ", no consensus: decided by " + Recommendation.Decision)}"
            )
            .Append(")");
        foreach (var row in PerK)
        {
            text.AppendLine();
            text.Append(
                    CultureInfo.InvariantCulture,
                    $"  k={row.K}: inertia={row.Inertia:G6} silhouette={row.Silhouette:F3} "
                )
                .Append(
                    CultureInfo.InvariantCulture,
                    $"CH={row.CalinskiHarabaszIndex:G5} DB={row.DaviesBouldinIndex:F3} "
                )
                .Append(
                    CultureInfo.InvariantCulture,
                    $"gap={(row.Gap is { } g ? g.ToString("F3", CultureInfo.InvariantCulture) : "-")} "
                )
                .Append(
                    CultureInfo.InvariantCulture,
                    $"ps={(row.PredictionStrength is { } p ? p.ToString("F3", CultureInfo.InvariantCulture) : "-")}"
                )
                .Append(CultureInfo.InvariantCulture, $" smallest={row.SmallestClusterShare:P1}");
        }
        return text.ToString();
    }
}
