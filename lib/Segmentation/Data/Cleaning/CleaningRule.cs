namespace Segmentation.Data.Cleaning;

/// <summary>
/// A configurable cleaning rule. Rules run in the order of <see cref="CleaningOptions.Rules"/>; a row is taken by
/// the first rule that matches. Unparseable rows are always taken first (<see cref="CleaningRuleNames.Unparseable"/>),
/// since no later rule can judge a value it cannot read.
/// </summary>
public enum CleaningRule
{
    /// <summary>The customer id is empty: the row cannot be attributed (quarantined).</summary>
    MissingCustomerId,

    /// <summary>A cancellation or return: negative quantity, or an order id starting with the cancellation prefix (set
    /// aside in <c>returns</c>).</summary>
    Returns,

    /// <summary>Quantity or unit price is zero or negative (quarantined).</summary>
    NonPositive,

    /// <summary>An exact duplicate of an earlier line in every column of the file (not only the mapped ones); the first
    /// is kept (quarantined).</summary>
    Duplicates,

    /// <summary>The timestamp lies outside [<see cref="CleaningOptions.Earliest"/>,
    /// <see cref="CleaningOptions.Latest"/>) (quarantined).</summary>
    TimestampWindow,
}

/// <summary>The names rules carry in reports, SQL and <c>quarantine.csv</c>.</summary>
public static class CleaningRuleNames
{
    /// <summary>Rows whose required values are missing or cannot be read, and malformed lines.</summary>
    public const string Unparseable = "unparseable";

    /// <summary><see cref="CleaningRule.MissingCustomerId"/>.</summary>
    public const string MissingCustomerId = "missing_customer_id";

    /// <summary><see cref="CleaningRule.Returns"/>.</summary>
    public const string Returns = "returns";

    /// <summary><see cref="CleaningRule.NonPositive"/>.</summary>
    public const string NonPositive = "non_positive";

    /// <summary><see cref="CleaningRule.Duplicates"/>.</summary>
    public const string Duplicates = "duplicates";

    /// <summary><see cref="CleaningRule.TimestampWindow"/>.</summary>
    public const string TimestampWindow = "timestamp_window";

    /// <summary>Outliers: flagged (<c>is_outlier</c>), never dropped.</summary>
    public const string Outliers = "outliers";

    /// <summary>Customer table: a customer id seen on an earlier line (the first is kept).</summary>
    public const string DuplicateCustomerId = "duplicate_customer_id";

    /// <summary>Customer table: a value outside its valid range (age, survey scores, money).</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>The report name of <paramref name="rule"/>.</summary>
    public static string Of(CleaningRule rule) =>
        rule switch
        {
            CleaningRule.MissingCustomerId => MissingCustomerId,
            CleaningRule.Returns => Returns,
            CleaningRule.NonPositive => NonPositive,
            CleaningRule.Duplicates => Duplicates,
            CleaningRule.TimestampWindow => TimestampWindow,
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, "unknown cleaning rule"),
        };

    /// <summary>The rule called <paramref name="name"/> (report name or enum name, any case); throws
    /// <see cref="OptionsException"/> otherwise.</summary>
    public static CleaningRule Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var rule in Enum.GetValues<CleaningRule>())
        {
            if (
                string.Equals(Of(rule), name.Trim(), StringComparison.OrdinalIgnoreCase)
                || string.Equals(rule.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase)
            )
                return rule;
        }
        throw new OptionsException(
            $"rule='{name}' is unknown; expected one of {string.Join(", ", Enum.GetValues<CleaningRule>().Select(Of))}"
        );
    }
}
