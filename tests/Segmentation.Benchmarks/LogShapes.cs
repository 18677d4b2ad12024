using System.Globalization;
using System.Text;

namespace Segmentation.Benchmarks;

/// <summary>
/// The shapes of transaction log the comparisons run on: `seg generate`'s online-retail export (M/d/yyyy H:mm
/// timestamps), the shape of the public CSV copies of UCI Online Retail (ISO timestamps, about 20 % of lines without a
/// customer id, 2 % cancellations, 0.5 % exact duplicate lines), derived from the generated log of the same size and
/// seed, and the workspace layout (`seg generate --layout workspace`: twelve columns, ISO timestamps with seconds).
/// </summary>
public static class LogShapes
{
    /// <summary>`seg generate --layout online-retail` as written.</summary>
    public const string Generated = "generated";

    /// <summary>The UCI Online Retail CSV shape.</summary>
    public const string Uci = "uci";

    /// <summary>`seg generate --layout workspace` as written.</summary>
    public const string WorkspaceLayout = "workspace";

    /// <summary>Every shape, in report order.</summary>
    public static IReadOnlyList<string> All { get; } = [Generated, Uci, WorkspaceLayout];

    /// <summary>The `seg` preset (and the pandas scripts' <c>--layout</c>) that reads
    /// <paramref name="shape"/>.</summary>
    public static string Preset(string shape) => shape == WorkspaceLayout ? "workspace" : "online-retail";

    /// <summary>The shapes named by <c>--shape</c> (one name, a comma-separated list, or <c>all</c>).</summary>
    public static IReadOnlyList<string> Parse(string? text)
    {
        if (text is null || text == "all")
            return All;
        var shapes = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var unknown = shapes.FirstOrDefault(s => !All.Contains(s));
        if (unknown is not null)
            throw new BenchmarkException($"--shape '{unknown}' is unknown; expected {string.Join(", ", All)} or all");
        return shapes;
    }

    /// <summary>
    /// Writes <paramref name="target"/>: the records of <paramref name="generated"/> (header kept) with ISO timestamps
    /// (<c>2010-12-01 08:26:00</c>), the customer id emptied on 20 % of lines, 2 % turned into cancellations (invoice
    /// prefixed with C, quantity negated) and 0.5 % written twice, until as many records as the generated log has.
    /// Records spanning lines, with a quoted key field or with another field count are copied as they are.
    /// Deterministic in <paramref name="seed"/>.
    /// </summary>
    public static void WriteUci(string generated, string target, ulong seed)
    {
        var state = seed ^ 0x9E3779B97F4A7C15UL;
        using var reader = new StreamReader(
            generated,
            new UTF8Encoding(false),
            detectEncodingFromByteOrderMarks: false,
            bufferSize: 1 << 20
        );
        using var writer = new StreamWriter(target, append: false, new UTF8Encoding(false), bufferSize: 1 << 20)
        {
            NewLine = "\n",
        };
        var header = reader.ReadLine() ?? throw new BenchmarkException($"{generated} is empty");
        writer.WriteLine(header);
        var records = File.ReadLines(generated).LongCount() - 1;
        long written = 0;
        var open = false;
        var fields = new List<string>();
        while (written < records && reader.ReadLine() is { } line)
        {
            var quotes = line.Count(c => c == '"');
            if (open || quotes % 2 == 1 || !Split(line, fields) || fields.Count != 8 || KeyFieldQuoted(fields))
            {
                if (quotes % 2 == 1)
                    open = !open;
                writer.WriteLine(line);
                if (!open)
                    written++;
                continue;
            }
            if (
                DateTime.TryParseExact(
                    fields[4],
                    "M/d/yyyy H:mm",
                    CultureInfo.InvariantCulture,
                    DateTimeStyles.None,
                    out var timestamp
                )
            )
                fields[4] = timestamp.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            if (Next(ref state) < 0.20)
                fields[6] = "";
            if (Next(ref state) < 0.02 && !fields[0].StartsWith('C'))
            {
                fields[0] = "C" + fields[0];
                if (!fields[3].StartsWith('-'))
                    fields[3] = "-" + fields[3];
            }
            var text = string.Join(',', fields);
            writer.WriteLine(text);
            written++;
            if (written < records && Next(ref state) < 0.005)
            {
                writer.WriteLine(text);
                written++;
            }
        }
    }

    private static bool KeyFieldQuoted(List<string> fields) => new[] { 0, 3, 4, 6 }.Any(i => fields[i].StartsWith('"'));

    /// <summary>Splits one physical line at the commas outside quotes, keeping each field's raw text; false when a
    /// quote is left open.</summary>
    private static bool Split(string line, List<string> fields)
    {
        fields.Clear();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
                quoted = !quoted;
            else if (line[i] == ',' && !quoted)
            {
                fields.Add(line[start..i]);
                start = i + 1;
            }
        }
        fields.Add(line[start..]);
        return !quoted;
    }

    /// <summary>SplitMix64: a uniform double in [0, 1).</summary>
    private static double Next(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
    }
}
