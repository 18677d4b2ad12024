using Segmentation.Features;
using Segmentation.Metrics;

namespace Segmentation.Validation;

/// <summary>Options of <see cref="SegmentDifferences.Evaluate"/>.</summary>
public sealed record SegmentDifferenceOptions
{
    /// <summary>Segments holding a smaller share of the rows than this are flagged (default 2 %).</summary>
    public double MinimumShare { get; init; } = 0.02;

    internal void Validate()
    {
        if (!(MinimumShare is >= 0 and <= 1))
            throw new OptionsException(FormattableString.Invariant($"minimumShare={MinimumShare} must be in [0, 1]"));
    }
}

/// <summary>How one feature differs across segments.</summary>
/// <param name="Feature">The feature (column) name.</param>
/// <param name="Test">The Kruskal–Wallis test of the feature grouped by segment.</param>
public sealed record FeatureDifference(string Feature, KruskalWallisResult Test);

/// <summary>Size of one segment.</summary>
/// <param name="Segment">The segment's label.</param>
/// <param name="Count">Rows in the segment.</param>
/// <param name="Share">Count / rows, in (0, 1].</param>
/// <param name="BelowMinimumShare">True when <paramref name="Share"/> is below the minimum share: too small to act on
/// or to trust.</param>
public sealed record SegmentSize(int Segment, int Count, double Share, bool BelowMinimumShare);

/// <summary>Result of <see cref="SegmentDifferences.Evaluate"/>.</summary>
/// <param name="Features">One test per feature, in column order.</param>
/// <param name="Segments">Segment sizes, ascending by label.</param>
public sealed record SegmentDifferenceReport(
    IReadOnlyList<FeatureDifference> Features,
    IReadOnlyList<SegmentSize> Segments
);

/// <summary>Do segments differ on each feature, and is each segment big enough to matter?</summary>
public static class SegmentDifferences
{
    /// <summary>Kruskal–Wallis per feature (see <see cref="KruskalWallis.Test"/>) and segment sizes with small ones
    /// flagged.</summary>
    public static SegmentDifferenceReport Evaluate(
        FeatureMatrix x,
        ReadOnlySpan<int> labels,
        SegmentDifferenceOptions? options = null
    )
    {
        options ??= new SegmentDifferenceOptions();
        options.Validate();
        LabelCodes.ForMatrix(x, labels, 2, false, nameof(SegmentDifferences));
        var column = new double[x.Rows];
        var features = new FeatureDifference[x.ColumnCount];
        for (var f = 0; f < x.ColumnCount; f++)
        {
            for (var i = 0; i < x.Rows; i++)
                column[i] = x[i, f];
            features[f] = new FeatureDifference(x.Columns[f], KruskalWallis.Test(column, labels));
        }
        return new SegmentDifferenceReport(features, Sizes(labels, options.MinimumShare));
    }

    /// <summary>Segment sizes and shares, ascending by label; shares below <paramref name="minimumShare"/> are
    /// flagged.</summary>
    public static IReadOnlyList<SegmentSize> Sizes(ReadOnlySpan<int> labels, double minimumShare = 0.02)
    {
        new SegmentDifferenceOptions { MinimumShare = minimumShare }.Validate();
        if (labels.Length == 0)
            throw new OptionsException("labels=0 must be >= 1");
        var codes = LabelCodes.From(labels);
        var sizes = new SegmentSize[codes.Count];
        for (var c = 0; c < codes.Count; c++)
        {
            var share = (double)codes.Counts[c] / labels.Length;
            sizes[c] = new SegmentSize(codes.Values[c], codes.Counts[c], share, share < minimumShare);
        }
        return sizes;
    }
}
