using Segmentation.Common.Text;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Reports;

namespace Segmentation.Workflow;

/// <summary>
/// Writes the files of a load and clean — clean.parquet, returns.parquet, quarantine.csv, quality.json and
/// quality.html — as <c>seg clean</c>, <c>seg features</c> and <c>seg segment</c> all write them.
/// </summary>
public static class CleaningOutputs
{
    /// <summary>
    /// Writes <paramref name="cleaning"/>'s tables and reports (with the customer table's, when loaded) from
    /// <paramref name="store"/> into <paramref name="directory"/> (created if missing); quality.html in
    /// <paramref name="language"/>.
    /// </summary>
    public static void Write(
        TransactionStore store,
        CleaningResult cleaning,
        string directory,
        CustomerLoadResult? customers = null,
        Language? language = null
    )
    {
        ArgumentNullException.ThrowIfNull(cleaning);
        cleaning.WriteOutputs(store, directory, customers);
        QualityPage.Build(cleaning.Reports(customers), language).Save(Path.Combine(directory, OutputFiles.QualityHtml));
    }
}
