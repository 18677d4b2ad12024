using System.Globalization;
using Segmentation.Features;
using Segmentation.Privacy;

namespace Segmentation.Profiling;

/// <summary>
/// Builds a persona for every segment: size and revenue shares, every feature beside the whole base
/// (mean, median, standardised difference, lift), over-represented categories, value tier, a readable
/// generated name, a short description and recommended strategies. Segments smaller than the
/// disclosure minimum are merged or suppressed first, and the report says so.
/// </summary>
public static class Personas
{
    /// <summary>Label of a missing category.</summary>
    public const string MissingCategory = "(missing)";

    /// <summary>Profiles the segments of <paramref name="table"/>; <paramref name="segments"/> holds one label per row.</summary>
    public static PersonaReport Describe(FeatureTable table, IReadOnlyList<string> segments, PersonaOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(segments);
        var o = (options ?? new PersonaOptions()).Validate();
        if (segments.Count != table.Rows)
            throw new OptionsException(FormattableString.Invariant($"segments={segments.Count} must equal rows={table.Rows}"));
        if (table.Rows == 0) throw new OptionsException("rows=0: nothing to profile");

        // Small-group protection before anything is computed per segment.
        var counts = segments.GroupBy(s => s, StringComparer.Ordinal).Select(g => new GroupCount(g.Key, g.Count()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Name, StringComparer.Ordinal).ToList();
        var protection = SmallGroups.Protect(counts, o.Disclosure);
        var merged = new HashSet<string>(protection.MergedGroups, StringComparer.Ordinal);
        var suppressed = new HashSet<string>(protection.SuppressedGroups, StringComparer.Ordinal);
        var labels = segments.Select(s => merged.Contains(s) ? o.Disclosure.MergedGroupName : suppressed.Contains(s) ? null : s).ToArray();

        if (o.RevenueColumn is { } named && !table.HasNumeric(named))
            throw new OptionsException($"revenue column '{named}' not found; numeric columns are [{string.Join(", ", table.NumericColumns)}]");
        // Without a revenue column (attributes or survey answers alone) there is no value part: no shares, no tier.
        var revenue = o.RevenueColumn is { } column ? table.Numeric(column) : null;
        double? totalRevenue = revenue is null ? null : Sum(revenue, Enumerable.Range(0, table.Rows));
        var all = Enumerable.Range(0, table.Rows).ToArray();
        var numeric = table.NumericColumns;
        var overall = numeric.ToDictionary(f => f, f => Summary.Of(table.Numeric(f), all), StringComparer.Ordinal);
        var hasRecency = table.HasNumeric(o.RecencyColumn);
        var clv = table.HasNumeric(o.ClvColumn) ? table.Numeric(o.ClvColumn) : null;
        var totalClv = clv is null ? 0 : Sum(clv, all);
        if (!(totalClv > 0)) clv = null;

        var personas = new List<Persona>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in protection.Shown)
        {
            var rows = Enumerable.Range(0, table.Rows).Where(i => labels[i] == group.Name).ToArray();
            var contrasts = numeric.Select(f => Contrast(f, table.Numeric(f), rows, overall[f]))
                .OrderByDescending(c => Math.Abs(c.StandardizedDifference)).ThenBy(c => c.Feature, StringComparer.Ordinal).ToList();
            var categories = OverRepresented(table, rows, o);
            double? segmentRevenue = revenue is null ? null : Sum(revenue, rows);
            var customerShare = (double)rows.Length / table.Rows;
            double? revenueShare = revenue is null ? null : totalRevenue > 0 ? segmentRevenue / totalRevenue : 0;
            var recencyHigh = hasRecency && contrasts.First(c => c.Feature == o.RecencyColumn).StandardizedDifference > 0;
            double? clvShare = clv is null ? null : Sum(clv, rows) / totalClv;
            var tier = revenueShare is { } share ? Tier(customerShare, share, clvShare, recencyHigh, o) : SegmentValueTier.NotAssessed;

            var traitConditions = new List<string>();
            var traitWords = new List<string>();
            var traits = new List<string>();
            foreach (var c in contrasts.Where(c => Math.Abs(c.StandardizedDifference) >= o.TraitThreshold))
            {
                var high = c.StandardizedDifference > 0;
                traitConditions.Add((high ? "high:" : "low:") + c.Feature);
                traits.Add($"{c.Feature} {(high ? "high" : "low")}");
                traitWords.Add(o.Playbook.Word(c.Feature, high));
            }
            foreach (var c in categories)
            {
                traitConditions.Add($"category:{c.Feature}={c.Category}");
                traits.Add($"{c.Feature}={c.Category}");
                traitWords.Add(c.Category);
            }

            var name = MakeName(traitWords.Distinct(StringComparer.OrdinalIgnoreCase).Take(o.NameTraits).ToList(), group.Name, usedNames);
            personas.Add(new Persona
            {
                Segment = group.Name,
                Name = name,
                Description = Describe(rows.Length, customerShare, revenueShare, clvShare, tier, contrasts, categories, o),
                Customers = rows.Length,
                CustomerShare = customerShare,
                Revenue = segmentRevenue,
                RevenueShare = revenueShare,
                ClvShare = clvShare,
                Tier = tier,
                Features = contrasts,
                OverRepresented = categories,
                Traits = traits,
                Strategies = o.Playbook.ActionsFor(tier, traitConditions),
            });
        }

        return new PersonaReport
        {
            Personas = personas,
            Customers = table.Rows,
            Revenue = totalRevenue,
            TierRule = revenue is null
                ? "not assessed: the data hold no revenue column, so segments have no value tier."
                : clv is null
                ? FormattableString.Invariant(
                    $"high-value: revenue share / customer share >= {o.HighValueContribution}; low-value: below 1 while buying less recently than average ({o.RecencyColumn} above the mean); potential: the rest (recent buyers, or lapsing ones that still contribute their share).")
                : FormattableString.Invariant(
                    $"high-value: revenue share / customer share >= {o.HighValueContribution} and CLV share / customer share >= 1 (they brought value and are expected to keep bringing it); low-value: both ratios below 1; potential: the rest (high past value now expected to fade, or value still to come). CLV is the '{o.ClvColumn}' column."),
            PrivacyNote = protection.Note,
            NumericFeatures = numeric,
        };
    }

