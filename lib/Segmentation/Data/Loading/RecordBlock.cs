using System.Text;
using System.Text.Unicode;
using Microsoft.Win32.SafeHandles;

namespace Segmentation.Data.Loading;

/// <summary>What one line of a block is to the merge.</summary>
internal enum BlockLineKind : byte
{
    /// <summary>An empty line.</summary>
    Blank,

    /// <summary>A record that is not plain CSV (DuckDB's reader judges it at the end).</summary>
    Malformed,

    /// <summary>
    /// A plain record whose values are all decided: <see cref="BlockLine.Verdict"/> holds its first failed check.
    /// </summary>
    Decided,

    /// <summary>A plain record with a value only DuckDB's casts can read.</summary>
    Waiting,

    /// <summary>The file cannot be streamed exactly from here on (<see cref="BlockLine.Fault"/> says why).</summary>
    Fault,
}

/// <summary>Why a block stopped: the file cannot be streamed exactly.</summary>
internal enum BlockFault : byte
{
    None,

    /// <summary>The record's line ends differ from the header's.</summary>
    MixedLineEnds,

    /// <summary>
    /// A value begins or ends with a character DuckDB's trim may remove (<see cref="RecordBlock.FaultColumn"/>).
    /// </summary>
    UncertainEdge,

    /// <summary>The last record of the file cannot be delimited.</summary>
    Undelimited,
}

/// <summary>One line (or multi-line record) of a block, positions relative to the block.</summary>
internal struct BlockLine
{
    public BlockLineKind Kind;
    public BlockFault Fault;

    /// <summary>Bytes from the block's start to the record's first byte.</summary>
    public int Offset;

    /// <summary>Bytes of the record, its line break included.</summary>
    public int Length;

    /// <summary>Physical lines of the block before this record.</summary>
    public int LinesBefore;

    /// <summary>Physical lines the record spans.</summary>
    public int Lines;

    /// <summary>
    /// The key's hash (<see cref="DuplicateIndex.Hash"/>), its place and length in <see cref="RecordBlock.Keys"/>.
    /// </summary>
    public ulong Hash;
    public int KeyStart,
        KeyLength;
    public RowValues Values;

    /// <summary>
    /// Index of the first check the record fails when it duplicates no earlier one (checks' count: none).
    /// </summary>
    public int Verdict;

    /// <summary>Customer id then order id, decoded, in <see cref="RecordBlock.Chars"/> (clean verdicts only).</summary>
    public int CharStart,
        CustomerChars,
        OrderChars;

    /// <summary>Raw text and value of a quarantine verdict, in <see cref="RecordBlock.Texts"/> (-1: none).</summary>
    public int Text;
}

/// <summary>
/// The records of one block of the file as a worker read them, before the merge gives them line numbers, duplicates and
/// destinations. A block starts right after a line feed; it is only used when the record before it ends there (the
/// merge checks), so a line feed inside a quoted field never splits a record. Reused block after block.
/// </summary>
internal sealed class RecordBlock
{
    public BlockLine[] Lines = new BlockLine[1024];
    public int Count;
    public byte[] Keys = new byte[1 << 16];
    public int KeyBytes;
    public char[] Chars = new char[1 << 12];
    public int CharCount;
    public readonly List<(string Raw, string? Value)> Texts = [];

    /// <summary>The column named by an <see cref="BlockFault.UncertainEdge"/> fault.</summary>
    public string? FaultColumn;

    /// <summary>
    /// Where in the file the block was read from, and the first record start it leaves to the next block.
    /// </summary>
    public long Start,
        Limit;

    /// <summary>
    /// Where its last record ends (at or after <see cref="Limit"/>; <see cref="Start"/> when it holds none).
    /// </summary>
    public long End;

    /// <summary>Physical lines of its records.</summary>
    public long PhysicalLines;

    public void Reset(long start, long limit)
    {
        (Start, Limit, End, PhysicalLines) = (start, limit, start, 0);
        Count = KeyBytes = CharCount = 0;
        Texts.Clear();
        FaultColumn = null;
    }

    public ref BlockLine Add()
    {
        if (Count == Lines.Length)
            Array.Resize(ref Lines, Count * 2);
        Lines[Count] = default;
        return ref Lines[Count++];
    }

    public ReadOnlySpan<byte> KeyOf(in BlockLine line) => Keys.AsSpan(line.KeyStart, line.KeyLength);
}

