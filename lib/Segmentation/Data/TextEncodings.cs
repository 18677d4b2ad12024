using System.Text;

namespace Segmentation.Data;

/// <summary>
/// The text encodings input files may be in, by the names users give (<c>--encoding</c>), and the guess of another
/// encoding when lines are not valid in the one in force. Code pages come from
/// <see cref="CodePagesEncodingProvider"/> directly; nothing is registered process-wide.
/// </summary>
public static class TextEncodings
{
    /// <summary>The name of UTF-8, the encoding in force unless a byte-order mark or <c>--encoding</c> says
    /// otherwise.</summary>
    public const string Utf8 = "UTF-8";

    private static readonly (string[] Names, string Display, Func<Encoding> Create)[] Known =
    [
        (["utf-8", "utf8"], Utf8, () => new UTF8Encoding(false)),
        (["gb18030"], "GB18030", () => CodePage(54936)),
        (["gbk", "cp936", "gb2312", "936"], "GBK", () => CodePage(936)),
        (["big5", "cp950", "950"], "Big5", () => CodePage(950)),
        (["shift-jis", "shift_jis", "sjis", "cp932", "932"], "Shift-JIS", () => CodePage(932)),
        (["windows-1252", "cp1252", "1252"], "windows-1252", () => CodePage(1252)),
        (["latin-1", "latin1", "iso-8859-1", "iso8859-1"], "latin-1", () => Encoding.Latin1),
        (["utf-16", "utf-16le", "utf16", "utf16le"], "UTF-16LE", () =>
            new UnicodeEncoding(bigEndian: false, byteOrderMark: false)
        ),
        (["utf-16be", "utf16be"], "UTF-16BE", () => new UnicodeEncoding(bigEndian: true, byteOrderMark: false)),
    ];

    /// <summary>The names <see cref="Resolve"/> understands, for messages.</summary>
    public static string Names => string.Join(", ", Known.Select(k => k.Names[0]));

    /// <summary>The encoding called <paramref name="name"/> (any case) and its display name; throws
    /// <see cref="OptionsException"/> listing the names otherwise.</summary>
    public static (Encoding Encoding, string Display) Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        foreach (var (names, display, create) in Known)
        {
            if (names.Contains(key))
                return (create(), display);
        }
        throw new OptionsException($"encoding='{name}' is unknown; expected one of {Names}");
    }

    /// <summary>True when <paramref name="display"/> is UTF-8 (no transcoding needed).</summary>
    internal static bool IsUtf8(string display) => display == Utf8;

    private static Encoding CodePage(int codePage) =>
        CodePagesEncodingProvider.Instance.GetEncoding(codePage)
        ?? throw new OptionsException($"code page {codePage} is not available");

    /// <summary>
    /// When every line in <paramref name="badLines"/> (raw bytes, not valid UTF-8) reads as one other encoding, advice
    /// naming it (e.g. "files saved by Excel in China are usually GB18030: try --encoding gb18030"); null otherwise.
    /// </summary>
    internal static string? Advise(IReadOnlyList<byte[]> badLines)
    {
        if (badLines.Count == 0)
            return null;
        // Accented Latin text has single high bytes between ASCII; CJK encodings use pairs (or longer runs).
        if (badLines.All(SingleHighBytes) && badLines.All(l => Strict(1252, l) is not null))
            return "files saved by Excel in Western Europe and the Americas are usually windows-1252: try "
                + "--encoding windows-1252";
        if (badLines.All(l => Strict(54936, l) is { } text && text.Any(IsHan)))
            return "files saved by Excel in China are usually GB18030: try --encoding gb18030";
        if (badLines.All(l => Strict(950, l) is { } text && text.Any(IsHan)))
            return "files saved in Taiwan and Hong Kong are often Big5: try --encoding big5";
        if (
            badLines.All(l => Strict(932, l) is { } text && text.Any(c => IsHan(c) || c is >= '\u3040' and <= '\u30FF'))
        )
            return "files saved by Excel in Japan are usually Shift-JIS: try --encoding shift-jis";
        return null;

        static bool IsHan(char c) => c is >= '\u4E00' and <= '\u9FFF';
    }

    private static bool SingleHighBytes(byte[] line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] >= 0x80 && i + 1 < line.Length && line[i + 1] >= 0x80)
                return false;
        }
        return true;
    }

    private static string? Strict(int codePage, byte[] bytes)
    {
        var encoding = CodePagesEncodingProvider.Instance.GetEncoding(
            codePage,
            EncoderFallback.ExceptionFallback,
            DecoderFallback.ExceptionFallback
        );
        if (encoding is null)
            return null;
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
