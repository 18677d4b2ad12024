using System.Text;

namespace Segmentation.Reports;

/// <summary>
/// How the library writes every text file people or tools read: UTF-8 without a byte-order mark and "\n" line ends,
/// whatever the platform. The writers in this folder and the workflows' output folders go through it.
/// </summary>
public static class TextFiles
{
    /// <summary>UTF-8 without a byte-order mark.</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="name"/> in <paramref name="directory"/> with <paramref name="write"/>; returns
    /// its path.</summary>
    public static string Write(string directory, string name, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var path = PathOf(directory, name);
        using var writer = new StreamWriter(path, append: false, Utf8) { NewLine = "\n" };
        write(writer);
        return path;
    }

    /// <summary>Writes <paramref name="text"/> as <paramref name="name"/> in <paramref name="directory"/>; returns its
    /// path.</summary>
    public static string Write(string directory, string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var path = PathOf(directory, name);
        File.WriteAllText(path, text, Utf8);
        return path;
    }

    private static string PathOf(string directory, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return Path.Combine(directory, name);
    }
}