/// <summary>
/// Reads the records of one block: delimits them with <see cref="CsvRecordParser"/>, builds their keys and hashes,
/// reads
/// their values and runs the checks that need no other record. One per worker thread; no shared state but the layout.
/// </summary>
internal sealed class BlockReader(
    SafeFileHandle file,
    long fileLength,
    RecordLayout layout,
    bool crlf,
    int maxRecordBytes
)
{
    private readonly FieldSpan[] fields = new FieldSpan[layout.Columns + 1];
    private readonly Piece[] parts = new Piece[layout.KeyValues];
    private byte[] buffer = new byte[1 << 16];

    /// <summary>
    /// Reads the records that start in [<paramref name="start"/>, <paramref name="limit"/>) into <paramref
    /// name="block"/>.
    /// </summary>
    public RecordBlock Read(RecordBlock block, long start, long limit)
    {
        block.Reset(start, limit);
        var wanted = (int)Math.Min(limit - start + 4096, fileLength - start);
        if (buffer.Length < wanted)
            buffer = new byte[wanted];
        var filled = Fill(0, wanted, start);
        int position = 0,
            lines = 0;
        while (start + position < limit)
        {
            var final = start + filled == fileLength;
            var data = buffer.AsSpan(position, filled - position);
            var record = CsvRecordParser.Parse(data, final, layout.Delimiter, fields);
            if (record.Kind == ParsedKind.NeedMore)
            {
                if (final)
                {
                    ref var fault = ref block.Add();
                    (fault.Kind, fault.Fault, fault.LinesBefore) = (BlockLineKind.Fault, BlockFault.Undelimited, lines);
                    break;
                }
                if (filled == buffer.Length)
                    Array.Resize(ref buffer, buffer.Length * 2);
                filled = Fill(filled, (int)Math.Min(buffer.Length, fileLength - start), start);
                continue;
            }
            var bytes = data[..record.Consumed];
            ref var line = ref block.Add();
            (line.Offset, line.Length, line.LinesBefore, line.Lines, line.Text) = (
                position,
                record.Consumed,
                lines,
                record.Lines,
                -1
            );
            position += record.Consumed;
            lines += record.Lines;
            if (record.Kind == ParsedKind.Blank)
            {
                line.Kind = BlockLineKind.Blank;
                continue;
            }
            if (!RecordLayout.ConsistentLineEnds(bytes, crlf))
            {
                (line.Kind, line.Fault) = (BlockLineKind.Fault, BlockFault.MixedLineEnds);
                break;
            }
            if (
                !record.Plain
                || record.Fields != layout.Columns
                || record.Consumed > maxRecordBytes
                || !Utf8.IsValid(bytes)
            )
            {
                line.Kind = BlockLineKind.Malformed;
                continue;
            }
            if (!Decide(block, ref line, bytes))
                break;
        }
        block.End = start + position;
        block.PhysicalLines = lines;
        return block;
    }

    /// <summary>
    /// Builds the record's key and runs the checks; false when the file cannot be streamed from here.
    /// </summary>
    private bool Decide(RecordBlock block, ref BlockLine line, ReadOnlySpan<byte> bytes)
    {
        var length = layout.BuildKey(
            bytes,
            fields,
            ref block.Keys,
            block.KeyBytes,
            parts,
            check: true,
            out var uncertain
        );
        if (length < 0)
        {
            (line.Kind, line.Fault) = (BlockLineKind.Fault, BlockFault.UncertainEdge);
            block.FaultColumn = uncertain;
            return false;
        }
        (line.KeyStart, line.KeyLength) = (block.KeyBytes, length);
        block.KeyBytes += length;
        var key = block.KeyOf(line);
        line.Hash = DuplicateIndex.Hash(key);
        line.Values = layout.ReadValues(key, parts);
        if (line.Values.Waits)
        {
            line.Kind = BlockLineKind.Waiting;
            return true;
        }
        line.Kind = BlockLineKind.Decided;
        line.Verdict = layout.FirstFailed(layout.Facts(key, parts, line.Values, duplicate: 0));
        if (line.Verdict == layout.Checks.Length)
        {
            var customer = parts[layout.CustomerKey].Of(key);
            var order = parts[layout.OrderKey].Of(key);
            var needed = block.CharCount + customer.Length + order.Length;
            if (block.Chars.Length < needed)
                Array.Resize(ref block.Chars, Math.Max(block.Chars.Length * 2, needed));
            line.CharStart = block.CharCount;
            line.CustomerChars = Encoding.UTF8.GetChars(customer, block.Chars.AsSpan(block.CharCount));
            line.OrderChars = Encoding.UTF8.GetChars(order, block.Chars.AsSpan(block.CharCount + line.CustomerChars));
            block.CharCount += line.CustomerChars + line.OrderChars;
        }
        else if (!layout.IsReturn(line.Verdict))
        {
            line.Text = block.Texts.Count;
            block.Texts.Add((layout.Raw(key, parts), layout.ValueOf(line.Verdict, key, parts)));
        }
        return true;
    }

    /// <summary>
    /// The first position at or after <paramref name="position"/> that follows a line feed (or the end of the file).
    /// </summary>
    public long LineStart(long position)
    {
        Span<byte> chunk = stackalloc byte[4096];
        var at = position - 1;
        while (at < fileLength)
        {
            var read = RandomAccess.Read(file, chunk, at);
            if (read == 0)
                break;
            var feed = chunk[..read].IndexOf((byte)'\n');
            if (feed >= 0)
                return at + feed + 1;
            at += read;
        }
        return fileLength;
    }

    private int Fill(int filled, int upTo, long start)
    {
        while (filled < upTo)
        {
            var read = RandomAccess.Read(file, buffer.AsSpan(filled, upTo - filled), start + filled);
            if (read == 0)
                break;
            filled += read;
        }
        return filled;
    }
}
