using System.Text.Json.Serialization;
using Segmentation.Common.Text;

namespace Segmentation.Data.Cleaning;

/// <summary>Where a rule sends the rows it takes.</summary>
public static class RuleDestinations
{
    /// <summary>The quarantine table, with a reason.</summary>
    public const string Quarantine = "quarantine";

    /// <summary>The returns table (cancellations and returns, kept for the return rate).</summary>
    public const string Returns = "returns";

    /// <summary>Kept in the clean table with <c>is_outlier = true</c>.</summary>
    public const string Flagged = "flagged";
}

/// <summary>How many rows one rule took, and where they went.</summary>
/// <param name="Rule">Rule name (<see cref="CleaningRuleNames"/>).</param>
/// <param name="Destination">Where the rows went (<see cref="RuleDestinations"/>).</param>
/// <param name="Rows">Rows the rule took (for flagged rules: rows flagged).</param>
/// <param name="Description">What the rule tests, with its parameters, in English (quality.json and other
/// machine-readable outputs).</param>
public sealed record RuleOutcome(string Rule, string Destination, long Rows, string Description)
{
    /// <summary>
    /// The description as a resource key and its arguments, so a page renders it in its own language; null for outcomes
    /// built without one (old data), whose pages fall back to <see cref="Description"/>. Not written to quality.json.
    /// </summary>
    [JsonIgnore]
    public RuleText? Text { get; init; }

    /// <summary>An outcome whose <see cref="Description"/> is <paramref name="text"/> in English.</summary>
    public static RuleOutcome Of(string rule, string destination, long rows, RuleText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(rule, destination, rows, text.In(Language.English)) { Text = text };
    }
}

/// <summary>What a cleaning rule tests, as a resource key (<c>Rule_…</c>) and its figures, already formatted
/// invariantly.</summary>
/// <param name="Key">Resource key of the sentence.</param>
/// <param name="Arguments">The figures the sentence names ({0}, {1} …): dates, prefixes, fences.</param>
public sealed record RuleText(string Key, IReadOnlyList<string> Arguments)
{
    /// <summary>A sentence with <paramref name="arguments"/>.</summary>
    public RuleText(string key, params string[] arguments)
        : this(key, (IReadOnlyList<string>)arguments) { }

    /// <summary>The sentence in <paramref name="language"/>.</summary>
    public string In(Language language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return language.Format(Key, [.. Arguments]);
    }
}

/// <summary>The profile of one column over the rows read (malformed lines excluded).</summary>
/// <param name="Column">Workspace column.</param>
/// <param name="SourceColumn">Column of the file it was read from; null when the file lacks it (all values
/// NULL).</param>
/// <param name="Type">SQL type in the workspace table.</param>
/// <param name="Missing">Rows with no value (empty or absent).</param>
/// <param name="MissingShare">Missing / rows, in [0, 1].</param>
/// <param name="Invalid">Rows whose value is present but cannot be read as <paramref name="Type"/>.</param>
/// <param name="Distinct">Exact number of distinct present values (as text).</param>
/// <param name="Min">Smallest readable value (typed order for typed columns), as invariant text; null when
/// none.</param>
/// <param name="Max">Largest readable value, as invariant text; null when none.</param>
public sealed record ColumnProfile(
    string Column,
    string? SourceColumn,
    string Type,
    long Missing,
    double MissingShare,
    long Invalid,
    long Distinct,
    string? Min,
    string? Max
);

/// <summary>
/// The data-quality report of one input file: the accounting (every row read ends up kept, set aside as a return,
/// or quarantined), the rows each rule took, and a profile of every column.
/// </summary>
/// <param name="File">The file as given.</param>
/// <param name="Kind"><c>transactions</c> or <c>customers</c>.</param>
/// <param name="Mapping">Name of the column mapping used.</param>
/// <param name="PhysicalLines">Physical lines of the file (Parquet: rows).</param>
/// <param name="BlankLines">Blank lines between records (not rows).</param>
/// <param name="RowsIn">Records read (well-formed or not).</param>
/// <param name="Kept">Rows in the clean (or customers) table.</param>
/// <param name="Returns">Rows in the returns table.</param>
/// <param name="Quarantined">Rows in quarantine.</param>
/// <param name="Rules">Rows taken per rule, in the order the rules ran.</param>
/// <param name="Columns">Per-column profile (empty when profiling was switched off).</param>
public sealed record QualityReport(
    string File,
    string Kind,
    string Mapping,
    long PhysicalLines,
    long BlankLines,
    long RowsIn,
    long Kept,
    long Returns,
    long Quarantined,
    IReadOnlyList<RuleOutcome> Rules,
    IReadOnlyList<ColumnProfile> Columns
)
{
    /// <summary>The text encoding the file was read in (UTF-8 unless a byte-order mark or
    /// <see cref="CleaningOptions.Encoding"/> said otherwise).</summary>
    public string Encoding { get; init; } = TextEncodings.Utf8;

    /// <summary>Lines not valid in <see cref="Encoding"/> (quarantined as unparseable, whichever column the bad bytes
    /// are in).</summary>
    public long InvalidEncodingLines { get; init; }

    /// <summary>What to tell the user about those lines (the first one, how many, and the encoding they look like);
    /// null when there are none.</summary>
    public string? EncodingMessage { get; init; }

    /// <summary>True when rows_in = kept + returns + quarantined (loading throws otherwise, so a report you hold always
    /// balances).</summary>
    public bool Balanced => RowsIn == Kept + Returns + Quarantined;
}
