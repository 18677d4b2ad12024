using System.Buffers.Text;
using System.Text;
using Segmentation.Common;

namespace Segmentation.Data.Generation;

/// <summary>CSV text encoding shared by the simulator's writers (RFC 4180: quote only when needed).</summary>
internal static class CsvText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The UTF-8 bytes of <paramref name="value"/> as one CSV field, quoted as <see cref="Csv.Field"/>
    /// quotes.</summary>
    public static byte[] Field(string value) => Utf8.GetBytes(Csv.Field(value));
}

/// <summary>
/// A buffered UTF-8 CSV writer that formats numbers and timestamps by hand (invariant, no allocation
/// per field). LF line ends; lines must be shorter than <see cref="MaxLineBytes"/>.
/// </summary>
internal sealed class Utf8CsvWriter
{
    public const int MaxLineBytes = 4096;

    private readonly Stream stream;
    private readonly byte[] buffer;
    private int position;

    public Utf8CsvWriter(Stream stream, int bufferBytes = 1 << 20)
    {
        this.stream = stream;
        buffer = new byte[Math.Max(bufferBytes, 4 * MaxLineBytes)];
    }

    /// <summary>Writes a header line of field names.</summary>
    public void Header(IEnumerable<string> names)
    {
        BeginLine();
        var first = true;
        foreach (var name in names)
        {
            if (!first)
                Comma();
            Raw(CsvText.Field(name));
            first = false;
        }
        EndLine();
    }

    /// <summary>Makes room for one line.</summary>
    public void BeginLine()
    {
        if (buffer.Length - position < MaxLineBytes)
            Flush();
    }

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(buffer.AsSpan(position));
        position += bytes.Length;
    }

    public void Comma() => buffer[position++] = (byte)',';

    public void EndLine() => buffer[position++] = (byte)'\n';

    public void Integer(long value)
    {
        Utf8Formatter.TryFormat(value, buffer.AsSpan(position), out var written);
        position += written;
    }

    /// <summary>An amount given in hundredths, always with two decimals: -12.50, 0.00, 3.05.</summary>
    public void Cents(long cents)
    {
        if (cents < 0)
        {
            buffer[position++] = (byte)'-';
            cents = -cents;
        }
        Integer(cents / 100);
        buffer[position++] = (byte)'.';
        TwoDigits((int)(cents % 100));
    }

    /// <summary>yyyy-MM-dd.</summary>
    public void IsoDate(int year, int month, int day)
    {
        FourDigits(year);
        buffer[position++] = (byte)'-';
        TwoDigits(month);
        buffer[position++] = (byte)'-';
        TwoDigits(day);
    }

    /// <summary>yyyy-MM-dd HH:mm:ss.</summary>
    public void IsoTimestamp(DateTime t) => IsoTimestamp(t.Year, t.Month, t.Day, t);

    /// <summary>yyyy-MM-dd HH:mm:ss with the date given separately (so impossible dates can be written).</summary>
    public void IsoTimestamp(int year, int month, int day, DateTime timeOfDay)
    {
        IsoDate(year, month, day);
        buffer[position++] = (byte)' ';
        TwoDigits(timeOfDay.Hour);
        buffer[position++] = (byte)':';
        TwoDigits(timeOfDay.Minute);
        buffer[position++] = (byte)':';
        TwoDigits(timeOfDay.Second);
    }

    /// <summary>M/d/yyyy H:mm (the UCI Online Retail InvoiceDate format).</summary>
    public void UsTimestamp(DateTime t) => UsTimestamp(t.Year, t.Month, t.Day, t);

    /// <summary>M/d/yyyy H:mm with the date given separately (so impossible dates can be written).</summary>
    public void UsTimestamp(int year, int month, int day, DateTime timeOfDay)
    {
        Integer(month);
        buffer[position++] = (byte)'/';
        Integer(day);
        buffer[position++] = (byte)'/';
        FourDigits(year);
        buffer[position++] = (byte)' ';
        Integer(timeOfDay.Hour);
        buffer[position++] = (byte)':';
        TwoDigits(timeOfDay.Minute);
    }

    public void Flush()
    {
        stream.Write(buffer, 0, position);
        position = 0;
    }

    private void TwoDigits(int value)
    {
        buffer[position++] = (byte)('0' + value / 10);
        buffer[position++] = (byte)('0' + value % 10);
    }

    private void FourDigits(int value)
    {
        TwoDigits(value / 100);
        TwoDigits(value % 100);
    }
}
