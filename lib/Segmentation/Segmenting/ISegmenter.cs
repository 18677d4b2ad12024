using Segmentation.Common.Text;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// A clustering method with its configuration (scikit-learn's estimator): <see cref="Fit"/> returns an immutable
/// <see cref="ISegmentationModel"/> and leaves the segmenter unchanged. The k-scan, bootstrap stability, the holdout
/// and the workflow take any <see cref="ISegmenter"/>, so a new method is one class implementing this contract.
/// </summary>
public interface ISegmenter
{
    /// <summary>The method's name, as written in the <c>method</c> field of its saved models (e.g.
    /// "k-means").</summary>
    string Name { get; }

    /// <summary>Number of clusters k the segmenter fits.</summary>
    int Clusters { get; }

    /// <summary>
    /// The same method and options with another number of clusters and seed (what a k-scan or a resampling needs).
    /// Seeds are 64-bit everywhere; a method that needs a narrower one (ML.NET takes 31 bits) folds it where it uses
    /// it.
    /// </summary>
    ISegmenter With(int clusters, ulong seed);

    /// <summary>
    /// Fits the method to <paramref name="x"/> (one row per customer, row keys = customer ids). Attach the
    /// <paramref name="transform"/> that produced the matrix so the model can score a <see cref="FeatureTable"/>
    /// itself.
    /// </summary>
    ISegmentationModel Fit(FeatureMatrix x, FittedFeatureTransform? transform = null);
}

/// <summary>
/// A fitted segmentation: labels of the training rows (0-based, clusters numbered canonically), prediction of new
/// customers, saving and loading. Immutable; keeps no reference to the training rows.
/// </summary>
public interface ISegmentationModel
{
    /// <summary>The method's name, as written in the <c>method</c> field of the saved model (e.g. "k-means").</summary>
    string Name { get; }

    /// <summary>Number of clusters k.</summary>
    int Clusters { get; }

    /// <summary>Number of training rows (n).</summary>
    int TrainingRows { get; }

    /// <summary>Number of training rows in each cluster.</summary>
    IReadOnlyList<int> ClusterSizes { get; }

    /// <summary>0-based cluster of every training row, in row order; empty for a model loaded from JSON.</summary>
    IReadOnlyList<int> Labels { get; }

    /// <summary>
    /// The within-cluster spread of the training rows, ≥ 0, lower is tighter for a fixed k (what a k-scan's elbow
    /// and gap statistic read): inertia for k-means, cost (inertia + γ × mismatches) for k-prototypes, the squared
    /// distances to the component means for a Gaussian mixture.
    /// </summary>
    double Objective { get; }

    /// <summary>The fitted feature transform attached at fit time, if any (then <see cref="Predict(FeatureTable)"/>
    /// works).</summary>
    FittedFeatureTransform? Transform { get; }

    /// <summary>The cluster of every row of an encoded matrix; throws <see cref="OptionsException"/> if the columns
    /// differ or the method needs more than a matrix.</summary>
    int[] Predict(FeatureMatrix features);

    /// <summary>Encodes <paramref name="table"/> with the attached <see cref="Transform"/>, then predicts.</summary>
    int[] Predict(FeatureTable table);

    /// <summary>The model as JSON (format, method, options, parameters, transform — no customer rows).</summary>
    string ToJson();

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/>.</summary>
    void Save(string path);

    /// <summary>Reads a model of any method written by <see cref="ToJson"/>, by its <c>method</c> field.</summary>
    static ISegmentationModel FromJson(string json) => ModelJson.ReadAny(json, "model JSON");

    /// <summary>Reads a model file of any method written by <see cref="Save"/>, by its <c>method</c> field.</summary>
    static ISegmentationModel Load(string path) => ModelJson.ReadAny(ModelJson.Load(path), path);

    /// <summary>A one-line summary in <paramref name="language"/> (default <see cref="Language.Current"/>); a method
    /// without one in the resources gives its <see cref="object.ToString"/>.</summary>
    string Summary(Language? language = null) => ToString() ?? GetType().Name;
}

/// <summary>The one conversion from the 64-bit seeds of every option type to the 31-bit seeds ML.NET's k-means
/// takes.</summary>
public static class SegmenterSeed
{
    /// <summary>Folds a 64-bit seed deterministically into [0, 2³¹); seeds below 2³¹ are kept as they are.</summary>
    public static int Fold(ulong seed) => (int)((seed ^ (seed >> 31) ^ (seed >> 62)) & 0x7FFF_FFFF);
}
