using Segmentation.Data.Generation;

namespace Segmentation.Tests.Data.Generation;

public sealed class GeneratorOptionsTests
{
    public static TheoryData<GeneratorOptions, string> Invalid =>
        new()
        {
            { new GeneratorOptions(), "set exactly one of customers=unset and lines=unset" },
            {
                new GeneratorOptions { Customers = 5, Lines = 10 },
                "set exactly one of customers=5 and lines=10"
            },
            {
                new GeneratorOptions { Customers = 0 },
                "customers=0 must be >= 1"
            },
            {
                new GeneratorOptions { Lines = -1 },
                "lines=-1 must be >= 1"
            },
            {
                new GeneratorOptions { Customers = 5, Months = 200 },
                "months=200 must be in [12, 120]"
            },
            {
                new GeneratorOptions { Customers = 5, Spread = -0.5 },
                "spread=-0.5 must be in [0, 3]"
            },
            {
                new GeneratorOptions
                {
                    Customers = 5,
                    Faults = new FaultRates { Duplicate = 1.5 },
                },
                "faults.Duplicate=1.5 must be in [0, 1]"
            },
            {
                new GeneratorOptions
                {
                    Customers = 5,
                    Faults = new FaultRates { Cancellation = 0.6, Duplicate = 0.6 },
                },
                "line fault rates sum=1.2053 must be <= 1"
            },
        };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_options_are_rejected_naming_the_argument_and_value(GeneratorOptions options, string message)
    {
        var error = Assert.Throws<OptionsException>(options.Validate);
        Assert.Equal(message, error.Message);
        Assert.Throws<OptionsException>(() => RetailSimulator.Write(options, Stream.Null, Stream.Null, Stream.Null));
    }

    [Fact]
    public void The_default_window_is_the_24_months_ending_2025_12_31()
    {
        var options = new GeneratorOptions { Customers = 1 };

        Assert.Equal(new DateOnly(2024, 1, 1), options.WindowStart);
        Assert.Equal(new DateOnly(2025, 12, 31), options.WindowEnd);
        Assert.Equal(new DateOnly(2025, 1, 1), (options with { Months = 12 }).WindowStart);
        Assert.Equal(
            new DateOnly(2021, 2, 28),
            (options with { Start = new DateOnly(2020, 3, 1), Months = 12 }).WindowEnd
        );
    }

    [Fact]
    public void Segment_labels_round_trip_and_unknown_labels_are_rejected()
    {
        Assert.All(PlantedSegments.All, s => Assert.Equal(s, PlantedSegments.Parse(s.Label())));
        Assert.Equal(
            ["champions", "loyal", "new", "at_risk", "hibernating", "big_spenders"],
            PlantedSegments.All.Select(s => s.Label())
        );
        Assert.Throws<OptionsException>(() => PlantedSegments.Parse("vip"));
    }
}
