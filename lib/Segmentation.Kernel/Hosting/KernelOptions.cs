using System.Globalization;

namespace Segmentation.Kernel.Hosting;

/// <summary>Limits of a running kernel. Defaults suit interactive use.</summary>
public sealed record KernelOptions
{
    /// <summary>How long written text may wait before it is sent as one <c>stream</c> message.</summary>
    public TimeSpan StreamFlushInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Buffered characters that trigger sending at once.</summary>
    public int StreamChunkCharacters { get; init; } = 64 * 1024;

    /// <summary>Stream characters one cell may send; the rest is counted and dropped with a note on stderr.</summary>
    public long StreamLimitCharacters { get; init; } = 4L * 1024 * 1024;

    /// <summary>How long an interrupted cell may take to stop before the kernel abandons it and serves the next
    /// request.</summary>
    public TimeSpan InterruptGracePeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Throws <see cref="OptionsException"/> when a value is out of range.</summary>
    public KernelOptions Validate()
    {
        Positive(nameof(StreamFlushInterval), StreamFlushInterval);
        Positive(nameof(InterruptGracePeriod), InterruptGracePeriod);
        if (StreamChunkCharacters < 1)
        {
            throw new OptionsException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"streamChunkCharacters={StreamChunkCharacters} must be >= 1"
                )
            );
        }
        if (StreamLimitCharacters < StreamChunkCharacters)
        {
            throw new OptionsException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"streamLimitCharacters={StreamLimitCharacters} must be >= "
                ) + string.Create(CultureInfo.InvariantCulture, $"streamChunkCharacters={StreamChunkCharacters}")
            );
        }
        return this;
    }

    private static void Positive(string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new OptionsException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{char.ToLowerInvariant(name[0])}{name[1..]}={value.TotalMilliseconds}ms must be > 0ms"
                )
            );
        }
    }
}
