using Segmentation.Common;
using Segmentation.Features;

namespace Segmentation.Segmenting;

/// <summary>
/// k-prototypes (Huang 1997) for mixed numeric and categorical customers. The dissimilarity of a customer to a
/// prototype is the squared Euclidean distance on the (already transformed) numeric columns plus γ × the number of
/// categorical mismatches. Batch iterations: assign every customer to its nearest prototype, then move each
/// prototype to the mean (numeric) and mode (categorical; ties → the ordinally smallest category) of its customers,
/// until no customer moves — each step can only lower the cost. Initialisation: seeded k-means++ over the same mixed
/// dissimilarity (not Huang's or Cao's method, which look only at the categorical columns); restarts keep the lowest
/// cost. Clusters are numbered by size, largest first. Single-threaded; same input and seed ⇒ identical results.
/// </summary>
public sealed class KPrototypesSegmenter : ISegmenter
{
    /// <summary>Creates the segmenter; the options are validated now (and against the data at fit time).</summary>
    public KPrototypesSegmenter(KPrototypesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>
    /// Creates the segmenter with the categorical columns of the customers it will be fitted to, so that it fits the
    /// <see cref="ISegmenter"/> contract: <see cref="ISegmenter.Fit"/> takes the numeric matrix and finds each row's
    /// categories by its row key (customer id) — resampled rows (bootstrap, prediction strength) and the k-scan's
    /// reference rows keep their keys.
    /// </summary>
    public KPrototypesSegmenter(KPrototypesOptions options, CategoricalMatrix categorical)
        : this(options)
    {
        ArgumentNullException.ThrowIfNull(categorical);
        Categorical = categorical;
        rowsByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < categorical.Rows; i++)
        {
            if (!rowsByKey.TryAdd(categorical.RowKeys[i], i))
                throw new OptionsException(
                    $"categorical row key '{categorical.RowKeys[i]}' appears twice; each customer must have one row"
                );
        }
    }

    private readonly Dictionary<string, int>? rowsByKey;

    /// <summary>The configuration.</summary>
    public KPrototypesOptions Options { get; }

    /// <summary>The categorical columns given at construction (looked up by row key in <see cref="ISegmenter.Fit"/>),
    /// if any.</summary>
    public CategoricalMatrix? Categorical { get; }

    /// <inheritdoc />
    public string Name => KPrototypesModel.MethodName;

    /// <inheritdoc />
    public int Clusters => Options.Clusters;

    /// <inheritdoc />
    public ISegmenter With(int clusters, ulong seed)
    {
        var options = Options with { Clusters = clusters, Seed = seed };
        return Categorical is null ? new KPrototypesSegmenter(options) : new KPrototypesSegmenter(options, Categorical);
    }

    /// <inheritdoc />
    ISegmentationModel ISegmenter.Fit(FeatureMatrix x, FittedFeatureTransform? transform) => Fit(x, transform);

    /// <summary>
    /// Fits the numeric matrix <paramref name="x"/> together with the categories of its rows, found by row key in the
    /// <see cref="Categorical"/> columns given at construction.
    /// </summary>
    public KPrototypesModel Fit(FeatureMatrix x, FittedFeatureTransform? transform = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (Categorical is null || rowsByKey is null)
            throw new OptionsException(
                "k-prototypes needs categorical columns: create it with new KPrototypesSegmenter(options, "
                    + "categorical), or call Fit(numeric, categorical)"
            );
        if (x.RowKeys.SequenceEqual(Categorical.RowKeys, StringComparer.Ordinal))
            return Fit(x, Categorical, transform);
        var rows = new int[x.Rows];
        for (var i = 0; i < x.Rows; i++)
        {
            if (!rowsByKey.TryGetValue(x.RowKeys[i], out rows[i]))
                throw new OptionsException($"row key '{x.RowKeys[i]}' has no row in the categorical columns");
        }
        return Fit(x, Categorical.SelectRows(rows, x.RowKeys), transform);
    }

