using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Privacy;
using Segmentation.Segmenting.Rules;

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

    /// <summary>Profiles the segments of <paramref name="table"/>; <paramref name="segments"/> holds one label per
    /// row.</summary>
    public static PersonaReport Describe(
        FeatureTable table,
        IReadOnlyList<string> segments,
        PersonaOptions? options = null
    )
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(segments);
        var o = (options ?? new PersonaOptions()).Validate();
        var t = o.Language;
        // The merged group is named in the reader's language unless the caller named it.
        if (o.Disclosure.MergedGroupName == new DisclosureOptions().MergedGroupName)
            o = o with { Disclosure = o.Disclosure with { MergedGroupName = t["Group_Merged"] } };
        if (segments.Count != table.Rows)
            throw new OptionsException(
                FormattableString.Invariant($"segments={segments.Count} must equal rows={table.Rows}")
            );
        if (table.Rows == 0)
            throw new OptionsException("rows=0: nothing to profile");

        // Small-group protection before anything is computed per segment.
        var counts = segments
            .GroupBy(s => s, StringComparer.Ordinal)
            .Select(g => new GroupCount(g.Key, g.Count()))
            .OrderByDescending(g => g.Count)
            .ThenBy(g => g.Name, StringComparer.Ordinal)
            .ToList();
        var protection = SmallGroups.Protect(counts, o.Disclosure);
        var merged = new HashSet<string>(protection.MergedGroups, StringComparer.Ordinal);
        var suppressed = new HashSet<string>(protection.SuppressedGroups, StringComparer.Ordinal);
        var labels = segments
            .Select(s =>
                merged.Contains(s) ? o.Disclosure.MergedGroupName
                : suppressed.Contains(s) ? null
                : s
            )
            .ToArray();

        if (o.RevenueColumn is { } named && !table.HasNumeric(named))
            throw new OptionsException(
                $"revenue column '{named}' not found; numeric columns are [{string.Join(", ", table.NumericColumns)}]"
            );
        // Without a revenue column (attributes or survey answers alone) there is no value part: no shares, no tier.
        var revenue = o.RevenueColumn is { } column ? table.Numeric(column) : null;
        double? totalRevenue = revenue is null ? null : Sum(revenue, Enumerable.Range(0, table.Rows));
        var all = Enumerable.Range(0, table.Rows).ToArray();
        var numeric = table.NumericColumns;
        var overall = numeric.ToDictionary(f => f, f => Summary.Of(table.Numeric(f), all), StringComparer.Ordinal);
        var hasRecency = table.HasNumeric(o.RecencyColumn);
        var clv = table.HasNumeric(o.ClvColumn) ? table.Numeric(o.ClvColumn) : null;
        var totalClv = clv is null ? 0 : Sum(clv, all);
        if (!(totalClv > 0))
            clv = null;

        var personas = new List<Persona>();
        var usedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in protection.Shown)
        {
            var rows = Enumerable.Range(0, table.Rows).Where(i => labels[i] == group.Name).ToArray();
            var contrasts = numeric
                .Select(f => Contrast(f, table.Numeric(f), rows, overall[f]))
                .OrderByDescending(c => Math.Abs(c.StandardizedDifference))
                .ThenBy(c => c.Feature, StringComparer.Ordinal)
                .ToList();
            var categories = OverRepresented(table, rows, o);
            double? segmentRevenue = revenue is null ? null : Sum(revenue, rows);
            var customerShare = (double)rows.Length / table.Rows;
            double? revenueShare =
                revenue is null ? null
                : totalRevenue > 0 ? segmentRevenue / totalRevenue
                : 0;
            var recencyHigh =
                hasRecency && contrasts.First(c => c.Feature == o.RecencyColumn).StandardizedDifference > 0;
            double? clvShare = clv is null ? null : Sum(clv, rows) / totalClv;
            var tier = revenueShare is { } share
                ? Tier(customerShare, share, clvShare, recencyHigh, o)
                : ValueTier.NotAssessed;

            var traitConditions = new List<string>();
            var traitWords = new List<string>();
            var traits = new List<string>();
            foreach (var c in contrasts.Where(c => Math.Abs(c.StandardizedDifference) >= o.TraitThreshold))
            {
                var high = c.StandardizedDifference > 0;
                traitConditions.Add((high ? "high:" : "low:") + c.Feature);
                traits.Add($"{c.Feature} {(high ? "high" : "low")}");
                traitWords.Add(o.Playbook.Word(c.Feature, high, t));
            }
            foreach (var c in categories)
            {
                traitConditions.Add($"category:{c.Feature}={c.Category}");
                traits.Add($"{c.Feature}={c.Category}");
                traitWords.Add(t.Find($"Category_{c.Feature}_{c.Category}") ?? c.Category);
            }

            var name = MakeName(traitWords, tier, group.Name, usedNames, o);
            personas.Add(
                new Persona
                {
                    Segment = group.Name,
                    Name = name,
                    Description = Describe(
                        rows.Length,
                        customerShare,
                        revenueShare,
                        clvShare,
                        tier,
                        contrasts,
                        categories,
                        o
                    ),
                    Customers = rows.Length,
                    CustomerShare = customerShare,
                    Revenue = segmentRevenue,
                    RevenueShare = revenueShare,
                    ClvShare = clvShare,
                    Tier = tier,
                    Features = contrasts,
                    OverRepresented = categories,
                    Traits = traits,
                    Strategies = o
                        .Playbook.ActionsFor(tier, traitConditions)
                        .Select(a => StrategyPlaybook.Text(a, t))
                        .ToList(),
                }
            );
        }

        return new PersonaReport
        {
            Personas = personas,
            Customers = table.Rows,
            Revenue = totalRevenue,
            TierRule =
                revenue is null ? t["TierRule_NotAssessed"]
                : clv is null ? t.Format("TierRule_Revenue", o.HighValueContribution, o.RecencyColumn)
                : t.Format("TierRule_RevenueAndClv", o.HighValueContribution, o.ClvColumn),
            PrivacyNote = PrivacyNote(protection, o),
            NumericFeatures = numeric,
        };
    }

    private static ValueTier Tier(
        double customerShare,
        double revenueShare,
        double? clvShare,
        bool lapsing,
        PersonaOptions o
    )
    {
        var contribution = customerShare > 0 ? revenueShare / customerShare : 0;
        if (clvShare is { } futureShare)
        {
            // The CLV is the forward-looking contribution: past and expected value together decide the tier.
            var future = customerShare > 0 ? futureShare / customerShare : 0;
            if (contribution >= o.HighValueContribution && future >= 1)
                return ValueTier.HighValue;
            return contribution < 1 && future < 1 ? ValueTier.LowValue : ValueTier.Potential;
        }
        if (contribution >= o.HighValueContribution)
            return ValueTier.HighValue;
        // Recent buyers are worth developing whatever they spend so far (new customers, steady small buyers);
        // lapsing segments that also contribute less than their size are the low-value tier.
        return lapsing && contribution < 1 ? ValueTier.LowValue : ValueTier.Potential;
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
            var overall = values
                .GroupBy(v => v ?? MissingCategory, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (double)g.Count() / table.Rows, StringComparer.Ordinal);
            foreach (var g in rows.GroupBy(i => values[i] ?? MissingCategory, StringComparer.Ordinal))
            {
                var share = (double)g.Count() / rows.Length;
                var lift = share / overall[g.Key];
                if (lift >= o.OverRepresentationLift && share >= o.MinimumCategoryShare)
                    found.Add(new CategoryContrast(feature, g.Key, share, overall[g.Key], lift));
            }
        }
        return found
            .OrderByDescending(c => c.Lift)
            .ThenBy(c => c.Feature, StringComparer.Ordinal)
            .ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// A name that reads naturally: at most two trait words before the tier's noun ("Lapsed local-brand low-value
    /// customers", "流失本地品牌的低价值客户"), five words at most, no word sharing a stem with another or with the noun.
    /// </summary>
    private static string MakeName(
        List<string> traitWords,
        ValueTier tier,
        string segment,
        HashSet<string> used,
        PersonaOptions o
    )
    {
        var t = o.Language;
        var noun = t["Name_" + tier];
        var taken = new List<string>();
        foreach (var word in traitWords)
        {
            if (taken.Count >= Math.Min(2, o.NameTraits))
                break;
            if (SharesStem(word, noun) || taken.Any(w => SharesStem(w, word)))
                continue;
            if (WordCount(string.Join(" ", taken.Append(word).Append(noun))) > 5)
                continue;
            taken.Add(word);
        }
        var name =
            taken.Count == 0
                ? t.Format("Name_Typical", noun)
                : t.Format("Name_Pattern", string.Join(t["Name_WordSeparator"], taken), noun);
        name = t.Capitalized(name);
        if (!used.Add(name))
        {
            name = $"{name} ({segment})";
            used.Add(name);
        }
        return name;
    }

    /// <summary>True when two words repeat a stem: a shared token prefix ("new", "newly") or a shared pair of Chinese
    /// characters.</summary>
    internal static bool SharesStem(string a, string b)
    {
        static IEnumerable<string> Stems(string text) =>
            text.Any(c => c >= '\u3400')
                ? Enumerable
                    .Range(0, Math.Max(0, text.Length - 1))
                    .Select(i => text.Substring(i, 2))
                    .Where(p => p.All(c => c >= '\u3400'))
                : text.ToLowerInvariant()
                    .Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries)
                    .Where(w => w.Length >= 3);
        if (
            a.Any(c => c >= '\u3400')
            && b.Any(c => c >= '\u3400')
            && (a.Contains(b, StringComparison.Ordinal) || b.Contains(a, StringComparison.Ordinal))
        )
            return true;
        var left = Stems(a).ToList();
        var right = Stems(b).ToList();
        return left.Any(x =>
            right.Any(y => x.StartsWith(y, StringComparison.Ordinal) || y.StartsWith(x, StringComparison.Ordinal))
        );
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string PrivacyNote(DisclosureResult protection, PersonaOptions o)
    {
        var t = o.Language;
        if (protection.Unchanged)
            return "";
        var k = o.Disclosure.MinimumGroupSize;
        return protection.MergedGroups.Count > 0
            ? t.Format("Privacy_Merged", protection.MergedGroups.Count, k, o.Disclosure.MergedGroupName)
            : t.Format("Privacy_Suppressed", protection.SuppressedGroups.Count, k, protection.SuppressedCount);
    }

    private static string Describe(
        int n,
        double customerShare,
        double? revenueShare,
        double? clvShare,
        ValueTier tier,
        List<FeatureContrast> contrasts,
        List<CategoryContrast> categories,
        PersonaOptions o
    )
    {
        var t = o.Language;
        var text = revenueShare is { } revenue
            ? clvShare is { } share
                ? t.Format(
                    "Persona_SizeRevenueClv",
                    t.Count(n),
                    t.Percent(customerShare),
                    t.Percent(revenue),
                    t.Percent(share),
                    StrategyPlaybook.TierLabel(tier, t)
                )
                : t.Format(
                    "Persona_SizeRevenue",
                    t.Count(n),
                    t.Percent(customerShare),
                    t.Percent(revenue),
                    StrategyPlaybook.TierLabel(tier, t)
                )
            : t.Format("Persona_Size", t.Count(n), t.Percent(customerShare));
        var distinctive = contrasts
            .Where(c => Math.Abs(c.StandardizedDifference) >= o.TraitThreshold)
            .Take(3)
            .Select(c =>
                c.Lift is { } lift
                    ? t.Format(
                        "Persona_TraitLift",
                        FeatureName(c.Feature, t),
                        lift.ToString("0.0#", t.Formats),
                        t.Number(c.Mean, 2),
                        t.Number(c.OverallMean, 2)
                    )
                    : t.Format(
                        "Persona_TraitMean",
                        FeatureName(c.Feature, t),
                        t.Number(c.Mean, 2),
                        t.Number(c.OverallMean, 2)
                    )
            )
            .ToList();
        if (distinctive.Count > 0)
            text += t.Format("Persona_ComparedWithAll", t.List(distinctive));
        if (categories.Count > 0)
            text += t.Format(
                "Persona_OverRepresented",
                t.List(
                    categories
                        .Take(4)
                        .Select(c =>
                            (t.Find($"Category_{c.Feature}_{c.Category}") ?? c.Category)
                            + " "
                            + c.Lift.ToString("0.0", t.Formats)
                            + "×"
                        )
                )
            );
        return text;
    }

    /// <summary>A feature as people read it in <paramref name="language"/> (its resource name, else the column
    /// name).</summary>
    public static string FeatureName(string feature, Language language)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(language);
        return language.Find("Feature_" + feature) ?? feature.Replace('_', ' ');
    }

    private static double Sum(IReadOnlyList<double> values, IEnumerable<int> rows)
    {
        var sum = 0.0;
        foreach (var i in rows)
        {
            if (!double.IsNaN(values[i]))
                sum += values[i];
        }
        return sum;
    }

    private readonly record struct Summary(double Mean, double Median, double StandardDeviation)
    {
        public static Summary Of(IReadOnlyList<double> values, IReadOnlyCollection<int> rows)
        {
            var present = rows.Select(i => values[i]).Where(v => !double.IsNaN(v)).ToArray();
            if (present.Length == 0)
                return new Summary(double.NaN, double.NaN, 0);
            var mean = present.Average();
            var variance = present.Length > 1 ? present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1) : 0;
            Array.Sort(present);
            var mid = present.Length / 2;
            var median = present.Length % 2 == 1 ? present[mid] : (present[mid - 1] + present[mid]) / 2;
            return new Summary(mean, median, Math.Sqrt(variance));
        }
    }
}
