using System.Runtime.InteropServices;

namespace Segmentation.Common;

/// <summary>
/// One instance per distinct text: a query that returns a label per customer (favourite category, city) reads a new
/// string for every row, and at millions of customers those copies of a few hundred labels cost more than the
/// features themselves. Not thread-safe; one pool per query.
/// </summary>
internal sealed class TextPool
{
    private readonly Dictionary<string, string> texts = new(StringComparer.Ordinal);

    /// <summary>The pool's instance of <paramref name="text"/> (added on first sight).</summary>
    public string Share(string text)
    {
        ref var shared = ref CollectionsMarshal.GetValueRefOrAddDefault(texts, text, out var exists);
        if (!exists)
            shared = text;
        return shared!;
    }
}
