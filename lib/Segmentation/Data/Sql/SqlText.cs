using System.Globalization;

namespace Segmentation.Data.Sql;

/// <summary>Quoting and formatting of values spliced into DuckDB SQL text (invariant culture throughout).</summary>
internal static class SqlText
{
    /// <summary>A SQL string literal.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>A quoted SQL identifier.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>A TIMESTAMP literal.</summary>
    public static string Timestamp(DateTime value) =>
        "TIMESTAMP '" + value.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture) + "'";

    /// <summary>A DOUBLE literal that round-trips exactly.</summary>
    public static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "::DOUBLE";

    /// <summary>A list literal of strings.</summary>
    public static string StringList(IEnumerable<string> values) =>
        "[" + string.Join(", ", values.Select(Literal)) + "]";

    /// <summary>The first line of a DuckDB error message (they continue with hints over many lines).</summary>
    public static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
