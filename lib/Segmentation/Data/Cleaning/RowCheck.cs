using System.Globalization;
using System.Text;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Cleaning;

/// <summary>
/// One test a row can fail, as SQL over the staging table: the rule it belongs to, the condition, and what the
/// quarantine records (reason, column, value). Checks run in list order; a row goes where its first failed check sends
/// it.
/// </summary>
/// <param name="Rule">Rule name (<see cref="CleaningRuleNames"/>).</param>
/// <param name="Condition">SQL condition that is true when the row fails.</param>
/// <param name="Reason">SQL expression for the readable reason.</param>
/// <param name="Column">Workspace column at fault, or null for the whole row.</param>
/// <param name="Value">SQL expression for the value at fault, or null.</param>
internal sealed record RowCheck(string Rule, string Condition, string Reason, string? Column, string? Value)
{
    /// <summary>SQL: the 1-based index of the first failed check, NULL when the row passes them all.</summary>
    public static string FirstFailed(IReadOnlyList<RowCheck> checks)
    {
        if (checks.Count == 0)
            return "NULL::INTEGER";
        var sql = new StringBuilder("CASE");
        for (var i = 0; i < checks.Count; i++)
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {checks[i].Condition} THEN {i + 1}");
        return sql.Append(" END").ToString();
    }

    /// <summary>SQL: the value of <paramref name="select"/> for the failed check named by
    /// <paramref name="checkColumn"/>.</summary>
    public static string Pick(IReadOnlyList<RowCheck> checks, string checkColumn, Func<RowCheck, string?> select)
    {
        if (checks.Count == 0)
            return "NULL::VARCHAR";
        var sql = new StringBuilder($"CASE {checkColumn}");
        for (var i = 0; i < checks.Count; i++)
            sql.Append(CultureInfo.InvariantCulture, $" WHEN {i + 1} THEN {select(checks[i]) ?? "NULL"}");
        return sql.Append(" END").ToString();
    }

    /// <summary>SQL: the indexes of the checks of <paramref name="rule"/>, as an IN list (<c>(0)</c>, which no check
    /// has, when there is none: NOT IN stays true).</summary>
    public static string IndexesOf(IReadOnlyList<RowCheck> checks, string rule)
    {
        var indexes = checks
            .Select((c, i) => (c, i))
            .Where(x => x.c.Rule == rule)
            .Select(x => (x.i + 1).ToString(CultureInfo.InvariantCulture))
            .ToList();
        return indexes.Count == 0 ? "(0)" : "(" + string.Join(", ", indexes) + ")";
    }

    /// <summary>SQL: the raw fields as one delimited line, quoted as RFC 4180 requires (empty for NULL).</summary>
    public static string RawLine(IEnumerable<string> columns, char delimiter)
    {
        var d = SqlText.Literal(delimiter.ToString());
        var fields = columns.Select(c =>
            $"CASE WHEN {c} IS NULL THEN '' WHEN contains({c}, {d}) OR contains({c}, '\"') OR contains({c}, "
            + $"chr(10)) OR contains({c}, chr(13)) "
            + $"THEN '\"' || replace({c}, '\"', '\"\"') || '\"' ELSE {c} END"
        );
        return string.Join($" || {d} || ", fields);
    }
}
