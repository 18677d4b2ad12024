namespace Segmentation.Value;

/// <summary>
/// One customer's purchase history in the "buy till you die" form (Fader, Hardie &amp; Lee 2005), with the
/// lifetimes library's conventions. Purchases on the same calendar day count as one purchase.
/// </summary>
/// <param name="CustomerId">Customer identifier.</param>
/// <param name="Frequency">Repeat purchases x: the number of purchase days after the first one.</param>
/// <param name="Recency">t_x: time from the first to the last purchase, in the summary's unit (0 when x = 0).</param>
/// <param name="T">Age: time from the first purchase to the end of the calibration period, in the summary's
/// unit.</param>
/// <param name="Monetary">Average value of the repeat purchase days (the first purchase excluded); 0 when x =
/// 0.</param>
public sealed record CustomerSummary(string CustomerId, int Frequency, double Recency, double T, double Monetary)
{
    /// <summary>Purchase days in the holdout period (calibration end, holdout end]; 0 when there is no
    /// holdout.</summary>
    public int HoldoutFrequency { get; init; }

    /// <summary>Checks the invariants every model relies on; throws <see cref="OptionsException"/> naming the
    /// customer.</summary>
    internal void Validate()
    {
        if (Frequency < 0)
            throw new OptionsException(
                FormattableString.Invariant($"customer '{CustomerId}': frequency={Frequency} must be >= 0")
            );
        if (!(T >= 0) || double.IsInfinity(T))
            throw new OptionsException(
                FormattableString.Invariant($"customer '{CustomerId}': T={T} must be a finite number >= 0")
            );
        if (!(Recency >= 0) || Recency > T)
            throw new OptionsException(
                FormattableString.Invariant($"customer '{CustomerId}': recency={Recency} must be in [0, T={T}]")
            );
        if (Frequency == 0 && Recency != 0)
            throw new OptionsException(
                FormattableString.Invariant($"customer '{CustomerId}': recency={Recency} must be 0 when frequency=0")
            );
        if (double.IsNaN(Monetary) || double.IsInfinity(Monetary))
            throw new OptionsException(
                FormattableString.Invariant($"customer '{CustomerId}': monetary={Monetary} must be a finite number")
            );
    }
}
