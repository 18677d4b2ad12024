using System.Text;
using Segmentation.Data.Cleaning;

namespace Segmentation.Data.Loading;

/// <summary>What a plain reader concluded about one value.</summary>
internal enum PlainOutcome
{
    /// <summary>Read: the value is what DuckDB gives.</summary>
    Read,

    /// <summary>DuckDB certainly reads no value from this text (the full load's NULL).</summary>
    NoValue,

    /// <summary>Not decided here: DuckDB's casts must read it.</summary>
    AskDuckDb,
}

/// <summary>
/// Reads timestamps from UTF-8 bytes exactly as <see cref="TransactionLoader.TimestampSql"/> does in DuckDB: the
/// options' and the mapping's formats (<c>try_strptime</c>), then <c>TRY_CAST(x AS TIMESTAMP)</c> (ISO 8601), then
/// <see cref="CleaningOptions.DefaultTimestampFormats"/>, the first that reads the text winning. Each step says
/// "read", "certainly not read" or "not sure"; a text reaches a later step only when every earlier one certainly
/// failed, and "not sure" anywhere leaves the text to DuckDB. The steps know the specifiers <c>%Y %m %d %H %M %S</c>
/// and literal text (any other specifier makes its format "not sure" for every text) and the common ISO 8601 shapes of
/// the cast; anything odd (signs, other year lengths, leap seconds, time zones, special words) is left to DuckDB.
/// </summary>
internal sealed class PlainTimestamps
{
    private readonly Step[] steps;

    private PlainTimestamps(Step[] steps) => this.steps = steps;

    /// <summary>The reader of the chain that starts with <paramref name="firstFormats"/>
    /// (<see cref="TransactionLoader.FirstTimestampFormats"/>).</summary>
    public static PlainTimestamps For(IReadOnlyList<string> firstFormats) =>
        new([
            .. firstFormats.Select(Strptime.Parse),
            new IsoCast(),
            .. CleaningOptions.DefaultTimestampFormats.Select(Strptime.Parse),
        ]);

    /// <summary>Reads <paramref name="text"/> (trimmed, not empty) as the full load's SQL would.</summary>
    public PlainOutcome Read(ReadOnlySpan<byte> text, out DateTime value)
    {
        foreach (var step in steps)
        {
            switch (step.Try(text, out value))
            {
                case Match.Yes:
                    return PlainOutcome.Read;
                case Match.Unsure:
                    return PlainOutcome.AskDuckDb;
            }
        }
        value = default;
        return PlainOutcome.NoValue;
    }

    private enum Match
    {
        No,
        Yes,
        Unsure,
    }

    private abstract class Step
    {
        public abstract Match Try(ReadOnlySpan<byte> text, out DateTime value);
    }

    /// <summary>DuckDB's <c>strptime</c> for one format: literals byte for byte (a run of spaces matches a run of at
    /// least one space), numbers greedy.</summary>
    private sealed class Strptime : Step
    {
        private readonly Token[]? tokens;

        private Strptime(Token[]? tokens) => this.tokens = tokens;

