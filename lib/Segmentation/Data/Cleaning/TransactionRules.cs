using System.Globalization;
using System.Text;
using Segmentation.Common.Text;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Cleaning;

/// <summary>What a transaction check tests. Each test has one SQL rendering and one C# evaluation, both in
/// <see cref="TransactionCheck"/>.</summary>
public enum RowTest
{
    /// <summary>The field's text is empty.</summary>
    Missing,

    /// <summary>The field has text that does not read as its type.</summary>
    Unreadable,

    /// <summary>An exact duplicate of an earlier line (every column of the file).</summary>
    Duplicate,

    /// <summary>The field's number is below zero.</summary>
    Negative,

    /// <summary>The field's number is zero or below.</summary>
    NonPositive,

    /// <summary>The field's text starts with <see cref="TransactionCheck.Prefix"/>.</summary>
    StartsWith,

    /// <summary>The field's timestamp lies outside [<see cref="TransactionCheck.Earliest"/>,
    /// <see cref="TransactionCheck.Latest"/>).</summary>
    OutsideWindow,
}

/// <summary>The fields of a transaction line that checks read.</summary>
public enum RowField
{
    /// <summary>No field (the duplicate check compares whole lines).</summary>
    None,

    /// <summary>Customer id (text).</summary>
    CustomerId,

    /// <summary>Order id (text).</summary>
    OrderId,

    /// <summary>Timestamp.</summary>
    Timestamp,

    /// <summary>Quantity.</summary>
    Quantity,

    /// <summary>Unit price (or, when the export has a line amount instead, the amount).</summary>
    UnitPrice,
}

/// <summary>
/// What the streamed reader knows of one line when it runs the checks: which fields are empty or unreadable, the typed
/// values, the order id's bytes and the line this one duplicates (0 for none). Built on the stack, once per line.
/// </summary>
internal ref struct TransactionFacts
{
    /// <summary>Fields whose text is empty (bit <c>1 &lt;&lt; (int)field</c>).</summary>
    public int Missing;

    /// <summary>Fields whose text does not read as their type.</summary>
    public int Unreadable;

    /// <summary>The timestamp (when read).</summary>
    public DateTime Timestamp;

    /// <summary>The quantity (when read).</summary>
    public decimal Quantity;

    /// <summary>The unit price (when read).</summary>
    public decimal UnitPrice;

    /// <summary>The trimmed order id, UTF-8.</summary>
    public ReadOnlySpan<byte> OrderId;

    /// <summary>The customer id, UTF-8.</summary>
    public ReadOnlySpan<byte> CustomerId;

    /// <summary>The line of the first occurrence when this line is an exact duplicate; 0 otherwise.</summary>
    public long DuplicateOf;

    /// <summary>The bit of <paramref name="field"/> in <see cref="Missing"/> and <see cref="Unreadable"/>.</summary>
    public static int Bit(RowField field) => 1 << (int)field;
}

/// <summary>How the SQL of a check names the row's values: the text of a field, its typed value, the duplicate
/// marker.</summary>
/// <param name="Text">SQL of a field's (trimmed) text, NULL when empty.</param>
/// <param name="Typed">SQL of a field's typed value, NULL when unreadable.</param>
/// <param name="DuplicateOf">SQL of the line this one duplicates (NULL for none), or null where duplicates are found
/// otherwise.</param>
internal sealed record CheckColumns(Func<RowField, string> Text, Func<RowField, string> Typed, string? DuplicateOf);

