using System.Buffers.Binary;
using System.Numerics;

namespace Segmentation.Data.Loading;

/// <summary>
/// Finds exact duplicates among the records of a file streamed once, keeping 16 bytes per distinct record: where the
/// record starts in the file, its line (below 2^32) and the top 32 bits of its key hash, which also place it in the
/// table (so growing needs no rehashing). Equal hashes are never trusted: the earlier
/// record is read back from the file and its key compared byte by byte (the key reader given to the constructor), so
/// the answer is exact.
/// </summary>
internal sealed class DuplicateIndex
{
    private const double MaxLoad = 0.8;
    private const double TargetLoad = 0.65;
    private const int CheckBits = 32;
    private readonly Func<long, byte[]> keyAt;
    private ulong[] slots = [];
    private int mask;
    private int bits;
    private long count;

    /// <summary>An empty index sized for <paramref name="expectedRecords"/>; <paramref name="keyAt"/> gives the key of
    /// the record at a file offset.</summary>
    public DuplicateIndex(long expectedRecords, Func<long, byte[]> keyAt)
    {
        this.keyAt = keyAt;
        var capacity = (int)
            Math.Min(1L << 30, BitOperations.RoundUpToPowerOf2((ulong)Math.Max(1024, expectedRecords / TargetLoad)));
        Allocate(capacity);
    }

    /// <summary>Records kept (distinct keys).</summary>
    public long Count => count;

    /// <summary>The largest line number the index can hold.</summary>
    public const long MaxLine = uint.MaxValue;

    /// <summary>
    /// The line of the first earlier record whose key equals <paramref name="key"/>, or 0 when there is none (the
    /// record at <paramref name="offset"/> and <paramref name="line"/> is then remembered as the first with this key).
    /// </summary>
    public long FirstLineOf(ReadOnlySpan<byte> key, long offset, long line) =>
        FirstLineOf(Hash(key), key, offset, line);

    /// <summary>
    /// <see cref="FirstLineOf(ReadOnlySpan{byte}, long, long)"/> with the key's <see cref="Hash"/> computed beforehand.
    /// </summary>
    public long FirstLineOf(ulong hash, ReadOnlySpan<byte> key, long offset, long line)
    {
        var check = hash >> (64 - CheckBits);
        var slot = Slot(check);
        while (true)
        {
            var stored = slots[slot * 2L];
            if (stored == 0)
            {
                slots[slot * 2L] = (ulong)offset + 1;
                slots[slot * 2L + 1] = ((ulong)line << CheckBits) | check;
                if (++count > (mask + 1) * MaxLoad)
                    Grow();
                return 0;
            }
            var meta = slots[slot * 2L + 1];
            if ((meta & ((1UL << CheckBits) - 1)) == check && key.SequenceEqual(keyAt((long)stored - 1)))
                return (long)(meta >> CheckBits);
            slot = (slot + 1) & mask;
        }
    }

    /// <summary>A 64-bit hash of <paramref name="key"/> (8 bytes at a time, multiply–rotate, final
    /// avalanche).</summary>
    internal static ulong Hash(ReadOnlySpan<byte> key)
    {
        const ulong prime1 = 0x9E3779B185EBCA87UL;
        const ulong prime2 = 0xC2B2AE3D27D4EB4FUL;
        var h = prime2 ^ (ulong)key.Length;
        var i = 0;
        for (; i + 8 <= key.Length; i += 8)
            h = BitOperations.RotateLeft(h ^ (BinaryPrimitives.ReadUInt64LittleEndian(key[i..]) * prime1), 31) * prime2;
        ulong tail = 0;
        for (var shift = 0; i < key.Length; i++, shift += 8)
            tail |= (ulong)key[i] << shift;
        h = BitOperations.RotateLeft(h ^ (tail * prime1), 31) * prime2;
        h ^= h >> 33;
        h *= prime1;
        h ^= h >> 29;
        h *= prime2;
        h ^= h >> 32;
        return h;
    }

    private int Slot(ulong check) => (int)(check >> (CheckBits - bits));

    private void Allocate(int capacity)
    {
        slots = LargeArrays.Zeroed(capacity * 2L);
        mask = capacity - 1;
        bits = BitOperations.Log2((uint)capacity);
    }

    private void Grow()
    {
        var old = slots;
        Allocate((mask + 1) * 2);
        for (var s = 0L; s < old.Length; s += 2)
        {
            if (old[s] == 0)
                continue;
            var slot = Slot(old[s + 1] & ((1UL << CheckBits) - 1));
            while (slots[slot * 2L] != 0)
                slot = (slot + 1) & mask;
            slots[slot * 2L] = old[s];
            slots[slot * 2L + 1] = old[s + 1];
        }
    }
}
