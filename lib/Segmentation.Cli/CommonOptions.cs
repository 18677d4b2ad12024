using System.CommandLine;

namespace Segmentation.Cli;

/// <summary>
/// The single options several commands declare alike — the transaction log, the customer table, the as-of date and
/// the output folder — declared once here so that their names, help texts and parsing stay the same in every command.
/// </summary>
internal static class CommonOptions
{
    /// <summary>What <c>--input</c> reads.</summary>
    public const string TransactionLog = "Transaction log: CSV (any encoding), Excel (.xlsx, .xls) or Parquet";

    /// <summary><c>--input</c> of the commands that may read the log from a warehouse instead (then it is left
    /// out).</summary>
    public static Option<string?> Input() =>
        new("--input") { Description = TransactionLog + " (or --engine clickhouse)" };

    /// <summary><c>--customers</c>: the optional customer table.</summary>
    public static Option<string?> Customers() =>
        new("--customers") { Description = "Customer table: CSV, Excel or Parquet" };

    /// <summary><c>--as-of</c>: the date the features are computed as of.</summary>
    public static Option<string?> AsOf() =>
        new("--as-of") { Description = "As-of date YYYY-MM-DD (default: the day after the last purchase)" };

    /// <summary>The date given by <paramref name="asOf"/>, or null.</summary>
    public static DateOnly? AsOfDate(ParseResult parse, Option<string?> asOf) =>
        Commands.CliArguments.Date(parse.GetValue(asOf), "--as-of");

    /// <summary><c>--out</c>: the output folder (required).</summary>
    public static Option<string> Output() => new("--out") { Description = "Output folder", Required = true };
}