/// <summary>
/// One check a transaction line can fail, declared once: the rule it belongs to, what it tests on which field, the
/// workspace column it names and the reason the quarantine records. <see cref="Condition"/> renders it as SQL for a
/// dialect (the full load, the warehouse); <see cref="Fails"/> evaluates it on a streamed line. Both read the same
/// fields.
/// </summary>
/// <param name="Rule">Rule name (<see cref="CleaningRuleNames"/>).</param>
/// <param name="Test">What is tested.</param>
/// <param name="Field">The field tested.</param>
/// <param name="Column">Workspace column named in the quarantine (null for the whole line).</param>
/// <param name="Reason">The reason, as written in the quarantine (the duplicate's is followed by the line
/// number).</param>
/// <param name="RecordsValue">True when the quarantine records the field's text as the value at fault.</param>
public sealed record TransactionCheck(
    string Rule,
    RowTest Test,
    RowField Field,
    string? Column,
    string Reason,
    bool RecordsValue
)
{
    private byte[] prefixUtf8 = [];
    private string prefix = "";

    /// <summary>For <see cref="RowTest.StartsWith"/>: the prefix.</summary>
    public string Prefix
    {
        get => prefix;
        init
        {
            prefix = value;
            prefixUtf8 = Encoding.UTF8.GetBytes(value);
        }
    }

    /// <summary>For <see cref="RowTest.OutsideWindow"/>: the first instant inside the window.</summary>
    public DateTime Earliest { get; init; }

    /// <summary>For <see cref="RowTest.OutsideWindow"/>: the first instant after the window.</summary>
    public DateTime Latest { get; init; }

    /// <summary>True when the line fails this check (the streamed reader's evaluation).</summary>
    internal bool Fails(in TransactionFacts row) =>
        Test switch
        {
            RowTest.Missing => (row.Missing & TransactionFacts.Bit(Field)) != 0,
            RowTest.Unreadable => (row.Unreadable & TransactionFacts.Bit(Field)) != 0,
            RowTest.Duplicate => row.DuplicateOf > 0,
            RowTest.Negative => Number(row) < 0,
            RowTest.NonPositive => Number(row) <= 0,
            RowTest.StartsWith => (Field == RowField.OrderId ? row.OrderId : row.CustomerId).StartsWith(prefixUtf8),
            RowTest.OutsideWindow => row.Timestamp < Earliest || row.Timestamp >= Latest,
            _ => throw new InvalidOperationException("unknown test"),
        };

    private decimal Number(in TransactionFacts row) => Field == RowField.Quantity ? row.Quantity : row.UnitPrice;

    /// <summary>The SQL condition, true when the row fails (the full load's and the warehouse's evaluation).</summary>
    internal string Condition(SqlDialect dialect, CheckColumns columns) =>
        Test switch
        {
            RowTest.Missing => dialect.IsMissing(columns.Text(Field)),
            RowTest.Unreadable => $"{columns.Typed(Field)} IS NULL",
            RowTest.Duplicate => (
                columns.DuplicateOf
                ?? throw new InvalidOperationException("duplicates are found outside the row condition here")
            ) + " IS NOT NULL",
            RowTest.Negative => $"{columns.Typed(Field)} < 0",
            RowTest.NonPositive => $"{columns.Typed(Field)} <= 0",
            RowTest.StartsWith => dialect.StartsWith(columns.Text(Field), Prefix),
            RowTest.OutsideWindow =>
                $"({columns.Typed(Field)} < {dialect.Timestamp(Earliest)} OR {columns.Typed(Field)} >= "
                    + $"{dialect.Timestamp(Latest)})",
            _ => throw new InvalidOperationException("unknown test"),
        };

    /// <summary>The SQL expression of the reason.</summary>
    internal string ReasonSql(SqlDialect dialect, CheckColumns columns) =>
        Test == RowTest.Duplicate
            ? $"{dialect.Literal(Reason)} || {dialect.ToText(columns.DuplicateOf!)}"
            : dialect.Literal(Reason);

    /// <summary>The reason of a streamed line (the duplicate's names the line of the first occurrence).</summary>
    internal string ReasonOf(in TransactionFacts row) =>
        Test == RowTest.Duplicate ? Reason + row.DuplicateOf.ToString(CultureInfo.InvariantCulture) : Reason;

    /// <summary>This check as the SQL of the staged load.</summary>
    internal RowCheck ToRowCheck(SqlDialect dialect, CheckColumns columns) =>
        new(
            Rule,
            Condition(dialect, columns),
            ReasonSql(dialect, columns),
            Column,
            RecordsValue ? columns.Text(Field) : null
        );
}

/// <summary>
/// The cleaning rules of a transaction log, each declared once (name, destination, description, checks): the full
/// DuckDB load, the streamed reader and the ClickHouse engine all take their checks from <see cref="Checks"/>, in this
/// order.
/// </summary>
public static class TransactionRules
{
    /// <summary>The description of the unparseable rule, in English.</summary>
    public static string UnparseableDescription => UnparseableText.In(Language.English);

    /// <summary>The description of the unparseable rule as a resource key.</summary>
    public static RuleText UnparseableText { get; } = new("Rule_Unparseable");

    /// <summary>
    /// The checks in the order they run: unreadable required values first, then the rules of
    /// <paramref name="options"/>. <paramref name="amount"/>: the export has a line amount instead of a unit price;
    /// <paramref name="quantity"/>: it has a quantity column.
    /// </summary>
    public static IReadOnlyList<TransactionCheck> Checks(
        CleaningOptions options,
        bool amount = false,
        bool quantity = true
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        var price = amount ? TransactionColumns.Amount : TransactionColumns.UnitPrice;
        var checks = new List<TransactionCheck>
        {
            Missing(RowField.OrderId, TransactionColumns.OrderId),
            Missing(RowField.Timestamp, TransactionColumns.Timestamp),
            new(
                CleaningRuleNames.Unparseable,
                RowTest.Unreadable,
                RowField.Timestamp,
                TransactionColumns.Timestamp,
                "not a date/time",
                true
            ),
        };
        if (!amount || quantity)
        {
            checks.Add(Missing(RowField.Quantity, TransactionColumns.Quantity));
            checks.Add(
                new(
                    CleaningRuleNames.Unparseable,
                    RowTest.Unreadable,
                    RowField.Quantity,
                    TransactionColumns.Quantity,
                    "not a number",
                    true
                )
            );
        }
        checks.Add(Missing(RowField.UnitPrice, price));
        checks.Add(
            new(CleaningRuleNames.Unparseable, RowTest.Unreadable, RowField.UnitPrice, price, "not a number", true)
        );
        foreach (var rule in options.Rules)
            checks.AddRange(ChecksOf(rule, options, amount, price));
        return checks;

        static TransactionCheck Missing(RowField field, string column) =>
            new(CleaningRuleNames.Unparseable, RowTest.Missing, field, column, "missing value", false);
    }

