using System.Text;

namespace Segmentation.Privacy;

/// <summary>
/// The secret key of the keyed hash that pseudonymises customer identifiers. It comes from a file
/// or an environment variable, never from code, and must hold at least 16 bytes.
/// </summary>
public sealed class PseudonymizationKey
{
    /// <summary>Environment variable read by <see cref="FromEnvironment"/> by default.</summary>
    public const string DefaultVariable = "SEG_PSEUDONYMIZATION_KEY";

    /// <summary>Minimum key length in bytes.</summary>
    public const int MinimumBytes = 16;

    private readonly byte[] bytes;

    private PseudonymizationKey(byte[] bytes) => this.bytes = bytes;

    /// <summary>The key bytes (a copy).</summary>
    public byte[] ToArray() => (byte[])bytes.Clone();

    /// <summary>A key from raw bytes.</summary>
    public static PseudonymizationKey FromBytes(ReadOnlySpan<byte> key, string source = "key")
    {
        if (key.Length < MinimumBytes)
            throw new OptionsException(
                FormattableString.Invariant(
                    $"{source}: pseudonymisation key has {key.Length} bytes; expected at least {MinimumBytes}"
                )
            );
        return new PseudonymizationKey(key.ToArray());
    }

    /// <summary>A key read from a file (its text, trimmed of surrounding white space, as UTF-8).</summary>
    public static PseudonymizationKey FromFile(string path)
    {
        if (!File.Exists(path))
            throw new SegmentationException($"{path}: pseudonymisation key file not found");
        return FromBytes(Encoding.UTF8.GetBytes(File.ReadAllText(path).Trim()), path);
    }

    /// <summary>A key read from an environment variable.</summary>
    public static PseudonymizationKey FromEnvironment(string variable = DefaultVariable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
            throw new SegmentationException(
                $"environment variable {variable} is not set; expected the pseudonymisation key"
            );
        return FromBytes(Encoding.UTF8.GetBytes(value.Trim()), variable);
    }
}
