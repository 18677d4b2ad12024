namespace Segmentation.Value;

/// <summary>Options of the discounted CLV.</summary>
public sealed record ClvOptions
{
    /// <summary>Horizon in months.</summary>
    public int Months { get; init; } = 12;

    /// <summary>Monthly discount rate (0.01 ≈ 12.7 % a year), as lifetimes' <c>discount_rate</c>.</summary>
    public double MonthlyDiscountRate { get; init; } = 0.01;

    /// <summary>Options of the BG/NBD fit.</summary>
    public ClvFitOptions PurchaseModel { get; init; } = new();

    /// <summary>Options of the Gamma–Gamma fit.</summary>
    public ClvFitOptions SpendModel { get; init; } = new();

    internal void Validate()
    {
        if (Months < 1)
            throw new OptionsException(FormattableString.Invariant($"months={Months} must be >= 1"));
        if (!(MonthlyDiscountRate > -1) || double.IsInfinity(MonthlyDiscountRate))
            throw new OptionsException(
                FormattableString.Invariant($"monthlyDiscountRate={MonthlyDiscountRate} must be a finite number > -1")
            );
        ArgumentNullException.ThrowIfNull(PurchaseModel);
        ArgumentNullException.ThrowIfNull(SpendModel);
        PurchaseModel.Validate();
        SpendModel.Validate();
    }
}

/// <summary>One customer's predicted value.</summary>
/// <param name="CustomerId">Customer identifier.</param>
/// <param name="Frequency">Repeat purchases in the calibration period.</param>
/// <param name="Recency">Recency t_x in the summary's unit.</param>
/// <param name="T">Age T in the summary's unit.</param>
/// <param name="Monetary">Average repeat-purchase value.</param>
/// <param name="ProbabilityAlive">BG/NBD P(alive | x, t_x, T).</param>
/// <param name="ExpectedPurchases">BG/NBD expected repeat purchases over the CLV horizon (undiscounted).</param>
/// <param name="ExpectedAverageProfit">Gamma–Gamma expected spend per future transaction.</param>
/// <param name="Clv">Discounted customer lifetime value over the horizon.</param>
public sealed record CustomerValue(
    string CustomerId,
    int Frequency,
    double Recency,
    double T,
    double Monetary,
    double ProbabilityAlive,
    double ExpectedPurchases,
    double ExpectedAverageProfit,
    double Clv
);

/// <summary>Everything a CLV run produced: the summaries' setting, both fitted models and the per-customer
/// values.</summary>
/// <param name="Unit">Time unit of the summaries and models.</param>
/// <param name="CalibrationEnd">End of the calibration period.</param>
/// <param name="Months">CLV horizon in months.</param>
/// <param name="MonthlyDiscountRate">Monthly discount rate.</param>
/// <param name="PurchaseModel">Fitted BG/NBD model.</param>
/// <param name="SpendModel">Fitted Gamma–Gamma model.</param>
/// <param name="Customers">Per-customer values, sorted by customer id (ordinal).</param>
public sealed record ClvResult(
    TimeUnit Unit,
    DateTime CalibrationEnd,
    int Months,
    double MonthlyDiscountRate,
    BgNbdModel PurchaseModel,
    GammaGammaModel SpendModel,
    IReadOnlyList<CustomerValue> Customers
);

/// <summary>Customer lifetime value from a purchase model (BG/NBD) and a spend model (Gamma–Gamma), the lifetimes
/// way.</summary>
public static class CustomerLifetimeValue
{
    /// <summary>
    /// Fits BG/NBD on every summarised customer and Gamma–Gamma on the repeat customers, then values every customer.
    /// </summary>
    public static ClvResult Run(ClvSummary summary, ClvOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        options ??= new ClvOptions();
        options.Validate();
        var purchases = BetaGeometricNbd.Fit(summary.Customers, options.PurchaseModel);
        var spend = GammaGamma.Fit(summary.Customers, options.SpendModel);
        return Compute(summary, purchases, spend, options);
    }

    /// <summary>Values every customer of <paramref name="summary"/> with already fitted models.</summary>
    public static ClvResult Compute(
        ClvSummary summary,
        BgNbdModel purchaseModel,
        GammaGammaModel spendModel,
        ClvOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(purchaseModel);
        ArgumentNullException.ThrowIfNull(spendModel);
        options ??= new ClvOptions();
        options.Validate();
        var periodsPerMonth = TimeUnits.PeriodsPerMonth(summary.Unit);
        var horizon = options.Months * periodsPerMonth;
        var values = summary
            .Customers.Select(c => new CustomerValue(
                c.CustomerId,
                c.Frequency,
                c.Recency,
                c.T,
                c.Monetary,
                purchaseModel.ProbabilityAlive(c),
                purchaseModel.ExpectedPurchases(horizon, c),
                spendModel.ConditionalExpectedAverageProfit(c),
                Discounted(purchaseModel, spendModel, c, options.Months, options.MonthlyDiscountRate, periodsPerMonth)
            ))
            .OrderBy(v => v.CustomerId, StringComparer.Ordinal)
            .ToList();
        return new ClvResult(
            summary.Unit,
            summary.CalibrationEnd,
            options.Months,
            options.MonthlyDiscountRate,
            purchaseModel,
            spendModel,
            values
        );
    }

    /// <summary>
    /// Discounted CLV of one customer as lifetimes' <c>customer_lifetime_value</c>:
    /// Σᵢ₌₁..months (E[Y(i·k)] − E[Y((i−1)·k)]) · E[M] / (1 + d)ⁱ, with k periods per month,
    /// E[Y] the BG/NBD conditional expectation and E[M] the Gamma–Gamma expected average profit.
    /// </summary>
    public static double Discounted(
        BgNbdModel purchaseModel,
        GammaGammaModel spendModel,
        CustomerSummary customer,
        int months,
        double monthlyDiscountRate,
        double periodsPerMonth
    )
    {
        ArgumentNullException.ThrowIfNull(purchaseModel);
        ArgumentNullException.ThrowIfNull(spendModel);
        ArgumentNullException.ThrowIfNull(customer);
        if (months < 1)
            throw new OptionsException(FormattableString.Invariant($"months={months} must be >= 1"));
        if (!(periodsPerMonth > 0))
            throw new OptionsException(FormattableString.Invariant($"periodsPerMonth={periodsPerMonth} must be > 0"));
        var profit = spendModel.ConditionalExpectedAverageProfit(customer);
        var value = 0.0;
        var previous = 0.0;
        for (var month = 1; month <= months; month++)
        {
            var cumulative = purchaseModel.ExpectedPurchases(month * periodsPerMonth, customer);
            value += (cumulative - previous) * profit / Math.Pow(1 + monthlyDiscountRate, month);
            previous = cumulative;
        }
        return value;
    }
}
