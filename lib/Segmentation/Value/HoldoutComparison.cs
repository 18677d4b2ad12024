namespace Segmentation.Value;

/// <summary>Mean actual and predicted holdout purchases of the customers with one calibration frequency.</summary>
/// <param name="CalibrationFrequency">Repeat purchases in the calibration period (the last bucket holds this many or
/// more).</param>
/// <param name="IsOpenEnded">True for the last bucket (frequency ≥ <paramref name="CalibrationFrequency"/>).</param>
/// <param name="Customers">Customers in the bucket.</param>
/// <param name="MeanActual">Mean purchase days in the holdout period.</param>
/// <param name="MeanPredicted">Mean BG/NBD E[Y(holdout duration) | x, t_x, T].</param>
public sealed record HoldoutBucket(
    int CalibrationFrequency,
    bool IsOpenEnded,
    int Customers,
    double MeanActual,
    double MeanPredicted
);

/// <summary>
/// Calibration-versus-holdout check of a purchase model (lifetimes'
/// <c>plot_calibration_purchases_vs_holdout_purchases</c>): customers grouped by calibration frequency, the mean of
/// what they did in the holdout period against the mean prediction.
/// </summary>
public static class HoldoutComparison
{
    /// <summary>Buckets 0, 1, …, <paramref name="maximumFrequency"/> (the last one open-ended); empty buckets are left
    /// out.</summary>
    public static IReadOnlyList<HoldoutBucket> ByCalibrationFrequency(
        BgNbdModel model,
        ClvSummary summary,
        int maximumFrequency = 7
    )
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.HoldoutEnd is null)
            throw new OptionsException("holdoutEnd=null: the summary has no holdout period to compare with");
        if (maximumFrequency < 0)
            throw new OptionsException(
                FormattableString.Invariant($"maximumFrequency={maximumFrequency} must be >= 0")
            );
        var duration = summary.HoldoutDuration;
        return summary
            .Customers.GroupBy(c => Math.Min(c.Frequency, maximumFrequency))
            .OrderBy(g => g.Key)
            .Select(g => new HoldoutBucket(
                g.Key,
                g.Key == maximumFrequency,
                g.Count(),
                g.Average(c => (double)c.HoldoutFrequency),
                g.Average(c => model.ExpectedPurchases(duration, c))
            ))
            .ToList();
    }
}
