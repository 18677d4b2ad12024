namespace Segmentation.Kernel.Hosting;

/// <summary>
/// Jupyter counts cursor positions in Unicode code points (Python string indices); .NET strings
/// count UTF-16 units. The two differ after any character outside the Basic Multilingual Plane.
/// </summary>
internal static class TextPositions
{
    public static int ToUtf16(string text, int codePoints)
    {
        var index = 0;
        for (var n = 0; n < codePoints && index < text.Length; n++)
        {
            index += char.IsSurrogatePair(text, index) ? 2 : 1;
        }
        return index;
    }

    public static int ToCodePoints(string text, int utf16)
    {
        var count = 0;
        var end = Math.Clamp(utf16, 0, text.Length);
        for (var index = 0; index < end; count++)
        {
            index += char.IsSurrogatePair(text, index) ? 2 : 1;
        }
        return count;
    }
}
