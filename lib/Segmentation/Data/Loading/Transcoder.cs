using System.Text;

namespace Segmentation.Data.Loading;

/// <summary>
/// Rewrites a text file in another encoding as UTF-8, streamed, line for line: every line feed of the source is one
/// line feed of the output, so line numbers stay those of the source. A line holding bytes that are not valid in the
/// source encoding is written with an invalid UTF-8 byte (0xFF) where the first bad bytes were, so the CSV readers
/// quarantine it as an invalid-encoding line whichever column it is in; its number is also returned.
/// </summary>
internal static class Transcoder
{
    private const int ChunkBytes = 1 << 20;

    /// <summary>Writes <paramref name="source"/> (after <paramref name="skip"/> bytes of byte-order mark) to
    /// <paramref name="target"/>; returns the lines with invalid bytes.</summary>
    public static List<long> ToUtf8(string source, string target, Encoding encoding, int skip)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = DecoderFallback.ExceptionFallback;
        var lenient = (Encoding)encoding.Clone();
        lenient.DecoderFallback = new DecoderReplacementFallback("\uFFFD");
        var unit = encoding is UnicodeEncoding ? 2 : 1;
        var bigEndian = encoding.CodePage == 1201;

        var invalid = new List<long>();
        using var input = ChunkedFile.OpenSequential(source);
        using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        input.Position = skip;
        var buffer = new byte[ChunkBytes];
        var chars = new char[ChunkBytes];
        var bytes = new byte[ChunkBytes * 3];
        int filled = 0;
        long line = 0;
        while (true)
        {
            var read = input.Read(buffer, filled, buffer.Length - filled);
            var end = filled + read;
            var final = read == 0;
            var start = 0;
            while (start < end)
            {
                var feed = FindLineFeed(buffer.AsSpan(start, end - start), unit, bigEndian);
                if (feed < 0 && !final)
                    break;
                var length = feed < 0 ? end - start : feed + unit;
                line++;
                var slice = buffer.AsSpan(start, length);
                if (chars.Length < length)
                    chars = new char[length];
                if (bytes.Length < length * 3 + 1)
                    bytes = new byte[length * 3 + 1];
                int count;
                var bad = false;
                try
                {
                    count = strict.GetChars(slice, chars);
                }
                catch (DecoderFallbackException)
                {
                    bad = true;
                    count = lenient.GetChars(slice, chars);
                    invalid.Add(line);
                }
                var written = Encoding.UTF8.GetBytes(chars.AsSpan(0, count), bytes);
                if (bad)
                    written = MarkInvalid(bytes.AsSpan(0, written));
                output.Write(bytes, 0, written);
                start += length;
            }
            if (final)
                break;
            filled = ChunkedFile.KeepTail(ref buffer, start, end);
        }
        return invalid;
    }

    /// <summary>Replaces the first U+FFFD (EF BF BD) with the invalid byte 0xFF; returns the new length.</summary>
    private static int MarkInvalid(Span<byte> text)
    {
        var at = text.IndexOf("\uFFFD"u8);
        if (at < 0)
            return text.Length;
        text[at] = 0xFF;
        text[(at + 3)..].CopyTo(text[(at + 1)..]);
        return text.Length - 2;
    }

    /// <summary>Offset of the first line feed (at a code-unit boundary), or -1.</summary>
    private static int FindLineFeed(ReadOnlySpan<byte> data, int unit, bool bigEndian)
    {
        if (unit == 1)
            return data.IndexOf((byte)'\n');
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            if (bigEndian ? data[i] == 0 && data[i + 1] == (byte)'\n' : data[i] == (byte)'\n' && data[i + 1] == 0)
                return i;
        }
        return -1;
    }
}