    private static SegmentValueTier Tier(double customerShare, double revenueShare, double? clvShare, bool lapsing, PersonaOptions o)
    {
        var contribution = customerShare > 0 ? revenueShare / customerShare : 0;
        if (clvShare is { } futureShare)
        {
            // The CLV is the forward-looking contribution: past and expected value together decide the tier.
            var future = customerShare > 0 ? futureShare / customerShare : 0;
            if (contribution >= o.HighValueContribution && future >= 1) return SegmentValueTier.HighValue;
            return contribution < 1 && future < 1 ? SegmentValueTier.LowValue : SegmentValueTier.Potential;
        }
        if (contribution >= o.HighValueContribution) return SegmentValueTier.HighValue;
        // Recent buyers are worth developing whatever they spend so far (new customers, steady small buyers);
        // lapsing segments that also contribute less than their size are the low-value tier.
        return lapsing && contribution < 1 ? SegmentValueTier.LowValue : SegmentValueTier.Potential;
    }

    private static FeatureContrast Contrast(string feature, IReadOnlyList<double> values, int[] rows, Summary overall)
    {
        var s = Summary.Of(values, rows);
        var standardized = overall.StandardDeviation > 0 ? (s.Mean - overall.Mean) / overall.StandardDeviation : 0;
        double? lift = overall.Mean > 0 ? s.Mean / overall.Mean : null;
        return new FeatureContrast(feature, s.Mean, s.Median, overall.Mean, overall.Median, standardized, lift);
    }