        /// <summary>The step of <paramref name="format"/>; a format with a specifier not modelled here is never
        /// sure.</summary>
        public static Strptime Parse(string format)
        {
            var tokens = new List<Token>();
            var literal = new StringBuilder();
            var seen = new HashSet<Field>();
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] != '%')
                {
                    literal.Append(format[i]);
                    continue;
                }
                if (i + 1 == format.Length)
                    return new Strptime(null);
                var specifier = format[++i];
                if (specifier == '%')
                {
                    literal.Append('%');
                    continue;
                }
                Field? field = specifier switch
                {
                    'Y' => Field.Year,
                    'm' => Field.Month,
                    'd' => Field.Day,
                    'H' => Field.Hour,
                    'M' => Field.Minute,
                    'S' => Field.Second,
                    _ => null,
                };
                if (field is not { } f || !seen.Add(f))
                    return new Strptime(null);
                Flush();
                tokens.Add(new Token(f, []));
            }
            Flush();
            return seen.IsSupersetOf([Field.Year, Field.Month, Field.Day])
                ? new Strptime([.. tokens])
                : new Strptime(null);

            void Flush()
            {
                if (literal.Length == 0)
                    return;
                tokens.Add(new Token(Field.Literal, Encoding.UTF8.GetBytes(literal.ToString())));
                literal.Clear();
            }
        }

        public override Match Try(ReadOnlySpan<byte> text, out DateTime value)
        {
            value = default;
            if (tokens is null)
                return Match.Unsure;
            int year = 0,
                month = 0,
                day = 0,
                hour = 0,
                minute = 0,
                second = 0;
            var unsureYear = false;
            var pos = 0;
            foreach (var token in tokens)
            {
                if (token.Field == Field.Literal)
                {
                    var literal = token.Literal;
                    var l = 0;
                    while (l < literal.Length)
                    {
                        if (IsSpace(literal[l]))
                        {
                            if (pos >= text.Length || !IsSpace(text[pos]))
                                return Match.No;
                            while (pos < text.Length && IsSpace(text[pos]))
                                pos++;
                            while (l < literal.Length && IsSpace(literal[l]))
                                l++;
                            continue;
                        }
                        if (pos >= text.Length || text[pos] != literal[l])
                            return Match.No;
                        pos++;
                        l++;
                    }
                    continue;
                }
                var start = pos;
                var number = 0;
                if (token.Field == Field.Year)
                {
                    while (pos < text.Length && IsDigit(text[pos]))
                        number = number * 10 + (text[pos++] - '0');
                    if (pos == start)
                        return pos < text.Length && text[pos] is (byte)'+' or (byte)'-' ? Match.Unsure : Match.No;
                    // Any width DuckDB gives %Y takes at least four digits: a shorter run is read whole (and only the
                    // year is unsure: a match is left to DuckDB), a longer one may be cut anywhere.
                    if (pos - start > 4)
                        return Match.Unsure;
                    if (pos - start < 4 || number == 0)
                        unsureYear = true;
                    year = number;
                    continue;
                }
                while (pos < text.Length && pos - start < 2 && IsDigit(text[pos]))
                    number = number * 10 + (text[pos++] - '0');
                if (pos == start)
                    return Match.No;
                switch (token.Field)
                {
                    case Field.Month:
                        if (number is < 1 or > 12)
                            return Match.No;
                        month = number;
                        break;
                    case Field.Day:
                        if (number is < 1 or > 31)
                            return Match.No;
                        day = number;
                        break;
                    case Field.Hour:
                        if (number > 23)
                            return Match.No;
                        hour = number;
                        break;
                    case Field.Minute:
                        if (number > 59)
                            return Match.No;
                        minute = number;
                        break;
                    default:
                        if (number > 59)
                            return Match.Unsure;
                        second = number;
                        break;
                }
            }
            if (pos != text.Length)
            {
                while (pos < text.Length && IsSpace(text[pos]))
                    pos++;
                return pos == text.Length ? Match.Unsure : Match.No;
            }
            if (unsureYear)
                return Match.Unsure;
            if (day > DateTime.DaysInMonth(year, month))
                return Match.No;
            value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
            return Match.Yes;
        }

        private enum Field
        {
            Literal,
            Year,
            Month,
            Day,
            Hour,
            Minute,
            Second,
        }

        private readonly record struct Token(Field Field, byte[] Literal);
    }

    /// <summary>
    /// DuckDB's <c>TRY_CAST(x AS TIMESTAMP)</c> for <c>yyyy-M-d</c> (separator <c>-</c>, <c>/</c>, <c>\</c> or space,
    /// the same twice), optionally followed by space or <c>T</c> and <c>H:mm</c>, <c>H:mm:ss</c> or <c>H:mm:ss.f</c>
    /// (up to 6 fraction digits). A text that starts with digits not followed by such a separator, or whose day has a
    /// third digit, is certainly not read.
    /// </summary>
    private sealed class IsoCast : Step
    {
        public override Match Try(ReadOnlySpan<byte> text, out DateTime value)
        {
            value = default;
            var pos = 0;
            var year = 0;
            while (pos < text.Length && IsDigit(text[pos]) && pos < 9)
                year = year * 10 + (text[pos++] - '0');
            var yearDigits = pos;
            if (pos == 0 || pos == 9 || pos == text.Length)
                return Match.Unsure;
            var separator = text[pos++];
            if (separator is not ((byte)'-' or (byte)'/' or (byte)'\\' or (byte)' '))
                return Match.No;
            if (!TwoDigits(text, ref pos, out var month))
                return Match.No;
            if (pos >= text.Length || text[pos++] != separator)
                return Match.No;
            if (!TwoDigits(text, ref pos, out var day))
                return Match.No;
            if (pos < text.Length && IsDigit(text[pos]))
                return Match.No;
            if (month is < 1 or > 12 || day is < 1 or > 31)
                return Match.No;
            if (yearDigits != 4 || year < 1000)
                return Match.Unsure;
            if (day > DateTime.DaysInMonth(year, month))
                return Match.No;
            if (pos == text.Length)
            {
                value = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
                return Match.Yes;
            }
            if (text[pos] is not ((byte)' ' or (byte)'T'))
                return Match.Unsure;
            pos++;
            var start = pos;
            var hour = 0;
            while (pos < text.Length && IsDigit(text[pos]) && pos - start < 3)
                hour = hour * 10 + (text[pos++] - '0');
            if (pos - start is < 1 or > 2 || hour > 23)
                return Match.Unsure;
            if (!Colon(text, ref pos) || !Exactly2(text, ref pos, out var minute) || minute > 59)
                return Match.Unsure;
            var second = 0;
            var ticks = 0L;
            if (pos < text.Length)
            {
                if (!Colon(text, ref pos) || !Exactly2(text, ref pos, out second) || second > 59)
                    return Match.Unsure;
                if (pos < text.Length)
                {
                    if (text[pos++] != (byte)'.')
                        return Match.Unsure;
                    var digits = 0;
                    var fraction = 0L;
                    while (pos < text.Length && IsDigit(text[pos]) && digits < 7)
                    {
                        fraction = fraction * 10 + (text[pos++] - '0');
                        digits++;
                    }
                    if (digits is < 1 or > 6 || pos != text.Length)
                        return Match.Unsure;
                    for (var d = digits; d < 7; d++)
                        fraction *= 10;
                    ticks = fraction;
                }
            }
            value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(ticks);
            return Match.Yes;
        }

        private static bool TwoDigits(ReadOnlySpan<byte> text, ref int pos, out int value)
        {
            value = 0;
            if (pos >= text.Length || !IsDigit(text[pos]))
                return false;
            value = text[pos++] - '0';
            if (pos < text.Length && IsDigit(text[pos]))
                value = value * 10 + (text[pos++] - '0');
            return true;
        }

        private static bool Exactly2(ReadOnlySpan<byte> text, ref int pos, out int value)
        {
            value = 0;
            if (pos + 2 > text.Length || !IsDigit(text[pos]) || !IsDigit(text[pos + 1]))
                return false;
            if (pos + 2 < text.Length && IsDigit(text[pos + 2]))
                return false;
            value = (text[pos] - '0') * 10 + (text[pos + 1] - '0');
            pos += 2;
            return true;
        }

        private static bool Colon(ReadOnlySpan<byte> text, ref int pos)
        {
            if (pos >= text.Length || text[pos] != (byte)':')
                return false;
            pos++;
            return true;
        }
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    /// <summary>DuckDB's <c>StringUtil::CharacterIsSpace</c>.</summary>
    private static bool IsSpace(byte b) =>
        b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';
}
