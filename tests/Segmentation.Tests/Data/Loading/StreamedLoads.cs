using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;

namespace Segmentation.Tests.Data.Loading;

/// <summary>How the loading and cleaning tests stream an online-retail file.</summary>
internal static class StreamedLoads
{
    /// <summary>Streams <paramref name="path"/> (the online-retail layout) into <paramref name="store"/>, handing
    /// clean lines to <paramref name="sink"/> (a fresh <see cref="RfmAccumulator"/> unless given).</summary>
    public static StreamedLoad TryOnlineRetail(
        TransactionStore store,
        string path,
        CleaningOptions options,
        StreamSettings? settings = null,
        ICleanLineSink? sink = null
    ) =>
        StreamingTransactionLoader.TryLoad(
            store,
            path,
            sink ?? new RfmAccumulator(),
            ColumnMapping.OnlineRetail,
            options,
            settings ?? new StreamSettings()
        );
}
