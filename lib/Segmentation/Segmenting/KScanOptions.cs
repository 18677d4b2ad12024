using System.Text.Json.Serialization;
using Segmentation.Metrics;

namespace Segmentation.Segmenting;

/// <summary>The box in which the gap statistic draws its uniform reference data.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GapReferenceBox>))]
public enum GapReferenceBox
{
    /// <summary>
    /// The bounding box of the data in its principal-component axes (Tibshirani, Walther &amp; Hastie
    /// 2001, method b): it follows the data's shape, so elongated or correlated data is not mistaken for clusters.
    /// </summary>
    PrincipalComponents,

    /// <summary>The bounding box of the data in its original axes (method a).</summary>
    Features,
}

/// <summary>Options of <see cref="O:Segmentation.Segmenting.KScan.Run"/>; validated against the data in one
/// place.</summary>
public sealed record KScanOptions
{
    /// <summary>Smallest number of clusters scanned (≥ 2).</summary>
    public int KMin { get; init; } = 2;

    /// <summary>Largest number of clusters scanned (≤ rows − 1).</summary>
    public int KMax { get; init; } = 10;

    /// <summary>Seed. The data are clustered with this seed at every k (so the scan's k-cluster fit equals a
    /// fit with this seed alone); reference data sets and their fits use seeds derived from it.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>Uniform reference data sets B of the gap statistic; 0 skips the gap statistic (it then casts no
    /// vote).</summary>
    public int GapReferences { get; init; } = 10;

    /// <summary>
    /// Rows of each reference data set when the data have more (null: as many as the data). With fewer reference rows m
    /// than data rows n, the data's log W is taken per row at the reference's size, log(W · m / n): within-cluster
    /// dispersion grows in proportion to the rows, so the gap compares like with like while each reference fit costs m
    /// rows instead of n (the scan's gap part is then bounded by m × k, whatever the number of customers).
    /// </summary>
    public int? GapSampleSize { get; init; }

    /// <summary>Where reference data are drawn.</summary>
    public GapReferenceBox GapReferenceBox { get; init; } = GapReferenceBox.PrincipalComponents;

    /// <summary>
    /// The elbow needs the Kneedle difference (the normalised inertia curve's vertical distance below its
    /// chord, in [0, 1]) to reach this at the knee; below it the elbow reports "no clear elbow".
    /// </summary>
    public double ElbowMinimumDistance { get; init; } = 0.5;

    /// <summary>How the silhouette is computed at each k (exact by default; set a sample size for large
    /// data).</summary>
    public SilhouetteOptions Silhouette { get; init; } = new();

    /// <summary>
    /// Prediction strength at every k, which decides k when no k has a majority of the indices' votes; null skips it
    /// (a scan without consensus then falls back to the plurality, a tie going to the smaller k).
    /// </summary>
    public PredictionStrengthOptions? PredictionStrength { get; init; } = new();

    /// <summary>Receives a report after every clustering (data and reference); notebooks show it as a progress
    /// bar.</summary>
    [JsonIgnore]
    public IProgress<KScanProgress>? Progress { get; init; }

    /// <summary>
    /// Fit the data at different k at the same time (the clusterer must then be thread-safe). Each k's fit and indices
    /// are computed exactly as in a sequential scan and stored by k, so the result is the same; only the order of the
    /// progress reports changes. Keeps both cores busy while one k waits for its slowest restart. Default false.
    /// </summary>
    public bool ConcurrentFits { get; init; }

    internal void Validate(int rows)
    {
        if (KMin < 2)
            throw new OptionsException(FormattableString.Invariant($"kMin={KMin} must be >= 2"));
        if (KMax < KMin)
            throw new OptionsException(FormattableString.Invariant($"kMax={KMax} must be >= kMin={KMin}"));
        if (KMax > rows - 1)
            throw new OptionsException(FormattableString.Invariant($"kMax={KMax} must be <= rows-1={rows - 1}"));
        if (GapReferences < 0)
            throw new OptionsException(FormattableString.Invariant($"gapReferences={GapReferences} must be >= 0"));
        if (GapSampleSize is { } m && m < 2)
            throw new OptionsException(FormattableString.Invariant($"gapSampleSize={m} must be >= 2"));
        if (!(ElbowMinimumDistance is >= 0 and <= 1))
            throw new OptionsException(
                FormattableString.Invariant($"elbowMinimumDistance={ElbowMinimumDistance} must be in [0, 1]")
            );
        ArgumentNullException.ThrowIfNull(Silhouette);
        Silhouette.Validate();
        PredictionStrength?.Validate();
    }
}

/// <summary>Progress of a k-scan.</summary>
/// <param name="K">Clusters of the fit just finished.</param>
/// <param name="Reference">Index of the reference data set, or null for the data themselves.</param>
/// <param name="Completed">Fits finished so far.</param>
/// <param name="Total">Fits in the whole scan.</param>
public readonly record struct KScanProgress(int K, int? Reference, int Completed, int Total)
{
    /// <summary>Completed / Total, in [0, 1].</summary>
    public double Fraction => Total == 0 ? 1.0 : (double)Completed / Total;
}