    /// <summary>
    /// Fits k-prototypes. <paramref name="numeric"/> and <paramref name="categorical"/> describe the same customers in
    /// the same order (their row keys must match). Attach the <paramref name="transform"/> that produced the numeric
    /// matrix so the model can score a <see cref="FeatureTable"/> of new customers itself.
    /// </summary>
    public KPrototypesModel Fit(
        FeatureMatrix numeric,
        CategoricalMatrix categorical,
        FittedFeatureTransform? transform = null
    )
    {
        ArgumentNullException.ThrowIfNull(numeric);
        ArgumentNullException.ThrowIfNull(categorical);
        Options.Validate(numeric.Rows);
        MixedData.EnsureAligned(numeric, categorical);
        numeric.EnsureFinite();
        if (transform is not null)
            FeatureColumns.EnsureSame(
                transform.OutputColumns,
                numeric.Columns,
                "matrix columns",
                "the transform's output"
            );

        var gamma = Options.Gamma ?? DefaultGamma(numeric);
        var levels = Enumerable
            .Range(0, categorical.ColumnCount)
            .Select(j =>
                Enumerable
                    .Range(0, categorical.Rows)
                    .Select(i => categorical[i, j])
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToArray()
            )
            .ToArray();
        var data = new MixedData(numeric, categorical, levels, gamma);
        data.EnsureDistinctRows(Options.Clusters);

        var k = Options.Clusters;
        Prototypes? best = null;
        var bestCost = double.PositiveInfinity;
        var bestIterations = 0;
        var labels = new int[numeric.Rows];
        for (var restart = 0; restart < Options.Restarts; restart++)
        {
            var random = SeededRandom.Fork((ulong)SegmenterSeed.Fold(Options.Seed), (ulong)restart);
            var prototypes = data.InitialPrototypes(k, random);
            var iterations = data.Refine(prototypes, labels, Options.MaxIterations);
            var cost = data.Assign(prototypes, labels);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = prototypes;
                bestIterations = iterations;
            }
        }

        data.Assign(best!, labels);
        var sizes = Lloyd.Sizes(labels, k);
        var d = numeric.ColumnCount;
        var order = ClusterOrder.Canonical(
            sizes.Select(s => (double)s).ToArray(),
            best!.SortKeys(d, categorical.ColumnCount)
        );
        var ordered = best.Reordered(order, d, categorical.ColumnCount);
        var finalCost = data.Assign(ordered, labels);

        var modes = Enumerable
            .Range(0, k)
            .Select(c =>
                Enumerable
                    .Range(0, categorical.ColumnCount)
                    .Select(j => levels[j][ordered.Codes[c * categorical.ColumnCount + j]])
                    .ToArray()
            )
            .ToArray();
        return new KPrototypesModel(
            Options,
            numeric.Columns,
            categorical.Columns,
            ordered.Numeric,
            modes,
            gamma,
            Lloyd.Sizes(labels, k),
            numeric.Rows,
            finalCost,
            bestIterations,
            labels,
            transform
        );
    }

    /// <summary>Mean population standard deviation of the numeric columns (1 if every column is constant).</summary>
    internal static double DefaultGamma(FeatureMatrix numeric)
    {
        var total = 0.0;
        for (var j = 0; j < numeric.ColumnCount; j++)
        {
            var column = new double[numeric.Rows];
            for (var i = 0; i < numeric.Rows; i++)
                column[i] = numeric[i, j];
            total += SampleStatistics.PopulationStandardDeviation(column, SampleStatistics.Mean(column));
        }
        var gamma = total / numeric.ColumnCount;
        return gamma > 0 ? gamma : 1;
    }
}

/// <summary>k prototypes: numeric centres (k × d, row-major) and categorical mode codes (k × m).</summary>
internal sealed record Prototypes(double[] Numeric, int[] Codes)
{
    /// <summary>Per prototype: its numeric centre followed by its mode codes (the tie-break of the canonical
    /// order).</summary>
    public double[][] SortKeys(int d, int m) =>
        Enumerable
            .Range(0, Codes.Length / m)
            .Select(c =>
                Numeric
                    .AsSpan(c * d, d)
                    .ToArray()
                    .Concat(Codes.AsSpan(c * m, m).ToArray().Select(v => (double)v))
                    .ToArray()
            )
            .ToArray();

