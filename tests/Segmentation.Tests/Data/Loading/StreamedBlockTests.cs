using System.Text;
using Segmentation.Data;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;
using Segmentation.Features;
using Segmentation.Segmenting.Rules;
using Segmentation.Workflow;

namespace Segmentation.Tests.Data.Loading;

/// <summary>
/// The streamed reader cuts the file into blocks read on worker threads and merged in file order: whatever the number
/// of workers and the size of the blocks, <c>seg rfm</c>'s outputs must be the same bytes.
/// </summary>
public sealed class StreamedBlockTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    private const string BadLine = "9999,Z9,BAD,lots,12/4/2024 18:27,1.50,17850,UK\n";
    private static readonly CleaningOptions Options = new() { ProfileColumns = false, OutlierFence = null };
    private static readonly string[] OutputNames =
    [
        OutputFiles.Quarantine,
        OutputFiles.QualityJson,
        RuleOutputs.RfmFile,
        RuleOutputs.RfmBinsFile,
        RuleOutputs.RfmSegmentsFile,
    ];

    /// <summary>
    /// 400 records with every kind of line the merge treats differently: quoted fields holding line feeds (one longer
    /// than the smallest blocks), exact duplicates near and far, returns and cancellations, missing ids, unreadable
    /// numbers, values only DuckDB's casts read, records that are not plain CSV, blank lines; and
    /// <see cref="BadLine"/> as record 200.
    /// </summary>
    private static string Log()
    {
        var text = new StringBuilder(Header);
        var written = new List<string>();
        for (var i = 0; i < 400; i++)
        {
            var description = (i % 7) switch
            {
                0 => "\"MUG\nWITH\nLID\"",
                3 => "\"10\"\" SCREEN, BLACK\"",
                5 when i % 35 == 5 => "\"" + string.Concat(Enumerable.Repeat("LONG\nNOTE ", 12)) + "\"",
                _ => "MUG",
            };
            var quantity =
                i % 13 == 0 ? "-2"
                : i % 29 == 0 ? "x"
                : (1 + i % 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var order = i % 41 == 0 ? $"C{5000 + i / 3}" : $"{5000 + i / 3}";
            var customer = i % 17 == 0 ? "" : $"{12000 + i % 23}";
            var price = i % 23 == 0 ? "+2.5" : "1.25";
            var timestamp =
                i % 31 == 0 ? $"2024-12-0{1 + i % 9}T10:00:00Z" : $"12/{1 + i % 28}/2024 {i % 24}:{10 + i % 50}";
            var line =
                i == 200 ? BadLine : $"{order},A{i % 9},{description},{quantity},{timestamp},{price},{customer},UK\n";
            if (i % 11 == 0 && written.Count > 6)
                line = written[i % 2 == 0 ? ^5 : ^(written.Count - 1)];
            if (i % 19 == 0)
                line = line.Replace(",UK\n", ",UK,extra\n", StringComparison.Ordinal);
            if (i % 37 == 0)
                text.Append('\n');
            written.Add(line);
            text.Append(line);
        }
        return text.ToString();
    }

    public static TheoryData<int, int> Splits() =>
        new()
        {
            { 1, 64 },
            { 2, 64 },
            { 4, 64 },
            { 3, 1 },
            { 2, 7 },
            { 1, 97 },
            { 3, 256 },
            { 2, 1000 },
            { 8, 33 },
        };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Seg_rfm_writes_the_same_bytes_whatever_the_workers_and_the_block_size(int workers, int blockBytes)
    {
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("t.csv", Log());

        var reference = RfmOutputs(path, new StreamSettings(Workers: 1), Path.Combine(scratch.Path, "one"));
        var split = RfmOutputs(
            path,
            new StreamSettings(Workers: workers, BlockBytes: blockBytes),
            Path.Combine(scratch.Path, "split")
        );

        Assert.All(OutputNames, name => Assert.Equal(reference[name], split[name]));
    }

    [Fact]
    public void A_block_that_starts_inside_a_quoted_field_or_on_a_bad_line_changes_no_byte_and_no_line_number()
    {
        var text = Log();
        using var scratch = new ScratchDirectory();
        var path = scratch.Write("t.csv", text);
        var dataStart = Encoding.UTF8.GetByteCount(Header);
        // Blocks start at the first line start at or after each multiple of the block size: these sizes put one right
        // on the bad line, and one right after the first line feed inside a quoted field.
        var badLine = Encoding.UTF8.GetByteCount(text[..text.IndexOf(BadLine, StringComparison.Ordinal)]) - dataStart;
        var quoted = text.IndexOf("\"MUG\n", StringComparison.Ordinal) + 5;
        var insideQuotes = Encoding.UTF8.GetByteCount(text[..quoted]) - dataStart;

        var reference = RfmOutputs(path, new StreamSettings(Workers: 1), Path.Combine(scratch.Path, "one"));
        var onBadLine = RfmOutputs(
            path,
            new StreamSettings(Workers: 2, BlockBytes: badLine),
            Path.Combine(scratch.Path, "bad")
        );
        var inQuotes = RfmOutputs(
            path,
            new StreamSettings(Workers: 2, BlockBytes: insideQuotes),
            Path.Combine(scratch.Path, "quoted")
        );

        Assert.All(OutputNames, name => Assert.Equal(reference[name], onBadLine[name]));
        Assert.All(OutputNames, name => Assert.Equal(reference[name], inQuotes[name]));
        var physicalLine = text[..text.IndexOf(BadLine, StringComparison.Ordinal)].Count(c => c == '\n') + 1;
        var quarantine = Encoding.UTF8.GetString(onBadLine[OutputFiles.Quarantine]);
        Assert.Contains($"transactions,{physicalLine},unparseable,not a number,quantity,lots,", quarantine);
    }

    [Fact]
    public void Small_blocks_on_four_workers_give_the_full_loads_quarantine_clean_lines_and_rfm()
    {
        var outcome = StreamingTransactionLoaderTests.Compare(
            Encoding.UTF8.GetBytes(Log()),
            options: Options,
            settings: new StreamSettings(PendingBatchRows: 5, Workers: 4, BlockBytes: 50)
        );

        Assert.Contains(outcome.Streamed.Rules, r => r.Rule == CleaningRuleNames.Duplicates && r.Rows > 20);
        Assert.True(outcome.Streamed.Returns > 20);
    }

    [Theory]
    [InlineData(1, StreamSettings.DefaultBlockBytes)]
    [InlineData(3, 40)]
    public void A_file_that_cannot_be_streamed_says_so_with_the_same_line_whatever_the_workers(
        int workers,
        int blockBytes
    )
    {
        var text = Log();
        var at = text.IndexOf(BadLine, StringComparison.Ordinal);
        using var scratch = new ScratchDirectory();
        var path = scratch.Write(
            "t.csv",
            text.Replace(BadLine, BadLine.Replace("\n", "\r\n", StringComparison.Ordinal), StringComparison.Ordinal)
        );
        using var store = TransactionStore.InMemory();

        var streamed = StreamedLoads.TryOnlineRetail(
            store,
            path,
            Options,
            new StreamSettings(Workers: workers, BlockBytes: blockBytes)
        );

        var line = text[..at].Count(c => c == '\n') + 1;
        Assert.Equal(
            $"line {line} ends its lines differently from the header (LF and CRLF mixed)",
            streamed.NotStreamedBecause
        );
    }

    /// <summary>
    /// What <c>seg rfm</c> writes (RfmCommand): the streamed load, the audit, the scores and segments.
    /// </summary>
    private static Dictionary<string, byte[]> RfmOutputs(string path, StreamSettings settings, string directory)
    {
        using var store = TransactionStore.InMemory();
        var loaded = RfmStream.Load(store, path, ColumnMapping.OnlineRetail, Options, asOf: null, settings);
        Assert.Null(loaded.NotStreamedBecause);
        loaded.Cleaning.WriteAudit(store, directory);
        RuleOutputs.WriteRfm(RfmSegmentation.Assign(RfmScores.Score(loaded.Rfm!)), directory);
        return OutputNames.ToDictionary(name => name, name => File.ReadAllBytes(Path.Combine(directory, name)));
    }
}