    private static List<CategoryContrast> OverRepresented(FeatureTable table, int[] rows, PersonaOptions o)
    {
        var found = new List<CategoryContrast>();
        foreach (var feature in table.CategoricalColumns)
        {
            var values = table.Categorical(feature);
            var overall = values.GroupBy(v => v ?? MissingCategory, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (double)g.Count() / table.Rows, StringComparer.Ordinal);
            foreach (var g in rows.GroupBy(i => values[i] ?? MissingCategory, StringComparer.Ordinal))
            {
                var share = (double)g.Count() / rows.Length;
                var lift = share / overall[g.Key];
                if (lift >= o.OverRepresentationLift && share >= o.MinimumCategoryShare)
                    found.Add(new CategoryContrast(feature, g.Key, share, overall[g.Key], lift));
            }
        }
        return found.OrderByDescending(c => c.Lift).ThenBy(c => c.Feature, StringComparer.Ordinal).ThenBy(c => c.Category, StringComparer.Ordinal).ToList();
    }

    private static string MakeName(List<string> words, string segment, HashSet<string> used)
    {
        var name = words.Count == 0 ? "Typical customers" : char.ToUpperInvariant(words[0][0]) + words[0][1..] + " " + string.Join(" ", words.Skip(1)) + " customers";
        name = name.Replace("  ", " ", StringComparison.Ordinal);
        if (!used.Add(name))
        {
            name = $"{name} ({segment})";
            used.Add(name);
        }
        return name;
    }

    private static string Describe(int n, double customerShare, double? revenueShare, double? clvShare, SegmentValueTier tier, List<FeatureContrast> contrasts, List<CategoryContrast> categories, PersonaOptions o)
    {
        var expected = clvShare is { } share ? string.Create(CultureInfo.InvariantCulture, $" and expected to bring {share:P1} of future value (CLV)") : "";
        var text = revenueShare is { } revenue
            ? string.Create(CultureInfo.InvariantCulture,
                $"{n:N0} customers ({customerShare:P1} of all) bringing {revenue:P1} of revenue{expected}; {StrategyPlaybook.TierName(tier)} tier.")
            : string.Create(CultureInfo.InvariantCulture, $"{n:N0} customers ({customerShare:P1} of all).");
        var distinctive = contrasts.Where(c => Math.Abs(c.StandardizedDifference) >= o.TraitThreshold).Take(3)
            .Select(c => c.Lift is { } lift
                ? string.Create(CultureInfo.InvariantCulture, $"{c.Feature.Replace('_', ' ')} {lift:0.0#}× the average ({c.Mean:0.##} vs {c.OverallMean:0.##})")
                : string.Create(CultureInfo.InvariantCulture, $"{c.Feature.Replace('_', ' ')} {c.Mean:0.##} vs {c.OverallMean:0.##}"))
            .ToList();
        if (distinctive.Count > 0) text += " Compared with all customers: " + string.Join("; ", distinctive) + ".";
        if (categories.Count > 0)
            text += " Over-represented: " + string.Join(", ", categories.Take(4).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Category} {c.Lift:0.0}×"))) + ".";
        return text;
    }

    private static double Sum(IReadOnlyList<double> values, IEnumerable<int> rows)
    {
        var sum = 0.0;
        foreach (var i in rows)
        {
            if (!double.IsNaN(values[i])) sum += values[i];
        }
        return sum;
    }

    private readonly record struct Summary(double Mean, double Median, double StandardDeviation)
    {
        public static Summary Of(IReadOnlyList<double> values, IReadOnlyCollection<int> rows)
        {
            var present = rows.Select(i => values[i]).Where(v => !double.IsNaN(v)).ToArray();
            if (present.Length == 0) return new Summary(double.NaN, double.NaN, 0);
            var mean = present.Average();
            var variance = present.Length > 1 ? present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1) : 0;
            Array.Sort(present);
            var mid = present.Length / 2;
            var median = present.Length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
            return new Summary(mean, median, Math.Sqrt(variance));
        }
    }
}