    public Prototypes Reordered(int[] order, int d, int m)
    {
        var numeric = new double[Numeric.Length];
        var codes = new int[Codes.Length];
        for (var c = 0; c < order.Length; c++)
        {
            Array.Copy(Numeric, order[c] * d, numeric, c * d, d);
            Array.Copy(Codes, order[c] * m, codes, c * m, m);
        }
        return new Prototypes(numeric, codes);
    }
}

/// <summary>Numeric rows plus integer-coded categories and the mixed dissimilarity of k-prototypes.</summary>
internal sealed class MixedData
{
    private readonly FeatureMatrix numeric;
    private readonly int[] codes;
    private readonly int[] levelCounts;

    public MixedData(FeatureMatrix numeric, CategoricalMatrix categorical, IReadOnlyList<string[]> levels, double gamma)
    {
        this.numeric = numeric;
        Gamma = gamma;
        Categories = categorical.ColumnCount;
        levelCounts = levels.Select(l => l.Length).ToArray();
        codes = Encode(categorical, levels);
    }

    public double Gamma { get; }
    public int Categories { get; }
    public int Rows => numeric.Rows;

    /// <summary>Codes of <paramref name="categorical"/> against <paramref name="levels"/>; an unknown category is −1
    /// (never matches).</summary>
    public static int[] Encode(CategoricalMatrix categorical, IReadOnlyList<IReadOnlyList<string>> levels)
    {
        var m = categorical.ColumnCount;
        var lookup = levels
            .Select(l =>
            {
                var map = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var c = 0; c < l.Count; c++)
                    map[l[c]] = c;
                return map;
            })
            .ToArray();
        var result = new int[categorical.Rows * m];
        for (var i = 0; i < categorical.Rows; i++)
        {
            for (var j = 0; j < m; j++)
                result[i * m + j] = lookup[j].GetValueOrDefault(categorical[i, j], -1);
        }
        return result;
    }

    public static void EnsureAligned(FeatureMatrix numeric, CategoricalMatrix categorical)
    {
        if (numeric.Rows != categorical.Rows)
            throw new OptionsException(
                FormattableString.Invariant(
                    $"categorical rows={categorical.Rows} must equal numeric rows={numeric.Rows}"
                )
            );
        for (var i = 0; i < numeric.Rows; i++)
        {
            if (numeric.RowKeys[i] != categorical.RowKeys[i])
                throw new OptionsException(
                    FormattableString.Invariant($"row {i} is '{numeric.RowKeys[i]}' in the numeric matrix but ")
                        + FormattableString.Invariant(
                            $"'{categorical.RowKeys[i]}' in the categorical one; both must list the same "
                        )
                        + "customers in the same order"
                );
        }
    }

    /// <summary>Mixed dissimilarity of two rows given as numeric spans and code spans.</summary>
    public static double Dissimilarity(
        ReadOnlySpan<double> x,
        ReadOnlySpan<int> xCodes,
        ReadOnlySpan<double> prototype,
        ReadOnlySpan<int> prototypeCodes,
        double gamma
    )
    {
        var mismatches = 0;
        for (var j = 0; j < xCodes.Length; j++)
        {
            if (xCodes[j] != prototypeCodes[j])
                mismatches++;
        }
        return VectorMath.SquaredDistance(x, prototype) + gamma * mismatches;
    }

    /// <summary>Nearest prototype of a row (lowest index on exact ties).</summary>
    public static int Nearest(
        ReadOnlySpan<double> x,
        ReadOnlySpan<int> xCodes,
        Prototypes prototypes,
        double gamma,
        out double cost
    )
    {
        var d = x.Length;
        var m = xCodes.Length;
        var clusters = prototypes.Codes.Length / m;
        var best = 0;
        cost = double.PositiveInfinity;
        for (var c = 0; c < clusters; c++)
        {
            var candidate = Dissimilarity(
                x,
                xCodes,
                prototypes.Numeric.AsSpan(c * d, d),
                prototypes.Codes.AsSpan(c * m, m),
                gamma
            );
            if (candidate < cost)
            {
                cost = candidate;
                best = c;
            }
        }
        return best;
    }

    private ReadOnlySpan<int> CodesOf(int row) => codes.AsSpan(row * Categories, Categories);

    /// <summary>Assigns every row to its nearest prototype; returns the total cost.</summary>
    public double Assign(Prototypes prototypes, int[] labels)
    {
        var total = 0.0;
        for (var i = 0; i < Rows; i++)
        {
            labels[i] = Nearest(numeric.Row(i), CodesOf(i), prototypes, Gamma, out var cost);
            total += cost;
        }
        return total;
    }

    /// <summary>Moves prototypes to the means and modes of their rows; a prototype with no row stays.</summary>
    public void Update(Prototypes prototypes, int[] labels)
    {
        var k = prototypes.Codes.Length / Categories;
        Lloyd.UpdateCentroids(numeric, labels, prototypes.Numeric, k);
        var counts = new int[Categories][];
        for (var j = 0; j < Categories; j++)
            counts[j] = new int[k * levelCounts[j]];
        for (var i = 0; i < Rows; i++)
        {
            var row = CodesOf(i);
            for (var j = 0; j < Categories; j++)
                counts[j][labels[i] * levelCounts[j] + row[j]]++;
        }
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < Categories; j++)
            {
                var bestLevel = -1;
                var bestCount = 0;
                for (var level = 0; level < levelCounts[j]; level++)
                {
                    var count = counts[j][c * levelCounts[j] + level];
                    if (count > bestCount)
                    {
                        bestCount = count;
                        bestLevel = level;
                    }
                }
                if (bestLevel >= 0)
                    prototypes.Codes[c * Categories + j] = bestLevel;
            }
        }
    }

    /// <summary>Batch iterations until no row changes cluster; returns the number of assignment passes.</summary>
    public int Refine(Prototypes prototypes, int[] labels, int maxIterations) =>
        Lloyd.UntilStable(labels, maxIterations, () => Assign(prototypes, labels), () => Update(prototypes, labels));

    /// <summary>k-means++ seeding over the mixed dissimilarity: each next prototype is a row drawn with probability
    /// proportional to its dissimilarity to the nearest chosen one.</summary>
    public Prototypes InitialPrototypes(int k, SeededRandom random)
    {
        var d = numeric.ColumnCount;
        var prototypes = new Prototypes(new double[k * d], new int[k * Categories]);
        var nearest = new double[Rows];
        Array.Fill(nearest, double.PositiveInfinity);
        var chosen = random.NextInt(Rows);
        for (var c = 0; c < k; c++)
        {
            numeric.Row(chosen).CopyTo(prototypes.Numeric.AsSpan(c * d, d));
            CodesOf(chosen).CopyTo(prototypes.Codes.AsSpan(c * Categories, Categories));
            if (c == k - 1)
                break;
            for (var i = 0; i < Rows; i++)
            {
                var cost = Dissimilarity(
                    numeric.Row(i),
                    CodesOf(i),
                    prototypes.Numeric.AsSpan(c * d, d),
                    prototypes.Codes.AsSpan(c * Categories, Categories),
                    Gamma
                );
                nearest[i] = Math.Min(nearest[i], cost);
            }
            chosen = random.NextWeighted(nearest);
        }
        return prototypes;
    }

    /// <summary>Throws when fewer distinct customers than clusters exist (the seeding could not find k different
    /// prototypes).</summary>
    public void EnsureDistinctRows(int clusters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rows && seen.Count < clusters; i++)
        {
            var key =
                string.Join(
                    "\u001f",
                    numeric
                        .Row(i)
                        .ToArray()
                        .Select(v => (v + 0.0).ToString("R", System.Globalization.CultureInfo.InvariantCulture))
                )
                + "\u001e"
                + string.Join("\u001f", CodesOf(i).ToArray());
            seen.Add(key);
        }
        if (seen.Count < clusters)
            throw new OptionsException(
                FormattableString.Invariant($"clusters={clusters} must be <= distinct rows={seen.Count}")
            );
    }
}
