namespace Segmentation.Data.Generation;

/// <summary>The segments the simulator plants; every simulated customer belongs to exactly one.</summary>
public enum PlantedSegment
{
    /// <summary>Buy often (about every 18 days) and recently; premium international products, online and in
    /// stores.</summary>
    Champions,

    /// <summary>Buy steadily (about every two months) and recently; local brands, mostly mid-range, in
    /// stores.</summary>
    Loyal,

    /// <summary>New or potential customers: signed up in the last months, one to three small online orders.</summary>
    NewPotential,

    /// <summary>Were frequent online buyers and stopped about four to nine months before the window end.</summary>
    AtRisk,

    /// <summary>A few small, old, budget orders; nothing in the last ten months.</summary>
    Hibernating,

    /// <summary>Rare (three to ten orders) but very large premium orders of international brands, mostly in
    /// stores.</summary>
    BigSpenders,
}

/// <summary>Names of the planted segments as written in truth.csv and generation.json.</summary>
public static class PlantedSegments
{
    /// <summary>Every planted segment, in label order.</summary>
    public static IReadOnlyList<PlantedSegment> All { get; } = Enum.GetValues<PlantedSegment>();

    /// <summary>The label written to files: champions, loyal, new, at_risk, hibernating, big_spenders.</summary>
    public static string Label(this PlantedSegment segment) =>
        segment switch
        {
            PlantedSegment.Champions => "champions",
            PlantedSegment.Loyal => "loyal",
            PlantedSegment.NewPotential => "new",
            PlantedSegment.AtRisk => "at_risk",
            PlantedSegment.Hibernating => "hibernating",
            PlantedSegment.BigSpenders => "big_spenders",
            _ => throw new ArgumentOutOfRangeException(nameof(segment), segment, "unknown segment"),
        };

    /// <summary>The segment written as <paramref name="label"/> (inverse of <see cref="Label"/>).</summary>
    public static PlantedSegment Parse(string label)
    {
        foreach (var segment in All)
        {
            if (segment.Label() == label)
                return segment;
        }
        throw new OptionsException($"segment='{label}' must be one of {string.Join(", ", All.Select(s => s.Label()))}");
    }
}
