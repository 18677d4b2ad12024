using System.Globalization;
using Segmentation.Common.Text;
using Segmentation.Data.Sql;

namespace Segmentation.Data.Cleaning;

/// <summary>
/// The outlier fences found on the clean lines: a line is flagged when its quantity or its amount
/// (quantity × unit price) falls outside [low, high]. The fences are Tukey's on the log scale,
/// exp(Q1 − k·IQR) and exp(Q3 + k·IQR) of log(quantity) and log(amount); a measure with IQR = 0 has no fence.
/// </summary>
/// <param name="Fence">k; null when flagging is off.</param>
/// <param name="QuantityLow">Lowest unflagged quantity, or null.</param>
/// <param name="QuantityHigh">Highest unflagged quantity, or null.</param>
/// <param name="AmountLow">Lowest unflagged line amount, or null.</param>
/// <param name="AmountHigh">Highest unflagged line amount, or null.</param>
public sealed record OutlierThresholds(
    double? Fence,
    double? QuantityLow,
    double? QuantityHigh,
    double? AmountLow,
    double? AmountHigh
)
{
    /// <summary>Readable statement of the rule and its fences, in English.</summary>
    public string Description => Text.In(Language.English);

    /// <summary>The statement of the rule and its fences as a resource key and its figures (k, then the fences,
    /// G6).</summary>
    public RuleText Text
    {
        get
        {
            if (Fence is not { } k)
                return new("Rule_OutliersOff");
            var fence = k.ToString(CultureInfo.InvariantCulture);
            static string G6(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
            return (QuantityLow, QuantityHigh, AmountLow, AmountHigh) switch
            {
                ({ } ql, { } qh, { } al, { } ah) => new("Rule_Outliers", fence, G6(ql), G6(qh), G6(al), G6(ah)),
                ({ } ql, { } qh, _, _) => new("Rule_OutliersNoAmountFence", fence, G6(ql), G6(qh)),
                (_, _, { } al, { } ah) => new("Rule_OutliersNoQuantityFence", fence, G6(al), G6(ah)),
                _ => new("Rule_OutliersNoFence", fence),
            };
        }
    }

    /// <summary>Computes the fences over the rows of <paramref name="relation"/> whose <paramref name="checkColumn"/>
    /// is NULL (the clean ones).</summary>
    internal static OutlierThresholds Compute(
        TransactionStore store,
        string relation,
        string checkColumn,
        double? fence
    )
    {
        if (fence is not { } k)
            return new OutlierThresholds(null, null, null, null, null);
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"""
            SELECT q[1], q[2], a[1], a[2] FROM (
                SELECT quantile_cont(ln(qty::DOUBLE), [0.25, 0.75]) AS q,
                       quantile_cont(ln(qty::DOUBLE) + ln(price::DOUBLE), [0.25, 0.75]) AS a
                FROM {relation} WHERE {checkColumn} IS NULL AND qty > 0 AND price > 0)
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        double? Read(int i) => reader.IsDBNull(i) ? null : reader.GetDouble(i);
        var (quantityLow, quantityHigh) = Fences(Read(0), Read(1), k);
        var (amountLow, amountHigh) = Fences(Read(2), Read(3), k);
        return new OutlierThresholds(k, quantityLow, quantityHigh, amountLow, amountHigh);
    }

    /// <summary>SQL condition flagging a row of the staging relation (absolute values for returns).</summary>
    internal string FlagSql(bool absolute)
    {
        var quantity = absolute ? "abs(qty)::DOUBLE" : "qty::DOUBLE";
        var amount = absolute ? "abs(qty)::DOUBLE * abs(price)::DOUBLE" : "qty::DOUBLE * price::DOUBLE";
        var clauses = new List<string>();
        if (QuantityLow is { } ql && QuantityHigh is { } qh)
            clauses.Add($"{quantity} < {SqlText.Double(ql)} OR {quantity} > {SqlText.Double(qh)}");
        if (AmountLow is { } al && AmountHigh is { } ah)
            clauses.Add($"{amount} < {SqlText.Double(al)} OR {amount} > {SqlText.Double(ah)}");
        return clauses.Count == 0 ? "false" : $"coalesce({string.Join(" OR ", clauses)}, false)";
    }

    private static (double? Low, double? High) Fences(double? q1, double? q3, double k)
    {
        if (q1 is not { } low || q3 is not { } high || high - low <= 0)
            return (null, null);
        var iqr = high - low;
        return (Math.Exp(low - k * iqr), Math.Exp(high + k * iqr));
    }

    /// <inheritdoc />
    public override string ToString() => Description.ToString(CultureInfo.InvariantCulture);
}
