using Segmentation.Common;
using Segmentation.Features;

namespace Segmentation.Metrics;

/// <summary>
/// Internal cluster-quality indices: how compact and separated clusters are, judged from the
/// features alone. Every function takes the feature matrix and one label per row (any ints; they
/// are only compared for equality), rejects NaN or infinite features with <see cref="OptionsException"/>,
/// uses Euclidean distances, and agrees with scikit-learn's function of the same name.
/// </summary>
public static class ClusterQuality
{
    /// <summary>
    /// Mean silhouette coefficient in [-1, 1]; higher is better. Per row s = (b − a) / max(a, b),
    /// a = mean distance to the other rows of its cluster, b = lowest mean distance to another cluster;
    /// rows of singleton clusters count as s = 0 (scikit-learn's convention). Exact and O(n²·d) time,
    /// O(n·d) memory, parallel and bit-identical for any thread count; set
    /// <see cref="SilhouetteOptions.SampleSize"/> for a seeded stratified sample on large data.
    /// Needs 2 ≤ clusters ≤ rows − 1.
    /// </summary>
    public static double Silhouette(FeatureMatrix x, ReadOnlySpan<int> labels, SilhouetteOptions? options = null)
    {
        var samples = SilhouetteSamples(x, labels, options, out _);
        var sum = 0.0;
        foreach (var s in samples)
            sum += s;
        return sum / samples.Length;
    }

    /// <summary>
    /// Silhouette coefficient of every row, each in [-1, 1]; higher is better. With a sample
    /// (<see cref="SilhouetteOptions.SampleSize"/>) only the sampled rows are returned, in ascending row order,
    /// and <paramref name="rows"/> says which rows they are; otherwise <paramref name="rows"/> is 0..n−1.
    /// </summary>
    public static double[] SilhouetteSamples(
        FeatureMatrix x,
        ReadOnlySpan<int> labels,
        SilhouetteOptions? options,
        out int[] rows
    )
    {
        options ??= new SilhouetteOptions();
        options.Validate();
        var codes = LabelCodes.ForMatrix(x, labels, 2, true, nameof(Silhouette));
        if (options.SampleSize is { } size && size < x.Rows)
        {
            rows = StratifiedSample(codes, size, options.Seed);
            var sample = x.SelectRows(rows);
            var sampleLabels = rows.Select(r => codes.Codes[r]).ToArray();
            var sampleCodes = LabelCodes.ForMatrix(sample, sampleLabels, 2, true, nameof(Silhouette));
            return SilhouetteKernel.Samples(
                sample,
                sampleCodes.Codes,
                sampleCodes.Count,
                options.MaxDegreeOfParallelism
            );
        }
        rows = Enumerable.Range(0, x.Rows).ToArray();
        return SilhouetteKernel.Samples(x, codes.Codes, codes.Count, options.MaxDegreeOfParallelism);
    }

    /// <summary>
    /// Calinski–Harabasz index (variance ratio criterion) in [0, ∞); higher is better.
    /// CH = [B / (k − 1)] / [W / (n − k)] with B the between-cluster and W the within-cluster sum of
    /// squares; 1 when W = 0 (scikit-learn). Needs 2 ≤ clusters ≤ rows − 1.
    /// </summary>
    public static double CalinskiHarabaszIndex(FeatureMatrix x, ReadOnlySpan<int> labels)
    {
        var codes = LabelCodes.ForMatrix(x, labels, 2, true, nameof(CalinskiHarabaszIndex));
        var centroids = Centroids(x, codes);
        var d = x.ColumnCount;
        var mean = x.ColumnMeans();
        var between = 0.0;
        for (var c = 0; c < codes.Count; c++)
            between += codes.Counts[c] * VectorMath.SquaredDistance(centroids.AsSpan(c * d, d), mean);
        var within = WithinSumOfSquares(x, codes, centroids);
        var k = codes.Count;
        return within == 0 ? 1.0 : between * (x.Rows - k) / (within * (k - 1.0));
    }

