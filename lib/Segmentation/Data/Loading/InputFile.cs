using System.Globalization;
using Segmentation.Data.Cleaning;

namespace Segmentation.Data.Loading;

/// <summary>
/// An input made readable for the CSV readers: UTF-8 text (with or without byte-order mark) and Parquet are read as
/// they are; UTF-16 (told by its byte-order mark) and any <see cref="CleaningOptions.Encoding"/> other than UTF-8 are
/// first transcoded to a UTF-8 temporary file, streamed, with the same line numbers. Disposing deletes the temporary
/// file. <see cref="Finish"/> turns the readers' invalid-encoding rejects into the quarantine's encoding fault.
/// </summary>
internal sealed class InputFile : IDisposable
{
    private readonly string? temporary;

    private InputFile(SourceFile source, string encoding, string? temporary)
    {
        Source = source;
        Encoding = encoding;
        this.temporary = temporary;
    }

    /// <summary>The source as the readers see it (<see cref="SourceFile.Path"/> is the user's path, <see cref="SourceFile.DataPath"/> what is read).</summary>
    public SourceFile Source { get; }

    /// <summary>Display name of the encoding in force (<see cref="TextEncodings.Utf8"/>, GB18030, …).</summary>
    public string Encoding { get; }

    /// <summary>Reason recorded for a line that is not valid in the encoding in force.</summary>
    public string InvalidReason => $"invalid encoding: the line is not valid {Encoding}";

    /// <summary>Inspects <paramref name="path"/> and transcodes it when needed.</summary>
    public static InputFile Open(TransactionStore store, string path, CleaningOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        SourceFile.CheckExists(path);
        var head = SourceFile.ReadHead(path, 4);
        var bom = head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? "utf-16le"
            : head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? "utf-16be"
            : head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? "utf-8" : null;
        var requested = options.Encoding ?? bom ?? "utf-8";
        var (encoding, display) = TextEncodings.Resolve(requested);
        if (bom is not null && options.Encoding is not null && TextEncodings.Resolve(bom).Display != display)
            throw new DataFormatException(path, $"starts with a {TextEncodings.Resolve(bom).Display} byte-order mark but the encoding given is {display}",
                expected: "no --encoding (the byte-order mark decides), or the matching one");
        if (TextEncodings.IsUtf8(display) || SourceFile.IsParquet(head))
            return new InputFile(SourceFile.Open(store, path, options.Delimiter), TextEncodings.Utf8, null);

        var temporary = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"seg-utf8-{Guid.NewGuid():N}.csv");
        try
        {
            var skip = bom is null ? 0 : bom == "utf-8" ? 3 : 2;
            Transcoder.ToUtf8(path, temporary, encoding, skip);
            var source = SourceFile.Open(store, temporary, options.Delimiter, displayPath: path, encodingName: display);
            return new InputFile(source, display, temporary);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Rewrites the reason of the quarantined lines of <paramref name="kind"/> that the readers rejected as invalid
    /// encoding, and returns how many there are with advice on the encoding to try (UTF-8 input only).
    /// </summary>
    public (long Lines, string? Message) Finish(TransactionStore store, string kind)
    {
        var filter = $"source = {SqlText.Literal(kind)} AND starts_with(reason, {SqlText.Literal(TransactionLoader.MalformedReasonPrefix + "invalid encoding")})";
        var lines = new List<long>();
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText = $"SELECT line_number FROM {TransactionStore.QuarantineTable} WHERE {filter} ORDER BY line_number";
            using var reader = command.ExecuteReader();
            while (reader.Read()) lines.Add(reader.GetInt64(0));
        }
        if (lines.Count == 0) return (0, null);
        store.Execute($"UPDATE {TransactionStore.QuarantineTable} SET reason = {SqlText.Literal(InvalidReason)}, column_name = NULL, \"value\" = NULL WHERE {filter}");
        var advice = TextEncodings.IsUtf8(Encoding) ? TextEncodings.Advise(SourceFile.ReadLines(Source.Path, lines)) : null;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"line {lines[0]} is not valid {Encoding}{(lines.Count > 1 ? $" ({lines.Count} such lines quarantined)" : " (quarantined)")}{(advice is null ? "" : "; " + advice)}");
        return (lines.Count, message);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (temporary is not null) File.Delete(temporary);
    }
}
