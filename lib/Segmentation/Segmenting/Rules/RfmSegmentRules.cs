using System.Globalization;
using System.Text;
using Segmentation.Common.Text;

namespace Segmentation.Segmenting.Rules;

/// <summary>One named segment: inclusive ranges of the R, F and M scores (M defaults to any).</summary>
/// <param name="Name">Segment name.</param>
/// <param name="RecencyMin">Lowest recency score.</param>
/// <param name="RecencyMax">Highest recency score.</param>
/// <param name="FrequencyMin">Lowest frequency score.</param>
/// <param name="FrequencyMax">Highest frequency score.</param>
/// <param name="MonetaryMin">Lowest monetary score.</param>
/// <param name="MonetaryMax">Highest monetary score.</param>
public sealed record RfmSegmentRule(
    string Name,
    int RecencyMin,
    int RecencyMax,
    int FrequencyMin,
    int FrequencyMax,
    int MonetaryMin = 1,
    int MonetaryMax = 5
)
{
    /// <summary>True when the scores fall in every range.</summary>
    public bool Matches(int recency, int frequency, int monetary) =>
        recency >= RecencyMin
        && recency <= RecencyMax
        && frequency >= FrequencyMin
        && frequency <= FrequencyMax
        && monetary >= MonetaryMin
        && monetary <= MonetaryMax;

    /// <inheritdoc />
    public override string ToString() =>
        FormattableString.Invariant(
            $"{Name}: r {RecencyMin}-{RecencyMax}, f {FrequencyMin}-{FrequencyMax}, m {MonetaryMin}-{MonetaryMax}"
        );
}

/// <summary>
/// An ordered, editable table of named RFM segments: the first rule that matches wins; customers matching
/// none are <see cref="Other"/> (and counted). <see cref="Default"/> is the widely used 10-segment R×F grid.
/// A custom table is one line of code (<c>new RfmSegmentRules([new("vip", 5, 5, 4, 5), …])</c>) or a small
/// CSV file: <c>name,r_min,r_max,f_min,f_max[,m_min,m_max]</c> with that header.
/// </summary>
public sealed class RfmSegmentRules
{
    /// <summary>The segment of customers that match no rule.</summary>
    public const string Other = "other";

    /// <summary>Header of the CSV form.</summary>
    public const string CsvHeader = "name,r_min,r_max,f_min,f_max,m_min,m_max";

    /// <summary>Creates a table; rules are checked (scores 1–5, min &lt;= max, names non-empty and not
    /// "other").</summary>
    public RfmSegmentRules(IEnumerable<RfmSegmentRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules.ToArray();
        if (Rules.Count == 0)
            throw new OptionsException("rules=0 must be >= 1");
        foreach (var rule in Rules)
            Validate(rule);
    }

    /// <summary>The rules in precedence order.</summary>
    public IReadOnlyList<RfmSegmentRule> Rules { get; }

    /// <summary>
    /// The widely used R×F segment map (the <c>seg_map</c> of the Miuul CRM-analytics course, reproduced in many
    /// public RFM notebooks): on the R and F scores, hibernating [1-2][1-2], at_risk [1-2][3-4], cant_lose [1-2]5,
    /// about_to_sleep 3[1-2], need_attention 33, loyal_customers [3-4][4-5], promising 41, new_customers 51,
    /// potential_loyalists [4-5][2-3], champions 5[4-5]. The ten rules tile the 5×5 grid, so no customer is "other".
    /// </summary>
    public static RfmSegmentRules Default { get; } =
        new([
            new("champions", 5, 5, 4, 5),
            new("loyal_customers", 3, 4, 4, 5),
            new("potential_loyalists", 4, 5, 2, 3),
            new("new_customers", 5, 5, 1, 1),
            new("promising", 4, 4, 1, 1),
            new("need_attention", 3, 3, 3, 3),
            new("about_to_sleep", 3, 3, 1, 2),
            new("at_risk", 1, 2, 3, 4),
            new("cant_lose", 1, 2, 5, 5),
            new("hibernating", 1, 2, 1, 2),
        ]);

