namespace Segmentation.Data.Loading;

/// <summary>
/// The one way the loaders read a file front to back in chunks: opened for a sequential scan (the stream itself
/// unbuffered unless asked, as the readers keep their own buffer), and the unfinished tail of a chunk kept for the
/// next read.
/// </summary>
internal static class ChunkedFile
{
    /// <summary>Opens <paramref name="path"/> to read front to back, shared with other readers.</summary>
    public static FileStream OpenSequential(string path, int bufferSize = 1) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, FileOptions.SequentialScan);

    /// <summary>
    /// Moves the unread bytes <paramref name="buffer"/>[<paramref name="start"/>..<paramref name="end"/>) to the
    /// front, doubling the buffer when they fill it (a line longer than the buffer); returns how many bytes are kept.
    /// </summary>
    public static int KeepTail(ref byte[] buffer, int start, int end)
    {
        var rest = end - start;
        if (rest == buffer.Length)
            Array.Resize(ref buffer, buffer.Length * 2);
        buffer.AsSpan(start, rest).CopyTo(buffer);
        return rest;
    }
}
