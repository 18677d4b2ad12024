using System.Text.Json;
using Plotly.NET;
using Segmentation.Features;
using Segmentation.Reports.Views;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Tests.Reports.Views;

public sealed class RuleViewsTests
{
    [Fact]
    public void The_rfm_grid_counts_customers_by_recency_and_frequency_score()
    {
        // Ten customers: recency and frequency both rank 1..10, so recency score = 6 − frequency score.
        var rows = Enumerable
            .Range(1, 10)
            .Select(i => new CustomerRfm($"c{i:00}", RecencyDays: i, Frequency: i, Monetary: i))
            .ToArray();
        var scores = RfmScores.Score(new RfmTable(new DateOnly(2026, 1, 1), rows));

        using var figure = JsonDocument.Parse(GenericChart.toFigureJson(RuleViews.RfmGrid(scores)));

        var trace = Assert.Single(figure.RootElement.GetProperty("data").EnumerateArray());
        var z = trace
            .GetProperty("z")
            .EnumerateArray()
            .Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray())
            .ToArray();
        for (var r = 0; r < 5; r++)
        {
            for (var f = 0; f < 5; f++)
            {
                var expected = scores.Rows.Count(s => s.RecencyScore == r + 1 && s.FrequencyScore == f + 1);
                Assert.Equal(expected, z[r][f]);
                Assert.Equal(r + f == 4 ? 2 : 0, expected);
            }
        }
        Assert.Equal(
            ["R1", "R2", "R3", "R4", "R5"],
            trace.GetProperty("y").EnumerateArray().Select(v => v.GetString() ?? "")
        );
        Assert.Equal(
            "frequency score",
            figure
                .RootElement.GetProperty("layout")
                .GetProperty("xaxis")
                .GetProperty("title")
                .GetProperty("text")
                .GetString()
        );
    }
}