    /// <summary>
    /// Davies–Bouldin index in [0, ∞); lower is better. Mean over clusters of the worst ratio
    /// (S_i + S_j) / ‖μ_i − μ_j‖, S = mean distance of a cluster's rows to its centroid; coincident
    /// centroids contribute 0, and the index is 0 when every S or every centroid distance is 0
    /// (scikit-learn, which tests these with a 1e-8 tolerance where this tests exact zeros).
    /// Needs 2 ≤ clusters ≤ rows − 1.
    /// </summary>
    public static double DaviesBouldinIndex(FeatureMatrix x, ReadOnlySpan<int> labels)
    {
        var codes = LabelCodes.ForMatrix(x, labels, 2, true, nameof(DaviesBouldinIndex));
        var centroids = Centroids(x, codes);
        var d = x.ColumnCount;
        var k = codes.Count;
        var scatter = new double[k];
        for (var i = 0; i < x.Rows; i++)
        {
            var c = codes.Codes[i];
            scatter[c] += Math.Sqrt(VectorMath.SquaredDistance(x.Row(i), centroids.AsSpan(c * d, d)));
        }
        for (var c = 0; c < k; c++)
            scatter[c] /= codes.Counts[c];

        var separation = new double[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
                separation[i * k + j] = Math.Sqrt(
                    VectorMath.SquaredDistance(centroids.AsSpan(i * d, d), centroids.AsSpan(j * d, d))
                );
        }
        if (scatter.All(s => s == 0) || separation.All(s => s == 0))
            return 0.0;

        var total = 0.0;
        for (var i = 0; i < k; i++)
        {
            var worst = 0.0;
            for (var j = 0; j < k; j++)
            {
                var distance = separation[i * k + j];
                if (distance == 0)
                    continue;
                worst = Math.Max(worst, (scatter[i] + scatter[j]) / distance);
            }
            total += worst;
        }
        return total / k;
    }

    /// <summary>
    /// Inertia: the within-cluster sum of squared Euclidean distances to the cluster centroids, in [0, ∞);
    /// lower is better for a fixed number of clusters (it always falls as clusters are added).
    /// Any number of clusters ≥ 1.
    /// </summary>
    public static double Inertia(FeatureMatrix x, ReadOnlySpan<int> labels)
    {
        var codes = LabelCodes.ForMatrix(x, labels, 1, false, nameof(Inertia));
        return WithinSumOfSquares(x, codes, Centroids(x, codes));
    }

    internal static int[] StratifiedSample(LabelCodes codes, int sampleSize, ulong seed)
    {
        var n = codes.Codes.Length;
        var k = codes.Count;
        var quota = new int[k];
        var remainders = new double[k];
        var assigned = 0;
        for (var c = 0; c < k; c++)
        {
            var exact = (double)sampleSize * codes.Counts[c] / n;
            quota[c] = (int)Math.Floor(exact);
            remainders[c] = exact - quota[c];
            assigned += quota[c];
        }
        var byRemainder = Enumerable.Range(0, k).OrderByDescending(c => remainders[c]).ThenBy(c => c).ToArray();
        for (var r = 0; assigned < sampleSize && r < k; r++, assigned++)
            quota[byRemainder[r]]++;
        for (var c = 0; c < k; c++)
            quota[c] = Math.Min(codes.Counts[c], Math.Max(1, quota[c]));

        var members = new List<int>[k];
        for (var c = 0; c < k; c++)
            members[c] = new List<int>(codes.Counts[c]);
        for (var i = 0; i < n; i++)
            members[codes.Codes[i]].Add(i);

        var random = new SeededRandom(seed);
        var chosen = new List<int>(sampleSize + k);
        for (var c = 0; c < k; c++)
        {
            var pool = members[c].ToArray();
            for (var t = 0; t < quota[c]; t++)
            {
                var pick = random.NextInt(t, pool.Length);
                (pool[t], pool[pick]) = (pool[pick], pool[t]);
                chosen.Add(pool[t]);
            }
        }
        chosen.Sort();
        return chosen.ToArray();
    }

    internal static double[] Centroids(FeatureMatrix x, LabelCodes codes)
    {
        var d = x.ColumnCount;
        var centroids = new double[codes.Count * d];
        for (var i = 0; i < x.Rows; i++)
        {
            var row = x.Row(i);
            var at = codes.Codes[i] * d;
            for (var f = 0; f < d; f++)
                centroids[at + f] += row[f];
        }
        for (var c = 0; c < codes.Count; c++)
        {
            for (var f = 0; f < d; f++)
                centroids[c * d + f] /= codes.Counts[c];
        }
        return centroids;
    }

    private static double WithinSumOfSquares(FeatureMatrix x, LabelCodes codes, double[] centroids)
    {
        var d = x.ColumnCount;
        var total = 0.0;
        for (var i = 0; i < x.Rows; i++)
            total += VectorMath.SquaredDistance(x.Row(i), centroids.AsSpan(codes.Codes[i] * d, d));
        return total;
    }
}
