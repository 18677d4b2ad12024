using System.Globalization;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Sql;

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
    private readonly TransactionStore store;

    private InputFile(
        TransactionStore store,
        SourceFile source,
        string encoding,
        string? temporary,
        ExcelSheet? sheet = null
    )
    {
        // What DuckDB reads (the transcoded copy of a GB18030 file or an Excel sheet) sizes its memory and storage.
        store.PrepareForInput(source.Path, new FileInfo(source.DataPath).Length);
        this.store = store;
        Source = source;
        Encoding = encoding;
        this.temporary = temporary;
        Sheet = sheet;
    }

    /// <summary>The sheet read, when the input is an Excel workbook.</summary>
    public ExcelSheet? Sheet { get; }

    /// <summary>The source as the readers see it (<see cref="SourceFile.Path"/> is the user's path,
    /// <see cref="SourceFile.DataPath"/> what is read).</summary>
    public SourceFile Source { get; }

    /// <summary>Display name of the encoding in force (<see cref="TextEncodings.Utf8"/>, GB18030, …).</summary>
    public string Encoding { get; }

    /// <summary>Reason recorded for a line that is not valid in the encoding in force.</summary>
    public string InvalidReason => $"invalid encoding: the line is not valid {Encoding}";

    /// <summary>
    /// Inspects <paramref name="path"/> and transcodes it when needed; an Excel workbook's sheet is written as CSV, and
    /// <paramref name="timestampColumn"/> (given the header) names the column whose numbers are Excel serial dates.
    /// </summary>
    public static InputFile Open(
        TransactionStore store,
        string path,
        CleaningOptions options,
        Func<IReadOnlyList<string>, int?>? timestampColumn = null
    )
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        SourceFile.CheckExists(path);
        var head = SourceFile.ReadHead(path, 4);
        if (ExcelSheet.IsExcel(path, head))
            return OpenExcel(store, path, options, timestampColumn ?? (_ => null));
        if (options.Sheet is not null || options.HeaderRow is not null)
            throw new OptionsException(
                $"sheet and header-row apply to Excel workbooks (.xlsx, .xls); {path} is not one"
            );
        var bom =
            head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) ? "utf-16le"
            : head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) ? "utf-16be"
            : head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? "utf-8"
            : null;
        var requested = options.Encoding ?? bom ?? "utf-8";
        var (encoding, display) = TextEncodings.Resolve(requested);
        if (bom is not null && options.Encoding is not null && TextEncodings.Resolve(bom).Display != display)
            throw new DataFormatException(
                path,
                $"starts with a {TextEncodings.Resolve(bom).Display} byte-order mark but the encoding given "
                    + $"is {display}",
                expected: "no --encoding (the byte-order mark decides), or the matching one"
            );
        if (TextEncodings.IsUtf8(display) || SourceFile.IsParquet(head))
            return new InputFile(store, SourceFile.Open(store, path, options.Delimiter), TextEncodings.Utf8, null);

        var temporary = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"seg-utf8-{Guid.NewGuid():N}.csv");
        try
        {
            var skip =
                bom is null ? 0
                : bom == "utf-8" ? 3
                : 2;
            Transcoder.ToUtf8(path, temporary, encoding, skip);
            var source = SourceFile.Open(store, temporary, options.Delimiter, displayPath: path, encodingName: display);
            return new InputFile(store, source, display, temporary);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    private static InputFile OpenExcel(
        TransactionStore store,
        string path,
        CleaningOptions options,
        Func<IReadOnlyList<string>, int?> timestampColumn
    )
    {
        if (head(path) is { Length: 0 })
            throw new DataFormatException(path, "the file is empty");
        var temporary = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"seg-sheet-{Guid.NewGuid():N}.csv");
        try
        {
            var sheet = ExcelSheet.ToCsv(
                path,
                temporary,
                options.Sheet,
                options.HeaderRow,
                options.Delimiter,
                timestampColumn
            );
            var source = SourceFile.Open(store, temporary, options.Delimiter, displayPath: path);
            return new InputFile(store, source, TextEncodings.Utf8, temporary, sheet);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        static byte[] head(string file) => SourceFile.ReadHead(file, 1);
    }

    /// <summary>
    /// Rewrites the reason of the quarantined lines of <paramref name="kind"/> that the readers rejected as invalid
    /// encoding, and returns how many there are with advice on the encoding to try (UTF-8 input only).
    /// </summary>
    public (long Lines, string? Message) Finish(TransactionStore store, string kind)
    {
        if (Sheet is { } sheet)
        {
            var mine = $"source = {SqlText.Literal(kind)}";
            if (sheet.ExtraLines.Count > 0)
            {
                store.Execute(
                    $"UPDATE {TransactionStore.QuarantineTable} SET line_number = "
                        + $"{sheet.RowSql("line_number")} WHERE {mine}"
                );
                if (kind == Sources.Transactions)
                {
                    store.Execute(
                        $"UPDATE {TransactionStore.CleanTable} SET line_number = {sheet.RowSql("line_number")}"
                    );
                    store.Execute(
                        $"UPDATE {TransactionStore.ReturnsTable} SET line_number = {sheet.RowSql("line_number")}"
                    );
                }
            }
            store.Execute(
                $"UPDATE {TransactionStore.QuarantineTable} SET reason = reason || ' (sheet ' || "
                    + $"{SqlText.Literal(sheet.Name)} || ', row ' || CAST(line_number AS VARCHAR) || ')' WHERE "
                    + $"{mine}"
            );
            return (0, null);
        }
        var filter =
            $"source = {SqlText.Literal(kind)} AND starts_with(reason, "
            + $"{SqlText.Literal(TransactionLoader.MalformedReasonPrefix + "invalid encoding")})";
        var lines = new List<long>();
        using (var command = store.Connection.CreateCommand())
        {
            command.CommandText =
                $"SELECT line_number FROM {TransactionStore.QuarantineTable} WHERE {filter} ORDER BY line_number";
            using var reader = command.ExecuteReader();
            while (reader.Read())
                lines.Add(reader.GetInt64(0));
        }
        if (lines.Count == 0)
            return (0, null);
        store.Execute(
            $"UPDATE {TransactionStore.QuarantineTable} SET reason = {SqlText.Literal(InvalidReason)}, "
                + $"column_name = NULL, \"value\" = NULL WHERE {filter}"
        );
        var advice = TextEncodings.IsUtf8(Encoding)
            ? TextEncodings.Advise(SourceFile.ReadLines(Source.Path, lines))
            : null;
        var message =
            string.Create(CultureInfo.InvariantCulture, $"line {lines[0]} is not valid {Encoding}")
            + string.Create(
                CultureInfo.InvariantCulture,
                $"{(lines.Count > 1 ? $" ({lines.Count} such lines quarantined)" : " (quarantined)")}"
            )
            + string.Create(CultureInfo.InvariantCulture, $"{(advice is null ? "" : "; " + advice)}");
        return (lines.Count, message);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        store.FinishInput();
        if (temporary is not null)
            File.Delete(temporary);
    }
}
