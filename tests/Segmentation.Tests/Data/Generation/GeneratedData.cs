using System.Globalization;
using System.Text;
using Segmentation.Data.Generation;

namespace Segmentation.Tests.Data.Generation;

/// <summary>The files of one in-memory generation, and a small independent reader of them for tests.</summary>
public sealed class GeneratedData
{
    public GeneratedData(GeneratorOptions options)
    {
        using var transactions = new MemoryStream();
        using var customers = new MemoryStream();
        using var truth = new MemoryStream();
        Report = RetailSimulator.Write(options, transactions, customers, truth);
        Transactions = transactions.ToArray();
        Customers = customers.ToArray();
        Truth = truth.ToArray();
    }

    public GenerationReport Report { get; }
    public byte[] Transactions { get; }
    public byte[] Customers { get; }
    public byte[] Truth { get; }

    /// <summary>Data lines of a file (header and final newline removed).</summary>
    public static string[] DataLines(byte[] file)
    {
        var text = Encoding.UTF8.GetString(file);
        if (!text.EndsWith('\n'))
            throw new InvalidDataException("file does not end with a line feed");
        return text[..^1].Split('\n')[1..];
    }

    /// <summary>The header of a file.</summary>
    public static string[] Header(byte[] file) => SplitCsvLine(Encoding.UTF8.GetString(file).Split('\n')[0]);

    /// <summary>Splits one RFC 4180 record (no embedded line breaks) into fields.</summary>
    public static string[] SplitCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                    field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                    quoted = false;
            }
            else if (c == '"')
                quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }

    /// <summary>customer_id → planted segment label, from truth.csv.</summary>
    public Dictionary<string, string> TruthById() =>
        DataLines(Truth).Select(SplitCsvLine).ToDictionary(f => f[0], f => f[1]);

    /// <summary>Workspace-layout lines classified the way a simple cleaner would (the first matching kind
    /// wins).</summary>
    public IEnumerable<WorkspaceLine> WorkspaceLines()
    {
        string? previous = null;
        foreach (var raw in DataLines(Transactions))
        {
            var f = SplitCsvLine(raw);
            var kind = LineKind.Clean;
            if (f.Length != 12)
                kind = LineKind.MalformedFieldCount;
            else if (!int.TryParse(f[5], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                kind = LineKind.MalformedQuantity;
            else if (
                !DateTime.TryParseExact(
                    f[2],
                    "yyyy-MM-dd HH:mm:ss",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out _
                )
            )
                kind = LineKind.MalformedDate;
            yield return new WorkspaceLine(raw, f, kind, IsDuplicate: raw == previous);
            previous = raw;
        }
    }
}

public enum LineKind
{
    Clean,
    MalformedFieldCount,
    MalformedQuantity,
    MalformedDate,
}

/// <summary>One line of a workspace-layout transactions.csv.</summary>
public sealed record WorkspaceLine(string Raw, string[] Fields, LineKind Kind, bool IsDuplicate)
{
    public bool WellFormed => Kind == LineKind.Clean;
    public string CustomerId => Fields[0];
    public string OrderId => Fields[1];
    public DateTime Timestamp => DateTime.ParseExact(Fields[2], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    public int Quantity => int.Parse(Fields[5], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    public decimal UnitPrice => decimal.Parse(Fields[6], NumberStyles.Number, CultureInfo.InvariantCulture);
    public string Channel => Fields[7];
    public string BrandOrigin => Fields[8];
    public string PriceTier => Fields[9];

    /// <summary>A sale a simple cleaner keeps: well formed, with a customer, not a return, not a duplicate, positive
    /// price (outliers kept).</summary>
    public bool IsUsableSale =>
        WellFormed && !IsDuplicate && CustomerId.Length > 0 && !OrderId.StartsWith('C') && UnitPrice > 0;
}
