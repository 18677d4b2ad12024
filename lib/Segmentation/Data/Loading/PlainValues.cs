namespace Segmentation.Data.Loading;

/// <summary>
/// Reads the plainest spellings of numbers directly from UTF-8 bytes, giving exactly what DuckDB's
/// <c>TRY_CAST</c> gives for them. Anything else (signs, exponents, spaces, more digits than the
/// type holds) returns false, and the caller asks DuckDB: these readers only ever shortcut, they never decide a
/// value DuckDB would read differently.
/// </summary>
internal static class PlainValues
{
    /// <summary>
    /// Reads <c>-?digits(.digits)?</c> with at most <paramref name="integerDigits"/> digits before the point and
    /// <paramref name="scale"/> after it: the value <c>TRY_CAST(text AS DECIMAL(integerDigits + scale, scale))</c>
    /// gives.
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
        if (whole == 0 || whole > integerDigits)
            return false;
        var fraction = 0;
        if (i < text.Length)
        {
            if (text[i] != (byte)'.')
                return false;
            i++;
            while (i < text.Length && IsDigit(text[i]))
            {
                mantissa = mantissa * 10 + (ulong)(text[i] - '0');
                fraction++;
                i++;
            }
            if (fraction == 0 || fraction > scale || i < text.Length)
                return false;
        }
        value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, negative, (byte)fraction);
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
