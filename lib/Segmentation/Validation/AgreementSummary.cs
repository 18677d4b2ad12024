using Segmentation.Common.Text;

namespace Segmentation.Validation;

/// <summary>Agreement of the segments with known labels.</summary>
/// <param name="Source">The labels file.</param>
/// <param name="Customers">Customers present in both.</param>
/// <param name="AdjustedRandIndex">ARI in [-1, 1]; 1 = identical partitions.</param>
/// <param name="AdjustedMutualInformation">AMI; 1 = identical.</param>
/// <param name="NormalizedMutualInformation">NMI in [0, 1].</param>
/// <param name="KnownSegments">Number of distinct known labels.</param>
public sealed record AgreementSummary(
    string Source,
    int Customers,
    double AdjustedRandIndex,
    double AdjustedMutualInformation,
    double NormalizedMutualInformation,
    int KnownSegments
)
{
    /// <summary>"k-means, 6 clusters": the name of a k-means segmentation in an agreement table, in
    /// <paramref name="language"/> (default <see cref="Language.Current"/>).</summary>
    public static string KMeansName(int clusters, Language? language = null) =>
        (language ?? Language.Current).Format("Agreement_KMeans", clusters);

    /// <summary>"RFM named segments": the name of the RFM segmentation in an agreement table, in
    /// <paramref name="language"/> (default <see cref="Language.Current"/>).</summary>
    public static string RfmName(Language? language = null) => (language ?? Language.Current)["Agreement_Rfm"];

    /// <summary>
    /// Compares <paramref name="labels"/> (0-based clusters of <paramref name="customerIds"/>, in the same order) with
    /// the known segments of the customers present in <paramref name="known"/> (customer id → segment, e.g. from
    /// <c>Data.Loading.KnownLabels.Read</c>); customers missing from <paramref name="known"/> are left out.
    /// </summary>
    /// <param name="source">Where the known labels come from (shown in reports).</param>
    /// <param name="known">Customer id → known segment.</param>
    /// <param name="customerIds">The segmented customers.</param>
    /// <param name="labels">Their clusters.</param>
    /// <exception cref="DataFormatException">No segmented customer has a known label.</exception>
    public static AgreementSummary Compare(
        string source,
        IReadOnlyDictionary<string, string> known,
        IReadOnlyList<string> customerIds,
        IReadOnlyList<int> labels
    )
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentNullException.ThrowIfNull(labels);
        if (customerIds.Count != labels.Count)
            throw new OptionsException(
                FormattableString.Invariant($"customerIds={customerIds.Count} must equal labels={labels.Count}")
            );
        var truth = new List<string>();
        var found = new List<int>();
        for (var i = 0; i < customerIds.Count; i++)
        {
            if (known.TryGetValue(customerIds[i], out var t))
            {
                truth.Add(t);
                found.Add(labels[i]);
            }
        }
        if (truth.Count == 0)
            throw new DataFormatException(source, "no customer in the labels file matches a segmented customer");
        var truthCodes = LabelAgreement.Encode(truth);
        var predicted = found.ToArray();
        return new AgreementSummary(
            source,
            truth.Count,
            LabelAgreement.AdjustedRandIndex(truthCodes, predicted),
            LabelAgreement.AdjustedMutualInformation(truthCodes, predicted),
            LabelAgreement.NormalizedMutualInformation(truthCodes, predicted),
            truthCodes.Distinct().Count()
        );
    }
}
