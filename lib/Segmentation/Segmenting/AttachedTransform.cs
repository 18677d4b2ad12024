using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// The fitted feature transform a model keeps from its fit (<see cref="ISegmentationModel.Transform"/>): how every
/// model encodes a <see cref="FeatureTable"/> with it, and how a loaded model checks it.
/// </summary>
internal static class AttachedTransform
{
    /// <summary>
    /// <paramref name="table"/> encoded by <paramref name="transform"/>; throws <see cref="OptionsException"/> when the
    /// model has none, saying what to call <paramref name="instead"/>.
    /// </summary>
    public static FeatureMatrix Encode(
        FittedFeatureTransform? transform,
        FeatureTable table,
        string instead = "transform the table yourself and call Predict(FeatureMatrix)"
    )
    {
        ArgumentNullException.ThrowIfNull(table);
        if (transform is null)
            throw new OptionsException("the model has no fitted feature transform: pass one to Fit, or " + instead);
        return transform.Transform(table);
    }

    /// <summary>Throws unless <paramref name="transform"/> (when present) writes exactly the model's
    /// <paramref name="columns"/>.</summary>
    public static void EnsureFits(IReadOnlyList<string> columns, FittedFeatureTransform? transform)
    {
        if (transform is not null)
            FeatureColumns.EnsureSame(columns, transform.OutputColumns, "transform output columns");
    }
}
