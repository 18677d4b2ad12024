using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Segmentation.Data.Cleaning;
using Segmentation.Data.Loading;

namespace Segmentation.Data;

/// <summary>One input file of a run: the path as given, what it was read as, its size and SHA-256.</summary>
/// <param name="Path">The path as given.</param>
/// <param name="Role">What it was read as (<c>input</c>, <c>customers</c>, <c>map-file</c>, …).</param>
/// <param name="Bytes">Size in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, lower-case hex.</param>
public sealed record RunInput(string Path, string Role, long Bytes, string Sha256)
{
    /// <summary>Hashes <paramref name="path"/> (streamed; call it on a worker thread to overlap the load).</summary>
    public static RunInput Of(string path, string role)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = ChunkedFile.OpenSequential(path, 1 << 20);
        var hash = SHA256.HashData(stream);
        return new RunInput(path, role, stream.Length, Convert.ToHexStringLower(hash));
    }
}

/// <summary>The row accounting of one file read: rows in = kept + returns + quarantined.</summary>
public sealed record RunAccounting(
    string File,
    string Kind,
    string Mapping,
    string Encoding,
    long RowsIn,
    long Kept,
    long Returns,
    long Quarantined,
    long InvalidEncodingLines
)
{
    /// <summary>The accounting of a quality report.</summary>
    public static RunAccounting Of(QualityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.File,
            report.Kind,
            report.Mapping,
            report.Encoding,
            report.RowsIn,
            report.Kept,
            report.Returns,
            report.Quarantined,
            report.InvalidEncodingLines
        );
    }
}

/// <summary>
/// What a run was (<c>run.json</c> beside its outputs): the command, the <c>seg</c> version, the resolved
/// configuration, each input file's size and SHA-256, and the row accounting. No wall-clock time or machine name, so
/// the same configuration and inputs give the same bytes.
/// </summary>
/// <param name="Command">The command (<c>rfm</c>, <c>segment</c>, …).</param>
/// <param name="Version">The version of the tool that ran it.</param>
/// <param name="Configuration">Every setting, resolved (defaults included), by name, sorted.</param>
/// <param name="Inputs">The files read.</param>
/// <param name="Accounting">Per file read: rows in, kept, returns, quarantined.</param>
public sealed record RunRecord(
    string Command,
    string Version,
    IReadOnlyDictionary<string, object?> Configuration,
    IReadOnlyList<RunInput> Inputs,
    IReadOnlyList<RunAccounting> Accounting
)
{
    /// <summary>The file name written beside a run's outputs.</summary>
    public const string FileName = "run.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The record as indented JSON (snake_case, configuration keys sorted, non-ASCII text kept as
    /// is).</summary>
    public string ToJson() =>
        JsonSerializer.Serialize(
            new
            {
                Command,
                Version,
                Configuration = new SortedDictionary<string, object?>(
                    Configuration.ToDictionary(kv => kv.Key, kv => kv.Value),
                    StringComparer.Ordinal
                ),
                Inputs,
                Accounting,
            },
            Json
        ) + "\n";

    /// <summary>Writes <see cref="FileName"/> into <paramref name="directory"/> (created if needed); returns its
    /// path.</summary>
    public string Write(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, FileName);
        File.WriteAllText(path, ToJson());
        return path;
    }
}
