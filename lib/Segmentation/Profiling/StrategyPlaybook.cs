using System.Text.Json;
using System.Text.Json.Serialization;
using Segmentation.Common.Text;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Profiling;

/// <summary>
/// Maps value tiers and distinctive traits to recommended actions, and features to the words used in
/// persona names. Shipped with defaults (domain guide §3) as an embedded data file whose actions are keys of the
/// language resources, so every language reads them in its own words; load an edited copy with <see cref="Load"/>
/// (an action or word that is no resource key is shown as written).
/// </summary>
public sealed class StrategyPlaybook
{
    private static readonly Lazy<StrategyPlaybook> DefaultPlaybook = new(() =>
    {
        using var stream = typeof(StrategyPlaybook).Assembly.GetManifestResourceStream(
            "Segmentation.Profiling.playbook.json"
        ) ?? throw new InvalidOperationException("embedded playbook.json missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "playbook.json (embedded)");
    });

    private StrategyPlaybook(
        IReadOnlyList<(string When, IReadOnlyList<string> Actions)> rules,
        IReadOnlyDictionary<string, (string High, string Low)> vocabulary
    )
    {
        Rules = rules;
        Vocabulary = vocabulary;
    }

    /// <summary>The shipped playbook.</summary>
    public static StrategyPlaybook Default => DefaultPlaybook.Value;

    /// <summary>Rules in file order: a condition and its actions.</summary>
    public IReadOnlyList<(string When, IReadOnlyList<string> Actions)> Rules { get; }

    /// <summary>Words for a feature being high or low.</summary>
    public IReadOnlyDictionary<string, (string High, string Low)> Vocabulary { get; }

    /// <summary>Loads a playbook from a JSON file in the shipped format.</summary>
    public static StrategyPlaybook Load(string path)
    {
        if (!File.Exists(path))
            throw new SegmentationException($"{path}: playbook file not found");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses a playbook; errors name the source and the rule.</summary>
    public static StrategyPlaybook Parse(string json, string source)
    {
        PlaybookFile? file;
        try
        {
            file = JsonSerializer.Deserialize<PlaybookFile>(json);
        }
        catch (JsonException e)
        {
            throw new DataFormatException(source, $"not a valid playbook: {e.Message}", e.LineNumber + 1);
        }
        if (file?.Rules is null)
            throw new DataFormatException(
                source,
                "no 'rules' array",
                expected: "{\"rules\": [{\"when\": …, \"actions\": […]}]}"
            );
        var rules = new List<(string, IReadOnlyList<string>)>();
        for (var i = 0; i < file.Rules.Count; i++)
        {
            var rule = file.Rules[i];
            if (string.IsNullOrWhiteSpace(rule.When) || !IsCondition(rule.When))
                throw new DataFormatException(
                    source,
                    FormattableString.Invariant($"rule {i + 1} has condition '{rule.When}'"),
                    expected: "tier:<high-value|potential|low-value>, high:<feature>, low:<feature> or "
                        + "category:<feature>=<value>"
                );
            rules.Add((rule.When.Trim(), rule.Actions ?? []));
        }
        var vocabulary = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var (feature, words) in file.Vocabulary ?? [])
        {
            if (words.Count != 2)
                throw new DataFormatException(
                    source,
                    $"vocabulary '{feature}' has {words.Count} words",
                    expected: "[word when high, word when low]"
                );
            vocabulary[feature] = (words[0], words[1]);
        }
        return new StrategyPlaybook(rules, vocabulary);
    }

    /// <summary>
    /// Actions for a segment with the given tier and traits (deduplicated, playbook order), as written in the playbook:
    /// resource keys for the shipped one (see <see cref="Text"/>).
    /// </summary>
    public IReadOnlyList<string> ActionsFor(ValueTier tier, IReadOnlyCollection<string> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var tierCondition = "tier:" + ValueTierNames.Of(tier);
        var actions = new List<string>();
        foreach (var (when, ruleActions) in Rules)
        {
            if (when == tierCondition || conditions.Contains(when))
            {
                foreach (var a in ruleActions)
                {
                    if (!actions.Contains(a))
                        actions.Add(a);
                }
            }
        }
        return actions;
    }

    /// <summary>
    /// The word for a feature being high or low in <paramref name="language"/>: the playbook's own vocabulary when it
    /// has one for the feature, else the resource <c>Trait_&lt;feature&gt;_High</c> / <c>_Low</c>, else "high feature".
    /// </summary>
    public string Word(string feature, bool high, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(feature);
        var t = language ?? Language.English;
        if (Vocabulary.TryGetValue(feature, out var words))
            return high ? words.High : words.Low;
        return t.Find("Trait_" + feature + (high ? "_High" : "_Low"))
            ?? t.Format(
                high ? "Trait_Fallback_High" : "Trait_Fallback_Low",
                t.Find("Feature_" + feature) ?? feature.Replace('_', ' ')
            );
    }

    /// <summary>An action (or any playbook text) in <paramref name="language"/> (default
    /// <see cref="Language.Current"/>): the resource it names, or the text as written.</summary>
    public static string Text(string action, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        return (language ?? Language.Current).Find(action) ?? action;
    }

    /// <summary>
    /// A rule's condition as people read it in <paramref name="language"/> (default <see cref="Language.Current"/>):
    /// "tier:high-value" reads "高价值客户", "high:return_rate" "退货率高", "category:channel_preference=online"
    /// "渠道偏好为线上" (English: "tier:high-value", "high: return rate"). The rules keep the machine form.
    /// </summary>
    public static string ConditionText(string when, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(when);
        var t = language ?? Language.Current;
        var colon = when.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? "" : when[..colon];
        var subject = when[(colon + 1)..];
        string Feature(string feature) => Personas.FeatureName(feature, t);
        switch (kind)
        {
            case "tier":
                var tier = Enum.GetValues<ValueTier>().Where(v => ValueTierNames.Of(v) == subject).ToList();
                return tier.Count == 1 ? t.Format("Condition_Tier", ValueTierNames.Text(tier[0], t)) : when;
            case "high":
                return t.Format("Condition_High", Feature(subject));
            case "low":
                return t.Format("Condition_Low", Feature(subject));
            case "category" when subject.Split('=') is [var feature, var value]:
                var category = t.Find("Category_" + feature + "_" + value) ?? value;
                return t.Format("Condition_Category", Feature(feature), category);
            default:
                return when;
        }
    }

    /// <summary>The tier as people read it in <paramref name="language"/> (高价值客户 …).</summary>
    public static string TierLabel(ValueTier tier, Language? language = null) =>
        ValueTierNames.Text(tier, language ?? Language.English);

    private static bool IsCondition(string when)
    {
        var w = when.Trim();
        return w.StartsWith("tier:", StringComparison.Ordinal)
            || w.StartsWith("high:", StringComparison.Ordinal)
            || w.StartsWith("low:", StringComparison.Ordinal)
            || (w.StartsWith("category:", StringComparison.Ordinal) && w.Contains('=', StringComparison.Ordinal));
    }

    private sealed class PlaybookFile
    {
        [JsonPropertyName("rules")]
        public List<RuleEntry>? Rules { get; set; }

        [JsonPropertyName("vocabulary")]
        public Dictionary<string, List<string>>? Vocabulary { get; set; }
    }

    private sealed class RuleEntry
    {
        [JsonPropertyName("when")]
        public string? When { get; set; }

        [JsonPropertyName("actions")]
        public List<string>? Actions { get; set; }
    }
}
