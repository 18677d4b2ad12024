using Plotly.NET;
using Segmentation.Charts;
using Segmentation.Common.Text;

namespace Segmentation.Reports.Views;

/// <summary>
/// Charts of the collected data as notebook 01 shows them: the figures come from the notebook's query, the titles from
/// the library in <see cref="Language.Current"/> (or the language given).
/// </summary>
public static class DataViews
{
    /// <summary>Revenue per month, one column per month label (e.g. "2025-07").</summary>
    public static GenericChart RevenuePerMonth(
        IReadOnlyList<string> months,
        IReadOnlyList<double> revenue,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        return SegmentCharts.Columns(months, revenue, t["Label_RevenuePerMonth"], t["Label_Revenue"]);
    }

    /// <summary>Customers per satisfaction answer of the survey (1 = low … 5 = high).</summary>
    public static GenericChart SatisfactionAnswers(
        IReadOnlyList<string> answers,
        IReadOnlyList<double> customers,
        Language? language = null
    )
    {
        var t = language ?? Language.Current;
        return SegmentCharts.Columns(answers, customers, t["Label_Satisfaction"], t["Col_Customers"]);
    }
}
