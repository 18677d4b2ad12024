using System.Globalization;

namespace Segmentation.Data.Cleaning;

/// <summary>
/// How a file is read and cleaned. Defaults are declared here once; <see cref="Validate"/> checks them in one place.
/// </summary>
public sealed record CleaningOptions
{
    /// <summary>The defaults.</summary>
    public static CleaningOptions Default { get; } = new();

    /// <summary>
    /// The rules in the order they run (after the unparseable-row check, which always runs first). Duplicates run
    /// before returns so that a line exported twice is not counted as two returns. Leaving a rule out disables it.
    /// </summary>
    public IReadOnlyList<CleaningRule> Rules { get; init; } =
    [
        CleaningRule.MissingCustomerId,
        CleaningRule.Duplicates,
        CleaningRule.Returns,
        CleaningRule.NonPositive,
        CleaningRule.TimestampWindow,
    ];

    /// <summary>Field delimiter of CSV input (one ASCII character). The quote and escape character is <c>"</c> (RFC
    /// 4180).</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// Text encoding of CSV input (<see cref="TextEncodings.Names"/>: gb18030, gbk, big5, shift-jis,
    /// windows-1252, latin-1, utf-16, …); null reads UTF-8, or UTF-16 when the file starts with its byte-order mark.
    /// Input in another encoding is transcoded to a UTF-8 temporary file first, keeping line numbers.
    /// </summary>
    public string? Encoding { get; init; }

    /// <summary>Sheet of an Excel workbook to read: its name, or its number (1 = first); null reads the first
    /// sheet.</summary>
    public string? Sheet { get; init; }

    /// <summary>Excel row (1-based) holding the header; null detects it (the first row of at least two text cells,
    /// title rows above it skipped).</summary>
    public int? HeaderRow { get; init; }

    /// <summary>Earliest plausible timestamp (inclusive).</summary>
    public DateTime Earliest { get; init; } = new(1990, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Latest plausible timestamp (exclusive). A fixed default, never "now", so the same file cleans the same
    /// way on any day.</summary>
    public DateTime Latest { get; init; } = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>An order id starting with this text is a cancellation (UCI Online Retail: <c>C</c>); empty disables the
    /// test.</summary>
    public string CancellationPrefix { get; init; } = "C";

    /// <summary>
    /// Outlier fence multiplier k: a clean line is flagged when log(quantity) or log(quantity × unit price) lies
    /// outside [Q1 − k·IQR, Q3 + k·IQR] of the clean lines (Tukey's fences on the log scale; 2 lies between his
    /// inner 1.5 and outer 3, and on the workspace's sample data flags exactly the planted outliers). Null disables
    /// flagging. A measure whose IQR is 0 flags nothing.
    /// </summary>
    public double? OutlierFence { get; init; } = 2.0;

    /// <summary>
    /// Timestamp formats (DuckDB strptime syntax, e.g. <c>%d/%m/%Y %H:%M</c>) tried before the mapping's and the
    /// defaults; ISO 8601 is always understood.
    /// </summary>
    public IReadOnlyList<string> TimestampFormats { get; init; } = [];

    /// <summary>
    /// Read the optional columns (product, category, channel, …). Off, only the five required columns are read and
    /// the others are NULL: less work for jobs such as RFM that need nothing else.
    /// </summary>
    public bool ReadOptionalColumns { get; init; } = true;

    /// <summary>
    /// Customer-table columns holding direct identifiers (name, e-mail, phone, address, national id — see
    /// <see cref="DirectIdentifiers"/>) are dropped at load unless named here.
    /// </summary>
    public IReadOnlyList<string> KeepIdentifierColumns { get; init; } = [];

    /// <summary>Profile every column (type, missing share, exact distinct count, min/max) in the quality report; off
    /// saves a pass for large files.</summary>
    public bool ProfileColumns { get; init; } = true;

    /// <summary>
    /// Formats tried after ISO 8601 (<c>2024-03-05 14:03</c>, <c>2024-03-05T14:03:00</c>) when neither the options nor
    /// the mapping name one: US month-first; year first with slashes as Chinese systems and Excel write it
    /// (<c>2024/3/5 14:03</c>); Chinese <c>2024年3月5日 14:03</c>; day.month.year with dots. Month, day and hour may
    /// have one digit.
    /// </summary>
    public static IReadOnlyList<string> DefaultTimestampFormats { get; } =
    [
        "%m/%d/%Y %H:%M:%S",
        "%m/%d/%Y %H:%M",
        "%m/%d/%Y",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%Y/%m/%d",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%d",
        "%Y年%m月%d日 %H:%M:%S",
        "%Y年%m月%d日 %H:%M",
        "%Y年%m月%d日%H:%M",
        "%Y年%m月%d日",
        "%Y年%m月%d日 %H时%M分%S秒",
        "%Y年%m月%d日 %H时%M分",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%d.%m.%Y",
    ];

    /// <summary>Throws <see cref="OptionsException"/> naming the first invalid option and its value.</summary>
    public void Validate()
    {
        if (Rules is null)
            throw new OptionsException("rules must not be null");
        var repeated = Rules.GroupBy(r => r).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
            throw new OptionsException(
                $"rules lists '{CleaningRuleNames.Of(repeated.Key)}' {repeated.Count()} times; each rule "
                    + "may appear once"
            );
        if (Delimiter is '"' or '\n' or '\r' or '\0' || Delimiter > 127)
            throw new OptionsException(
                $"delimiter='{Delimiter}' must be one ASCII character other than a quote or a line break"
            );
        if (Earliest >= Latest)
            throw new OptionsException(
                $"earliest={Earliest.ToString("s", CultureInfo.InvariantCulture)} must be < "
                    + $"latest={Latest.ToString("s", CultureInfo.InvariantCulture)}"
            );
        if (CancellationPrefix is null)
            throw new OptionsException("cancellation-prefix must not be null (use \"\" to disable)");
        if (OutlierFence is { } k && (!double.IsFinite(k) || k <= 0))
            throw new OptionsException(FormattableString.Invariant($"outlier-fence={k} must be a positive number"));
        if (Encoding is not null)
            TextEncodings.Resolve(Encoding);
        if (HeaderRow is { } row && row < 1)
            throw new OptionsException(FormattableString.Invariant($"header-row={row} must be >= 1"));
        if (TimestampFormats is null || TimestampFormats.Any(string.IsNullOrWhiteSpace))
            throw new OptionsException("timestamp-formats must not contain an empty format");
    }
}