    private static IEnumerable<TransactionCheck> ChecksOf(
        CleaningRule rule,
        CleaningOptions options,
        bool amount,
        string price
    )
    {
        var name = CleaningRuleNames.Of(rule);
        switch (rule)
        {
            case CleaningRule.MissingCustomerId:
                yield return new(
                    name,
                    RowTest.Missing,
                    RowField.CustomerId,
                    TransactionColumns.CustomerId,
                    "missing customer id",
                    false
                );
                break;
            case CleaningRule.Duplicates:
                yield return new(name, RowTest.Duplicate, RowField.None, null, "exact duplicate of line ", false);
                break;
            case CleaningRule.Returns:
                yield return new(
                    name,
                    RowTest.Negative,
                    RowField.Quantity,
                    TransactionColumns.Quantity,
                    "return (negative quantity)",
                    true
                );
                if (options.CancellationPrefix.Length > 0)
                    yield return new(
                        name,
                        RowTest.StartsWith,
                        RowField.OrderId,
                        TransactionColumns.OrderId,
                        $"cancellation (order id starts with {options.CancellationPrefix})",
                        true
                    )
                    {
                        Prefix = options.CancellationPrefix,
                    };
                break;
            case CleaningRule.NonPositive:
                yield return new(
                    name,
                    RowTest.NonPositive,
                    RowField.Quantity,
                    TransactionColumns.Quantity,
                    "quantity must be positive",
                    true
                );
                yield return new(
                    name,
                    RowTest.NonPositive,
                    RowField.UnitPrice,
                    price,
                    amount ? "amount must be positive" : "unit price must be positive",
                    true
                );
                break;
            case CleaningRule.TimestampWindow:
                yield return new(
                    name,
                    RowTest.OutsideWindow,
                    RowField.Timestamp,
                    TransactionColumns.Timestamp,
                    Window(options),
                    true
                )
                {
                    Earliest = options.Earliest,
                    Latest = options.Latest,
                };
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown cleaning rule");
        }
    }

    /// <summary>Where the rows a rule takes go (<see cref="RuleDestinations"/>).</summary>
    public static string Destination(CleaningRule rule) =>
        rule == CleaningRule.Returns ? RuleDestinations.Returns : RuleDestinations.Quarantine;

    /// <summary>What the rule tests, with its parameters (the quality report's description), in English.</summary>
    public static string Description(CleaningRule rule, CleaningOptions options) =>
        Text(rule, options).In(Language.English);

    /// <summary>What the rule tests, as a resource key and its figures (dates and prefix as written in the
    /// options).</summary>
    public static RuleText Text(CleaningRule rule, CleaningOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return rule switch
        {
            CleaningRule.MissingCustomerId => new("Rule_MissingCustomerId"),
            CleaningRule.Duplicates => new("Rule_Duplicates"),
            CleaningRule.Returns => options.CancellationPrefix.Length > 0
                ? new("Rule_Returns", options.CancellationPrefix)
                : new("Rule_ReturnsNoPrefix"),
            CleaningRule.NonPositive => new("Rule_NonPositive"),
            CleaningRule.TimestampWindow => WindowText(options),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown cleaning rule"),
        };
    }

    /// <summary>The rows each rule took: <paramref name="counts"/> per quarantine rule, <paramref name="returns"/> for
    /// the returns rule.</summary>
    public static List<RuleOutcome> Outcomes(
        IReadOnlyDictionary<string, long> counts,
        long returns,
        CleaningOptions options,
        OutlierThresholds thresholds,
        long outliers
    )
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(thresholds);
        var outcomes = new List<RuleOutcome>
        {
            RuleOutcome.Of(
                CleaningRuleNames.Unparseable,
                RuleDestinations.Quarantine,
                counts.GetValueOrDefault(CleaningRuleNames.Unparseable),
                UnparseableText
            ),
        };
        foreach (var rule in options.Rules)
        {
            var name = CleaningRuleNames.Of(rule);
            outcomes.Add(
                RuleOutcome.Of(
                    name,
                    Destination(rule),
                    rule == CleaningRule.Returns ? returns : counts.GetValueOrDefault(name),
                    Text(rule, options)
                )
            );
        }
        outcomes.Add(RuleOutcome.Of(CleaningRuleNames.Outliers, RuleDestinations.Flagged, outliers, thresholds.Text));
        return outcomes;
    }

    private static string Window(CleaningOptions options) => WindowText(options).In(Language.English);

    private static RuleText WindowText(CleaningOptions options) =>
        new("Rule_TimestampWindow", Iso(options.Earliest), Iso(options.Latest));

    private static string Iso(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
