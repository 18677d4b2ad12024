using Segmentation.Common;

namespace Segmentation.Tests.Data.Generation;

/// <summary>
/// Per-customer features computed straight from generated lines, and a small k-means and adjusted
/// Rand index, written here so the generator's tests do not depend on the clustering code.
/// </summary>
public static class SegmentRecovery
{
    public static readonly string[] FeatureNames =
    [
        "log_recency",
        "log_frequency",
        "log_monetary",
        "average_order_value",
        "online_share",
        "premium_share",
        "international_share",
        "items_per_order",
    ];

    /// <summary>Features of every customer with at least one usable sale, keyed by customer id (sorted).</summary>
    public static SortedDictionary<string, double[]> Features(IEnumerable<WorkspaceLine> lines, DateOnly asOf)
    {
        var accumulators = new Dictionary<string, Accumulator>();
        foreach (var line in lines.Where(l => l.IsUsableSale))
        {
            if (!accumulators.TryGetValue(line.CustomerId, out var a))
                accumulators[line.CustomerId] = a = new Accumulator();
            var timestamp = line.Timestamp;
            if (timestamp > a.Last)
                a.Last = timestamp;
            if (a.Orders.Add(line.OrderId) && line.Channel == "online")
                a.OnlineOrders++;
            a.Lines++;
            a.Monetary += (double)(line.Quantity * line.UnitPrice);
            a.Items += line.Quantity;
            if (line.PriceTier == "premium")
                a.PremiumLines++;
            if (line.BrandOrigin == "international")
                a.InternationalLines++;
        }
        var end = asOf.ToDateTime(TimeOnly.MinValue);
        var result = new SortedDictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var (id, a) in accumulators)
        {
            var orders = (double)a.Orders.Count;
            var recencyDays = Math.Max(0, (end - a.Last.Date).TotalDays);
            result[id] =
            [
                Math.Log(1 + recencyDays),
                Math.Log(orders),
                Math.Log(1 + a.Monetary),
                a.Monetary / orders,
                a.OnlineOrders / orders,
                a.PremiumLines / (double)a.Lines,
                a.InternationalLines / (double)a.Lines,
                a.Items / orders,
            ];
        }
        return result;
    }

    /// <summary>Z-scores of every column (population standard deviation).</summary>
    public static double[][] Standardise(IReadOnlyList<double[]> rows)
    {
        var columns = rows[0].Length;
        var mean = new double[columns];
        var sd = new double[columns];
        for (var j = 0; j < columns; j++)
        {
            mean[j] = rows.Average(r => r[j]);
            sd[j] = Math.Sqrt(rows.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])));
        }
        return rows.Select(r => r.Select((v, j) => sd[j] > 0 ? (v - mean[j]) / sd[j] : 0).ToArray()).ToArray();
    }

    /// <summary>Centroid of the rows of each label 0..k-1.</summary>
    public static double[][] Centroids(IReadOnlyList<double[]> rows, IReadOnlyList<int> labels, int k)
    {
        var sums = Enumerable.Range(0, k).Select(_ => new double[rows[0].Length]).ToArray();
        var counts = new int[k];
        for (var i = 0; i < rows.Count; i++)
        {
            counts[labels[i]]++;
            for (var j = 0; j < rows[i].Length; j++)
                sums[labels[i]][j] += rows[i][j];
        }
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < sums[c].Length; j++)
                sums[c][j] = counts[c] > 0 ? sums[c][j] / counts[c] : 0;
        }
        return sums;
    }

    public static int Nearest(double[] row, double[][] centroids)
    {
        var best = 0;
        var bestDistance = double.MaxValue;
        for (var c = 0; c < centroids.Length; c++)
        {
            var d = 0.0;
            for (var j = 0; j < row.Length; j++)
                d += (row[j] - centroids[c][j]) * (row[j] - centroids[c][j]);
            if (d < bestDistance)
            {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /// <summary>Lloyd's k-means from the given centroids; returns labels and inertia.</summary>
    public static (int[] Labels, double Inertia) Lloyd(
        IReadOnlyList<double[]> rows,
        double[][] start,
        int iterations = 100
    )
    {
        var centroids = start.Select(c => (double[])c.Clone()).ToArray();
        var labels = new int[rows.Count];
        for (var iteration = 0; iteration < iterations; iteration++)
        {
            var changed = false;
            for (var i = 0; i < rows.Count; i++)
            {
                var nearest = Nearest(rows[i], centroids);
                changed |= nearest != labels[i];
                labels[i] = nearest;
            }
            var moved = Centroids(rows, labels, centroids.Length);
            for (var c = 0; c < centroids.Length; c++)
            {
                if (labels.Contains(c))
                    centroids[c] = moved[c];
            }
            if (!changed && iteration > 0)
                break;
        }
        var inertia = 0.0;
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < rows[i].Length; j++)
                inertia += Math.Pow(rows[i][j] - centroids[labels[i]][j], 2);
        }
        return (labels, inertia);
    }

    /// <summary>Best of <paramref name="restarts"/> k-means++ starts (lowest inertia).</summary>
    public static int[] KMeans(IReadOnlyList<double[]> rows, int k, ulong seed, int restarts = 10)
    {
        (int[] Labels, double Inertia) best = (Array.Empty<int>(), double.MaxValue);
        for (var r = 0; r < restarts; r++)
        {
            var random = SeededRandom.Fork(seed, (ulong)r);
            var centroids = new List<double[]> { rows[random.NextInt(rows.Count)] };
            var distances = new double[rows.Count];
            while (centroids.Count < k)
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    var nearest = centroids[Nearest(rows[i], centroids.ToArray())];
                    distances[i] = rows[i].Select((v, j) => (v - nearest[j]) * (v - nearest[j])).Sum();
                }
                centroids.Add(rows[random.NextWeighted(distances)]);
            }
            var fit = Lloyd(rows, centroids.ToArray());
            if (fit.Inertia < best.Inertia)
                best = fit;
        }
        return best.Labels;
    }

    /// <summary>Adjusted Rand index of two labelings (Hubert and Arabie).</summary>
    public static double AdjustedRandIndex(IReadOnlyList<int> a, IReadOnlyList<int> b)
    {
        static double Pairs(double n) => n * (n - 1) / 2;
        var table = new Dictionary<(int, int), int>();
        for (var i = 0; i < a.Count; i++)
            table[(a[i], b[i])] = table.GetValueOrDefault((a[i], b[i])) + 1;
        var index = table.Values.Sum(n => Pairs(n));
        var rowSums = a.GroupBy(x => x).Sum(g => Pairs(g.Count()));
        var columnSums = b.GroupBy(x => x).Sum(g => Pairs(g.Count()));
        var expected = rowSums * columnSums / Pairs(a.Count);
        var maximum = (rowSums + columnSums) / 2;
        return (index - expected) / (maximum - expected);
    }

    private sealed class Accumulator
    {
        public DateTime Last = DateTime.MinValue;
        public readonly HashSet<string> Orders = new(StringComparer.Ordinal);
        public int OnlineOrders,
            Lines,
            PremiumLines,
            InternationalLines;
        public double Monetary,
            Items;
    }
}
