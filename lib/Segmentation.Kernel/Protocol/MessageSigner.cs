using System.Security.Cryptography;
using System.Text;

namespace Segmentation.Kernel.Protocol;

/// <summary>
/// HMAC-SHA256 signatures of the Jupyter wire protocol: lowercase hex over the exact bytes of
/// header, parent header, metadata and content, in that order. An empty key signs with "" and
/// accepts any signature (Jupyter's "no authentication" mode).
/// </summary>
internal sealed class MessageSigner
{
    private readonly byte[] key;

    public MessageSigner(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        this.key = Encoding.UTF8.GetBytes(key);
    }

    public bool Enabled => this.key.Length > 0;

    public string Sign(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content)
    {
        if (!Enabled)
            return "";
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, this.key);
        hmac.AppendData(header);
        hmac.AppendData(parentHeader);
        hmac.AppendData(metadata);
        hmac.AppendData(content);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Compares in constant time; any signature is accepted when signing is off.</summary>
    public bool Verify(byte[] signature, byte[] header, byte[] parentHeader, byte[] metadata, byte[] content)
    {
        if (!Enabled)
            return true;
        var expected = Encoding.ASCII.GetBytes(Sign(header, parentHeader, metadata, content));
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }
}
