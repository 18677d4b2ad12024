using System.Text.Json.Serialization;

namespace Segmentation.Value;

/// <summary>
/// The unit in which recency, T and prediction horizons are expressed. Ages are measured in whole
/// calendar days and divided by the unit's length in days; they are not rounded to whole periods.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TimeUnit>))]
public enum TimeUnit
{
    /// <summary>One day.</summary>
    Day,

    /// <summary>Seven days.</summary>
    Week,

    /// <summary>An average Gregorian month: 365.25 / 12 = 30.4375 days.</summary>
    Month,
}

/// <summary>Lengths of the <see cref="TimeUnit"/>s.</summary>
public static class TimeUnits
{
    /// <summary>Length of one period in days.</summary>
    public static double DaysPerPeriod(TimeUnit unit) =>
        unit switch
        {
            TimeUnit.Day => 1.0,
            TimeUnit.Week => 7.0,
            TimeUnit.Month => 365.25 / 12.0,
            _ => throw new OptionsException($"unit={unit} is not a known time unit; expected Day, Week or Month"),
        };

    /// <summary>
    /// Periods per month used by the discounted CLV, as in the lifetimes library: 30 days, 4.345 weeks, 1 month.
    /// </summary>
    public static double PeriodsPerMonth(TimeUnit unit) =>
        unit switch
        {
            TimeUnit.Day => 30.0,
            TimeUnit.Week => 4.345,
            TimeUnit.Month => 1.0,
            _ => throw new OptionsException($"unit={unit} is not a known time unit; expected Day, Week or Month"),
        };
}
