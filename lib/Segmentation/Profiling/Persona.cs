using Segmentation.Segmenting.Rules;

namespace Segmentation.Profiling;

/// <summary>One numeric feature of a segment beside the whole customer base.</summary>
/// <param name="Feature">Feature name.</param>
/// <param name="Mean">Segment mean.</param>
/// <param name="Median">Segment median.</param>
/// <param name="OverallMean">Mean over all customers.</param>
/// <param name="OverallMedian">Median over all customers.</param>
/// <param name="StandardizedDifference">(segment mean − overall mean) / overall standard deviation; 0 when the
/// deviation is 0.</param>
/// <param name="Lift">Segment mean / overall mean; null when the overall mean is not positive.</param>
public sealed record FeatureContrast(
    string Feature,
    double Mean,
    double Median,
    double OverallMean,
    double OverallMedian,
    double StandardizedDifference,
    double? Lift
);

/// <summary>A category over-represented in a segment.</summary>
/// <param name="Feature">Categorical feature.</param>
/// <param name="Category">The category ("(missing)" for missing values).</param>
/// <param name="Share">Share of the segment in that category.</param>
/// <param name="OverallShare">Share of all customers in that category.</param>
/// <param name="Lift">Share / overall share.</param>
public sealed record CategoryContrast(string Feature, string Category, double Share, double OverallShare, double Lift);

/// <summary>The written profile of one segment.</summary>
public sealed record Persona
{
    /// <summary>Segment label as assigned by the segmentation.</summary>
    public required string Segment { get; init; }

    /// <summary>Generated readable name from the most distinctive traits.</summary>
    public required string Name { get; init; }

    /// <summary>Short description.</summary>
    public required string Description { get; init; }

    /// <summary>Number of customers.</summary>
    public required int Customers { get; init; }

    /// <summary>Share of all customers.</summary>
    public required double CustomerShare { get; init; }

    /// <summary>Revenue of the segment.</summary>
    public required double? Revenue { get; init; }

    /// <summary>Share of all revenue.</summary>
    public required double? RevenueShare { get; init; }

    /// <summary>Share of the customers' predicted lifetime value; null when CLV is not profiled.</summary>
    public double? ClvShare { get; init; }

    /// <summary>Value tier.</summary>
    public required ValueTier Tier { get; init; }

    /// <summary>Every numeric feature beside the whole base, most distinctive first.</summary>
    public required IReadOnlyList<FeatureContrast> Features { get; init; }

    /// <summary>Over-represented categories, highest lift first.</summary>
    public required IReadOnlyList<CategoryContrast> OverRepresented { get; init; }

    /// <summary>The distinctive traits the name was built from (e.g. "frequency high", "channel=online").</summary>
    public required IReadOnlyList<string> Traits { get; init; }

    /// <summary>Recommended actions from the strategy playbook.</summary>
    public required IReadOnlyList<string> Strategies { get; init; }
}

/// <summary>Personas for every reportable segment, with the rules used and what privacy protection changed.</summary>
public sealed record PersonaReport
{
    /// <summary>One persona per shown segment, largest first.</summary>
    public required IReadOnlyList<Persona> Personas { get; init; }

    /// <summary>Total customers profiled.</summary>
    public required int Customers { get; init; }

    /// <summary>Total revenue.</summary>
    public required double? Revenue { get; init; }

    /// <summary>The value-tier rule in words.</summary>
    public required string TierRule { get; init; }

    /// <summary>What small-group protection merged or suppressed (empty when nothing).</summary>
    public required string PrivacyNote { get; init; }

    /// <summary>Numeric features that were profiled.</summary>
    public required IReadOnlyList<string> NumericFeatures { get; init; }
}
