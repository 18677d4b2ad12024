using System.Text.Json;
using Plotly.NET;
using Segmentation.Reports.Views;
using Segmentation.Value;

namespace Segmentation.Tests.Reports.Views;

public sealed class ValueViewsTests
{
    private static JsonElement[] Traces(GenericChart chart)
    {
        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(chart));
        return figure.RootElement.GetProperty("data").EnumerateArray().Select(t => t.Clone()).ToArray();
    }

    private static double[] Values(JsonElement trace) =>
        trace.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static string[] Groups(JsonElement trace) =>
        trace.GetProperty("x").EnumerateArray().Select(v => v.GetString() ?? "").ToArray();

    [Fact]
    public void Holdout_fit_sets_actual_beside_predicted_per_calibration_frequency_with_the_last_group_open_ended()
    {
        HoldoutBucket[] buckets = [new(0, false, 10, 0.1, 0.3), new(1, false, 8, 0.5, 0.6), new(2, true, 5, 2.0, 2.5)];

        var traces = Traces(ValueViews.HoldoutFit(buckets));

        Assert.Equal(["actual", "predicted (BG/NBD)"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.All(traces, t => Assert.Equal(["0", "1", "2+"], Groups(t)));
        Assert.Equal([0.1, 0.5, 2.0], Values(traces[0]));
        Assert.Equal([0.3, 0.6, 2.5], Values(traces[1]));
    }

    [Fact]
    public void Channel_value_sets_mean_clv_beside_mean_acquisition_cost_per_channel()
    {
        ChannelValue[] channels = [new("referral", 10, 0, 15, 900, 60), new("search", 20, 1, 45, 600, 13.3)];

        var traces = Traces(ValueViews.ChannelValue(channels));

        Assert.Equal(["mean CLV", "mean CAC"], traces.Select(t => t.GetProperty("name").GetString()));
        Assert.All(traces, t => Assert.Equal(["referral", "search"], Groups(t)));
        Assert.Equal([900.0, 600.0], Values(traces[0]));
        Assert.Equal([15.0, 45.0], Values(traces[1]));
    }
}
