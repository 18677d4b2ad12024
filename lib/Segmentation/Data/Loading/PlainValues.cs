namespace Segmentation.Data.Loading;

/// <summary>The timestamp text layouts <see cref="PlainValues"/> reads without DuckDB.</summary>
internal enum PlainTimestampLayout
{
    /// <summary>None: every timestamp is left to DuckDB.</summary>
    None,
    /// <summary><c>M/d/yyyy H:mm</c> (month, day and hour with one or two digits): DuckDB's <c>%m/%d/%Y %H:%M</c>.</summary>
    UsMinutes,
    /// <summary><c>yyyy-MM-dd HH:mm:ss</c>, every part zero-padded: what <c>TRY_CAST(x AS TIMESTAMP)</c> reads.</summary>
    IsoSeconds,
}

/// <summary>
/// Reads the plainest spellings of numbers and timestamps directly from UTF-8 bytes, giving exactly what DuckDB's
/// <c>TRY_CAST</c> / <c>try_strptime</c> give for them. Anything else (signs, exponents, spaces, out-of-range parts,
/// other layouts) returns false, and the caller asks DuckDB: these readers only ever shortcut, they never decide a
/// value DuckDB would read differently.
/// </summary>
internal static class PlainValues
{
    /// <summary>
    /// Reads <c>-?digits(.digits)?</c> with at most <paramref name="integerDigits"/> digits before the point and
    /// <paramref name="scale"/> after it: the value <c>TRY_CAST(text AS DECIMAL(integerDigits + scale, scale))</c> gives.
    /// </summary>
    public static bool TryDecimal(ReadOnlySpan<byte> text, int integerDigits, int scale, out decimal value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (text.Length > 0 && text[0] == (byte)'-')
        {
            negative = true;
            i = 1;
        }
        ulong mantissa = 0;
        var whole = 0;
        while (i < text.Length && IsDigit(text[i]))
        {
            mantissa = mantissa * 10 + (ulong)(text[i] - '0');
            whole++;
            i++;
        }
        if (whole == 0 || whole > integerDigits) return false;
        var fraction = 0;
        if (i < text.Length)
        {
            if (text[i] != (byte)'.') return false;
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                mantissa = mantissa * 10 + (ulong)(text[i] - '0');
                fraction++;
                i++;
            }
            if (fraction == 0 || fraction > scale || i < text.Length) return false;
        }
        value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, negative, (byte)fraction);
        return true;
    }

    /// <summary>Reads <paramref name="text"/> in <paramref name="layout"/>; false for any other spelling or an impossible date or time.</summary>
    public static bool TryTimestamp(ReadOnlySpan<byte> text, PlainTimestampLayout layout, out DateTime value) => layout switch
    {
        PlainTimestampLayout.UsMinutes => TryUsMinutes(text, out value),
        PlainTimestampLayout.IsoSeconds => TryIsoSeconds(text, out value),
        _ => Fail(out value),
    };

    private static bool TryUsMinutes(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        var i = 0;
        if (!Number(text, ref i, 1, 2, out var month) || !Skip(text, ref i, '/')) return false;
        if (!Number(text, ref i, 1, 2, out var day) || !Skip(text, ref i, '/')) return false;
        if (!Number(text, ref i, 4, 4, out var year) || !Skip(text, ref i, ' ')) return false;
        if (!Number(text, ref i, 1, 2, out var hour) || !Skip(text, ref i, ':')) return false;
        if (!Number(text, ref i, 2, 2, out var minute) || i != text.Length) return false;
        return Make(year, month, day, hour, minute, 0, out value);
    }

    private static bool TryIsoSeconds(ReadOnlySpan<byte> text, out DateTime value)
    {
        value = default;
        var i = 0;
        if (text.Length != 19) return false;
        if (!Number(text, ref i, 4, 4, out var year) || !Skip(text, ref i, '-')) return false;
        if (!Number(text, ref i, 2, 2, out var month) || !Skip(text, ref i, '-')) return false;
        if (!Number(text, ref i, 2, 2, out var day) || !Skip(text, ref i, ' ')) return false;
        if (!Number(text, ref i, 2, 2, out var hour) || !Skip(text, ref i, ':')) return false;
        if (!Number(text, ref i, 2, 2, out var minute) || !Skip(text, ref i, ':')) return false;
        if (!Number(text, ref i, 2, 2, out var second) || i != text.Length) return false;
        return Make(year, month, day, hour, minute, second, out value);
    }

    private static bool Make(int year, int month, int day, int hour, int minute, int second, out DateTime value)
    {
        value = default;
        if (year < 1000 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        if (hour > 23 || minute > 59 || second > 59) return false;
        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> text, ref int i, int minDigits, int maxDigits, out int value)
    {
        value = 0;
        var digits = 0;
        while (i < text.Length && digits < maxDigits && IsDigit(text[i]))
        {
            value = value * 10 + (text[i] - '0');
            digits++;
            i++;
        }
        return digits >= minDigits && (i == text.Length || !IsDigit(text[i]));
    }

    private static bool Skip(ReadOnlySpan<byte> text, ref int i, char expected)
    {
        if (i >= text.Length || text[i] != (byte)expected) return false;
        i++;
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool Fail(out DateTime value)
    {
        value = default;
        return false;
    }
}