    /// <summary>
    /// A segment name as people read it in <paramref name="language"/> (default <see cref="Language.Current"/>): the
    /// resource <c>Rfm_&lt;name&gt;</c> for the segments of <see cref="Default"/> and <see cref="Other"/>
    /// ("loyal customers", "忠诚客户"), a custom rule's name as written. Files (rfm.csv, rfm_segments.csv) keep the
    /// name itself.
    /// </summary>
    public static string Text(string segment, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return (language ?? Language.Current).Find("Rfm_" + segment) ?? segment;
    }

    /// <summary>The name of the first rule matching the scores, or <see cref="Other"/>.</summary>
    public string Assign(int recency, int frequency, int monetary)
    {
        foreach (var rule in Rules)
        {
            if (rule.Matches(recency, frequency, monetary))
                return rule.Name;
        }
        return Other;
    }

    /// <summary>Reads a rule table from CSV text; <paramref name="source"/> names it in error messages.</summary>
    public static RfmSegmentRules Parse(string csv, string source = "rules")
    {
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var header = lines[0].Trim().TrimStart('\uFEFF');
        if (header != CsvHeader && header != CsvHeader[..^",m_min,m_max".Length])
            throw new DataFormatException(
                source,
                "unexpected header",
                1,
                value: header,
                expected: $"'{CsvHeader}' (the m columns are optional)"
            );
        var rules = new List<RfmSegmentRule>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var fields = line.Split(',').Select(f => f.Trim()).ToArray();
            if (fields.Length != 5 && fields.Length != 7)
                throw new DataFormatException(
                    source,
                    "wrong number of fields",
                    i + 1,
                    value: line,
                    expected: "5 or 7 comma-separated fields"
                );
            var scores = new int[6] { 0, 0, 0, 0, 1, 5 };
            for (var j = 1; j < fields.Length; j++)
            {
                if (!int.TryParse(fields[j], NumberStyles.Integer, CultureInfo.InvariantCulture, out scores[j - 1]))
                    throw new DataFormatException(
                        source,
                        "not an integer score",
                        i + 1,
                        CsvHeader.Split(',')[j],
                        fields[j],
                        "an integer from 1 to 5"
                    );
            }
            var rule = new RfmSegmentRule(fields[0], scores[0], scores[1], scores[2], scores[3], scores[4], scores[5]);
            try
            {
                Validate(rule);
            }
            catch (OptionsException e)
            {
                throw new DataFormatException(source, e.Message, i + 1);
            }
            rules.Add(rule);
        }
        if (rules.Count == 0)
            throw new DataFormatException(source, "no rule", expected: "at least one line after the header");
        return new RfmSegmentRules(rules);
    }

    /// <summary>Reads a rule table from a CSV file.</summary>
    public static RfmSegmentRules Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>The table as CSV (with the m columns), "\n" line ends.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder(CsvHeader).Append('\n');
        foreach (var r in Rules)
        {
            text.Append(
                    CultureInfo.InvariantCulture,
                    $"{r.Name},{r.RecencyMin},{r.RecencyMax},{r.FrequencyMin},{r.FrequencyMax},{r.MonetaryMin},"
                )
                .Append(CultureInfo.InvariantCulture, $"{r.MonetaryMax}\n");
        }
        return text.ToString();
    }

    private static void Validate(RfmSegmentRule rule)
    {
        if (string.IsNullOrWhiteSpace(rule.Name))
            throw new OptionsException("rule name must not be empty");
        if (rule.Name == Other)
            throw new OptionsException($"rule name '{Other}' is reserved for customers matching no rule");
        if (rule.Name.Contains(',', StringComparison.Ordinal))
            throw new OptionsException($"rule name '{rule.Name}' must not contain a comma");
        Check(rule, "r", rule.RecencyMin, rule.RecencyMax);
        Check(rule, "f", rule.FrequencyMin, rule.FrequencyMax);
        Check(rule, "m", rule.MonetaryMin, rule.MonetaryMax);
    }

    private static void Check(RfmSegmentRule rule, string dimension, int min, int max)
    {
        if (min < 1 || max > RfmScores.Levels)
            throw new OptionsException(
                FormattableString.Invariant(
                    $"rule '{rule.Name}': {dimension}_min={min}, {dimension}_max={max} must be within "
                ) + FormattableString.Invariant($"1-{RfmScores.Levels}")
            );
        if (min > max)
            throw new OptionsException(
                FormattableString.Invariant(
                    $"rule '{rule.Name}': {dimension}_min={min} must be <= {dimension}_max={max}"
                )
            );
    }
}
