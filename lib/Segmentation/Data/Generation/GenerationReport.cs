using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segmentation.Data.Generation;

/// <summary>
/// Numbers of faulty lines and values actually written (what cleaning must find). Line counts are
/// of physical lines of transactions.csv; a well-formed line with an empty customer id counts under
/// <see cref="MissingCustomerId"/> even when it is also a duplicate or a cancellation.
/// </summary>
public sealed record FaultCounts
{
    /// <summary>Well-formed lines with an empty customer id.</summary>
    public long MissingCustomerId { get; init; }

    /// <summary>Return lines: negative quantity, order id prefixed with C.</summary>
    public long CancellationLines { get; init; }

    /// <summary>Extra copies: lines identical to the line just before them.</summary>
    public long DuplicateLines { get; init; }

    /// <summary>Lines whose unit price is zero or negative.</summary>
    public long NonPositiveUnitPrice { get; init; }

    /// <summary>Lines with a single unit keyed as 50 (the only quantities of 50 or more).</summary>
    public long OutlierQuantity { get; init; }

    /// <summary>Lines with one field too few or too many.</summary>
    public long MalformedFieldCount { get; init; }

    /// <summary>Lines whose quantity is not a number ("abc").</summary>
    public long MalformedQuantity { get; init; }

    /// <summary>Lines whose date does not exist (30 February).</summary>
    public long MalformedDate { get; init; }

    /// <summary>Empty attribute values in customers.csv (per column in
    /// <see cref="GenerationReport.MissingAttributes"/>).</summary>
    public long MissingAttributeValues { get; init; }

    /// <summary>All malformed lines.</summary>
    [JsonIgnore]
    public long MalformedLines => MalformedFieldCount + MalformedQuantity + MalformedDate;
}

/// <summary>What <see cref="RetailSimulator"/> wrote: the options, the planted segment sizes and every injected fault's
/// count (generation.json).</summary>
public sealed record GenerationReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>The options the files were generated with.</summary>
    public required GeneratorOptions Options { get; init; }

    /// <summary>First day of the transaction window.</summary>
    public required DateOnly WindowStart { get; init; }

    /// <summary>Last day of the transaction window (the as-of date of the planted segments).</summary>
    public required DateOnly WindowEnd { get; init; }

    /// <summary>Customers written (rows of customers.csv and truth.csv).</summary>
    public required int Customers { get; init; }

    /// <summary>Customers per planted segment label, in <see cref="PlantedSegment"/> order.</summary>
    public required IReadOnlyDictionary<string, int> CustomersBySegment { get; init; }

    /// <summary>Sales orders with at least one line written (return orders not counted).</summary>
    public required long Orders { get; init; }

    /// <summary>Data lines of transactions.csv (header excluded), faulty lines included.</summary>
    public required long Lines { get; init; }

    /// <summary>Injected faults actually written.</summary>
    public required FaultCounts Faults { get; init; }

    /// <summary>Empty values per customers.csv column, in column order.</summary>
    public required IReadOnlyDictionary<string, long> MissingAttributes { get; init; }

    /// <summary>The report as indented JSON with snake_case names (LF line ends, no trailing newline).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Parses a report written by <see cref="ToJson"/>.</summary>
    public static GenerationReport FromJson(string json) =>
        JsonSerializer.Deserialize<GenerationReport>(json, Json)
        ?? throw new DataFormatException("generation.json", "empty report");

    /// <summary>Reads generation.json from a file.</summary>
    public static GenerationReport Read(string path)
    {
        try
        {
            return FromJson(File.ReadAllText(path, Encoding.UTF8));
        }
        catch (JsonException e)
        {
            throw new DataFormatException(path, $"not a generation report: {e.Message}");
        }
    }
}
