using System.Text.Json.Serialization;

namespace Segmentation.Data.Generation;

/// <summary>
/// What <see cref="RetailSimulator"/> generates. Set exactly one of <see cref="Customers"/> and
/// <see cref="Lines"/>. Validated in <see cref="Validate"/>; the simulator calls it.
/// </summary>
public sealed record GeneratorOptions
{
    /// <summary>The day after the default window's last day (the default window ends 2025-12-31).</summary>
    public static readonly DateOnly DefaultWindowEndExclusive = new(2026, 1, 1);

    /// <summary>Number of customers to simulate (or null when <see cref="Lines"/> is set).</summary>
    public int? Customers { get; init; }

    /// <summary>Exact number of transaction lines to write: customers are simulated until it is reached (the last one's
    /// history is cut short). Null when <see cref="Customers"/> is set.</summary>
    public long? Lines { get; init; }

    /// <summary>Seed of every random draw; same seed and options give identical bytes.</summary>
    public ulong Seed { get; init; } = 42;

    /// <summary>First day of the transaction window; null for the window that ends on 2025-12-31.</summary>
    public DateOnly? Start { get; init; }

    /// <summary>Length of the transaction window in months (12 to 120).</summary>
    public int Months { get; init; } = 24;

    /// <summary>Column layout of transactions.csv.</summary>
    public TransactionLayout Layout { get; init; } = TransactionLayout.Workspace;

    /// <summary>Fault injection rates.</summary>
    public FaultRates Faults { get; init; } = new();

    /// <summary>Scale of the within-segment variation (0 = every customer is its segment's archetype; 1 = default; 2 =
    /// segments overlap strongly).</summary>
    public double Spread { get; init; } = 1.0;

    /// <summary>The first day of the window.</summary>
    [JsonIgnore]
    public DateOnly WindowStart => Start ?? DefaultWindowEndExclusive.AddMonths(-Months);

    /// <summary>The last day of the window: the as-of date of recency, "at risk" and "hibernating".</summary>
    [JsonIgnore]
    public DateOnly WindowEnd => WindowStart.AddMonths(Months).AddDays(-1);

    /// <summary>Throws <see cref="OptionsException"/> naming the argument and its value when the options are
    /// invalid.</summary>
    public void Validate()
    {
        if (Customers is null == Lines is null)
            throw new OptionsException($"set exactly one of customers={Show(Customers)} and lines={Show(Lines)}");
        if (Customers is < 1)
            throw new OptionsException(FormattableString.Invariant($"customers={Customers} must be >= 1"));
        if (Lines is < 1)
            throw new OptionsException(FormattableString.Invariant($"lines={Lines} must be >= 1"));
        if (Months is < 12 or > 120)
            throw new OptionsException(FormattableString.Invariant($"months={Months} must be in [12, 120]"));
        if (Start is { } s && (s.Year < 1900 || s.AddMonths(Months).Year > 9000))
            throw new OptionsException(
                FormattableString.Invariant($"start={s:yyyy-MM-dd} must be between 1900 and 9000 - months={Months}")
            );
        if (!(Spread >= 0 && Spread <= 3))
            throw new OptionsException(FormattableString.Invariant($"spread={Spread} must be in [0, 3]"));
        if (!Enum.IsDefined(Layout))
            throw new OptionsException(
                $"layout={Layout} must be one of {string.Join(", ", Enum.GetNames<TransactionLayout>())}"
            );
        ArgumentNullException.ThrowIfNull(Faults);
        Faults.Validate();
    }

    private static string Show<T>(T? value)
        where T : struct => value is null ? "unset" : FormattableString.Invariant($"{value}");
}
