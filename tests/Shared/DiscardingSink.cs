using Segmentation.Data.Loading;

namespace Segmentation.Testing;

/// <summary>A clean-line sink that drops every line: for a load whose counts and quarantine are all that is
/// wanted.</summary>
public sealed class DiscardingSink : ICleanLineSink
{
    /// <summary>Discards the line.</summary>
    public void Add(
        ReadOnlySpan<char> customerId,
        ReadOnlySpan<char> orderId,
        DateTime timestamp,
        decimal quantity,
        decimal unitPrice
    )
    {
        // Discards every line.
    }
}
