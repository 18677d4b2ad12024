using System.Text.Json;
using Segmentation.Common;
using Segmentation.Common.Text;
using Segmentation.Features;
using Segmentation.Profiling;
using Segmentation.Reports;
using Segmentation.Segmenting.Rules;

namespace Segmentation.Tests.Profiling;

public sealed class PersonasTests
{
    // Fixture: segment A = 20 customers (monetary 100, frequency 10, recency 5, online),
    //          segment B = 20 customers (monetary 10, frequency 2, recency 200, offline),
    //          segment C = 5 customers (monetary 50, frequency 5, recency 50, channel missing).
    private static (FeatureTable Table, string[] Segments) Fixture()
    {
        var ids = new List<string>();
        var monetary = new List<double>();
        var frequency = new List<double>();
        var recency = new List<double>();
        var channel = new List<string?>();
        var segments = new List<string>();
        void Add(string segment, int n, double m, double f, double r, string? c)
        {
            for (var i = 0; i < n; i++)
            {
                ids.Add($"{segment}{i:00}");
                monetary.Add(m);
                frequency.Add(f);
                recency.Add(r);
                channel.Add(c);
                segments.Add(segment);
            }
        }
        Add("A", 20, 100, 10, 5, "online");
        Add("B", 20, 10, 2, 200, "offline");
        Add("C", 5, 50, 5, 50, null);
        var table = new FeatureTable(ids)
            .WithNumeric("monetary", monetary)
            .WithNumeric("frequency", frequency)
            .WithNumeric("recency_days", recency)
            .WithCategorical("channel_preference", channel);
        return (table, segments.ToArray());
    }

    [Fact]
    public void Shares_contrasts_and_tiers_match_hand_computation()
    {
        var (table, segments) = Fixture();
        var report = Personas.Describe(table, segments);

        // C has 5 < 10 customers; merged alone it is still < 10, so it is suppressed.
        Assert.Equal(["A", "B"], report.Personas.Select(p => p.Segment));
        var a = report.Personas[0];
        var b = report.Personas[1];
        // Revenue: A 2000, B 200, C 250 → total 2450. Shares: A 20/45 customers, 2000/2450 revenue.
        Assert.Equal(2450, report.Revenue!.Value, 9);
        Assert.Equal(20.0 / 45, a.CustomerShare, 12);
        Assert.Equal(2000.0 / 2450, a.RevenueShare!.Value, 12);
        // Contribution A = 0.8163/0.4444 = 1.84 >= 1.5 → high-value; B = 0.18
        // < 1 and recency above the mean → low-value.
        Assert.Equal(ValueTier.HighValue, a.Tier);
        Assert.Equal(ValueTier.LowValue, b.Tier);
        // Monetary over all 45: mean 2450/45 = 54.444; sample sd = sqrt(81111.1/44) = 42.936.
        var m = a.Features.Single(f => f.Feature == "monetary");
        Assert.Equal(100, m.Mean, 12);
        Assert.Equal(100, m.Median, 12);
        Assert.Equal(2450.0 / 45, m.OverallMean, 9);
        // Sorted: 20 × 10, 5 × 50, 20 × 100 → the 23rd of 45 values is 50.
        Assert.Equal(50, m.OverallMedian, 12);
        var overallSd = Math.Sqrt(
            (
                20 * Math.Pow(100 - 2450.0 / 45, 2)
                + 20 * Math.Pow(10 - 2450.0 / 45, 2)
                + 5 * Math.Pow(50 - 2450.0 / 45, 2)
            ) / 44
        );
        Assert.Equal((100 - 2450.0 / 45) / overallSd, m.StandardizedDifference, 9);
        Assert.Equal(100 / (2450.0 / 45), m.Lift!.Value, 9);
        // Channel: A is all online; overall 20/45 online → lift 2.25.
        var online = Assert.Single(a.OverRepresented);
        Assert.Equal(
            ("channel_preference", "online", 1.0, 20.0 / 45, 2.25),
            (online.Feature, online.Category, online.Share, online.OverallShare, online.Lift)
        );
        Assert.Contains("5 customers", report.PrivacyNote, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_come_from_the_most_distinctive_traits_and_strategies_from_the_playbook()
    {
        var (table, segments) = Fixture();
        var report = Personas.Describe(table, segments);
        // |std diff| for A: frequency 1.076 > monetary 1.061 > recency 0.971 (recency low → "recent"). Two traits
        // before the tier's noun; "high-spending" repeats the stem of "high-value", so "recent" takes its place.
        Assert.Equal("Frequent recent high-value customers", report.Personas[0].Name);
        // For B: recency 1.094 > monetary 1.035 > frequency 1.018; "low-spending" repeats "low-value".
        Assert.Equal("Lapsed occasional low-value customers", report.Personas[1].Name);
        Assert.Contains("Loyalty rewards and member-only promotions", report.Personas[0].Strategies);
        Assert.Contains("Reach them online: app push, e-mail, personalised web pages", report.Personas[0].Strategies);
        Assert.DoesNotContain(report.Personas[0].Strategies, s => s.StartsWith("Win-back", StringComparison.Ordinal));
        Assert.Contains("Coupons and discounts to bring them back", report.Personas[1].Strategies);
        Assert.Contains(report.Personas[1].Strategies, s => s.StartsWith("Win-back", StringComparison.Ordinal));
    }

    [Fact]
    public void No_persona_is_smaller_than_the_minimum_and_every_customer_is_accounted_for()
    {
        var random = new SeededRandom(3);
        const int n = 400;
        var ids = Enumerable.Range(0, n).Select(i => $"c{i}").ToArray();
        var segments = Enumerable
            .Range(0, n)
            .Select(_ => $"s{Math.Min(random.NextInt(40), random.NextInt(40))}")
            .ToArray();
        var table = new FeatureTable(ids).WithNumeric(
            "monetary",
            Enumerable.Range(0, n).Select(_ => random.NextDouble() * 100).ToArray()
        );
        foreach (var k in new[] { 5, 10, 25 })
        {
            var report = Personas.Describe(
                table,
                segments,
                new PersonaOptions { Disclosure = new() { MinimumGroupSize = k } }
            );
            Assert.All(report.Personas, p => Assert.True(p.Customers >= k));
            var shown = report.Personas.Sum(p => p.Customers);
            var small = segments.GroupBy(s => s).Where(g => g.Count() < k).Sum(g => g.Count());
            Assert.Equal(n, shown + (report.Personas.Any(p => p.Segment == "Other (small groups)") ? 0 : small));
        }
    }

    [Fact]
    public void Documents_are_deterministic_and_carry_every_persona()
    {
        var (table, segments) = Fixture();
        var report = Personas.Describe(table, segments);
        var json = PersonaDocuments.ToJson(report);
        Assert.Equal(json, PersonaDocuments.ToJson(Personas.Describe(table, segments)));
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("high-value", doc.RootElement.GetProperty("personas")[0].GetProperty("tier").GetString());
        var md = PersonaDocuments.ToMarkdown(report);
        Assert.Contains("## Frequent recent high-value customers (segment A)", md, StringComparison.Ordinal);
        Assert.Contains("> 1 group(s) with fewer than 10 customers", md, StringComparison.Ordinal);
        var cards = PersonaDocuments.ToHtmlCards(report);
        Assert.Equal(2, cards.Split("<div class=\"card\" data-segment=").Length - 1);
    }

    [Fact]
    public void Personas_and_their_documents_follow_the_flows_language_unless_the_options_name_one()
    {
        var (table, segments) = Fixture();
        var english = Personas.Describe(table, segments);
        var named = Personas.Describe(table, segments, new PersonaOptions { Language = Language.Chinese });
        PersonaReport chinese;
        string markdown,
            cards;
        using (Language.Use(Language.Chinese))
        {
            chinese = Personas.Describe(table, segments);
            markdown = PersonaDocuments.ToMarkdown(chinese);
            cards = PersonaDocuments.ToHtmlCards(chinese);
            Assert.Equal(
                english.Personas.Select(p => p.Name),
                Personas
                    .Describe(table, segments, new PersonaOptions { Language = Language.English })
                    .Personas.Select(p => p.Name)
            );
        }

        Assert.Equal("Frequent recent high-value customers", english.Personas[0].Name);
        Assert.Equal(
            named.Personas.Select(p => (p.Name, p.Description, p.Strategies.Count)),
            chinese.Personas.Select(p => (p.Name, p.Description, p.Strategies.Count))
        );
        Assert.Equal(named.TierRule, chinese.TierRule);
        Assert.Equal(named.PrivacyNote, chinese.PrivacyNote);
        Assert.Matches("[\u4e00-\u9fff]", chinese.Personas[0].Name);
        Assert.StartsWith("# " + Language.Chinese["Personas_Title"], markdown, StringComparison.Ordinal);
        Assert.Contains(Language.Chinese["Card_Who"], cards, StringComparison.Ordinal);
        Assert.DoesNotContain(Language.English["Card_Who"], cards, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_opening_with_a_data_word_is_capitalised_in_english_only()
    {
        // Two groups told apart only by a channel the resources have no word for: the name opens with the data's word.
        var ids = Enumerable.Range(0, 40).Select(i => $"c{i:00}").ToArray();
        var table = new FeatureTable(ids)
            .WithNumeric("age", ids.Select((_, i) => 30.0 + i % 2).ToArray())
            .WithCategorical("preferred_channel", ids.Select((_, i) => i < 20 ? "store" : "web").ToArray());
        var segments = ids.Select((_, i) => i < 20 ? "A" : "B").ToArray();
        var options = new PersonaOptions { RevenueColumn = null };

        Assert.Equal("Store customers", Personas.Describe(table, segments, options).Personas[0].Name);
        Assert.Equal(
            "store的客户",
            Personas.Describe(table, segments, options with { Language = Language.Chinese }).Personas[0].Name
        );
        Assert.Equal("Store customers", Language.English.Capitalized("store customers"));
        Assert.Equal("store的客户", Language.Chinese.Capitalized("store的客户"));
    }

    [Fact]
    public void Recent_small_spenders_are_potential_not_low_value()
    {
        // N: 20 new customers (monetary 5, recency 3) beside the fixture's A and B; contribution 0.08 but recent.
        var ids = Enumerable.Range(0, 60).Select(i => $"c{i}").ToArray();
        var segments = Enumerable
            .Range(0, 60)
            .Select(i =>
                i < 20 ? "A"
                : i < 40 ? "B"
                : "N"
            )
            .ToArray();
        var table = new FeatureTable(ids)
            .WithNumeric(
                "monetary",
                segments
                    .Select(s =>
                        s == "A" ? 100.0
                        : s == "B" ? 10.0
                        : 5.0
                    )
                    .ToArray()
            )
            .WithNumeric(
                "recency_days",
                segments
                    .Select(s =>
                        s == "A" ? 5.0
                        : s == "B" ? 200.0
                        : 3.0
                    )
                    .ToArray()
            );
        var tiers = Personas.Describe(table, segments).Personas.ToDictionary(p => p.Segment, p => p.Tier);
        Assert.Equal(ValueTier.HighValue, tiers["A"]);
        Assert.Equal(ValueTier.LowValue, tiers["B"]);
        Assert.Equal(ValueTier.Potential, tiers["N"]);
    }

    [Fact]
    public void Clv_feeds_the_value_tier_as_the_expected_contribution()
    {
        // 20 customers each. Revenue: H 100, F 100, L 10, R 10 (total 4400; H and F 45.5 % of revenue for 25 % of
        // customers: 1.82x). CLV: H 50, F 5, L 2, R 40 (total 1940; H 2.06x, F 0.21x, L 0.08x, R 1.65x).
        var ids = Enumerable.Range(0, 80).Select(i => $"c{i}").ToArray();
        string[] names = ["H", "F", "L", "R"];
        var segments = Enumerable.Range(0, 80).Select(i => names[i / 20]).ToArray();
        double Of(string s, double h, double f, double l, double r) =>
            s switch
            {
                "H" => h,
                "F" => f,
                "L" => l,
                _ => r,
            };
        var table = new FeatureTable(ids)
            .WithNumeric("monetary", segments.Select(s => Of(s, 100, 100, 10, 10)).ToArray())
            .WithNumeric("recency_days", segments.Select(s => Of(s, 5, 5, 200, 200)).ToArray())
            .WithNumeric("clv", segments.Select(s => Of(s, 50, 5, 2, 40)).ToArray());

        var report = Personas.Describe(table, segments);

        var personas = report.Personas.ToDictionary(p => p.Segment);
        Assert.Equal(ValueTier.HighValue, personas["H"].Tier); // brought value and expected to keep bringing it
        // high past value, fading: recent alone would have made it high-value
        Assert.Equal(ValueTier.Potential, personas["F"].Tier);
        Assert.Equal(ValueTier.LowValue, personas["L"].Tier); // both below their share
        // lapsing by recency, but the models expect value to come
        Assert.Equal(ValueTier.Potential, personas["R"].Tier);
        Assert.Equal(1000.0 / 1940, personas["H"].ClvShare!.Value, 12);
        Assert.Contains("CLV share / customer share >= 1", report.TierRule, StringComparison.Ordinal);
        Assert.Contains(
            "expected to bring 51.5% of future value (CLV)",
            personas["H"].Description,
            StringComparison.Ordinal
        );

        // Without the CLV column the same segments are tiered on revenue and recency alone.
        var without = Personas.Describe(
            new FeatureTable(ids)
                .WithNumeric("monetary", table.Numeric("monetary").ToArray())
                .WithNumeric("recency_days", table.Numeric("recency_days").ToArray()),
            segments
        );
        var tiers = without.Personas.ToDictionary(p => p.Segment, p => p.Tier);
        Assert.Equal(
            [ValueTier.HighValue, ValueTier.HighValue, ValueTier.LowValue, ValueTier.LowValue],
            names.Select(n => tiers[n])
        );
        Assert.All(without.Personas, p => Assert.Null(p.ClvShare));
    }

    [Fact]
    public void Mismatched_inputs_and_missing_revenue_are_refused_clearly()
    {
        var (table, segments) = Fixture();
        Assert.Equal(
            "segments=3 must equal rows=45",
            Assert.Throws<OptionsException>(() => Personas.Describe(table, ["a", "b", "c"])).Message
        );
        var e = Assert.Throws<OptionsException>(() =>
            Personas.Describe(table, segments, new PersonaOptions { RevenueColumn = "revenue" })
        );
        Assert.StartsWith("revenue column 'revenue' not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_revenue_column_personas_have_no_revenue_share_and_no_value_tier()
    {
        var (table, segments) = Fixture();

        var report = Personas.Describe(table, segments, new PersonaOptions { RevenueColumn = null });

        Assert.Null(report.Revenue);
        Assert.All(report.Personas, p => Assert.Null(p.RevenueShare));
        Assert.All(report.Personas, p => Assert.Equal(ValueTier.NotAssessed, p.Tier));
        Assert.All(report.Personas, p => Assert.DoesNotContain("revenue", p.Description, StringComparison.Ordinal));
        Assert.Equal(45, report.Customers);
    }
}

public sealed class StrategyPlaybookTests
{
    [Fact]
    public void Default_playbook_covers_every_tier_from_the_domain_guide()
    {
        foreach (var tier in Enum.GetValues<ValueTier>().Where(t => t != ValueTier.NotAssessed))
            Assert.True(StrategyPlaybook.Default.ActionsFor(tier, []).Count >= 3, tier.ToString());
    }

    [Fact]
    public void An_edited_playbook_is_one_small_file()
    {
        var book = StrategyPlaybook.Parse(
            """{"rules":[{"when":"tier:potential","actions":["Call """
                + """them"]},{"when":"high:spend","actions":["Thank """
                + """them"]}],"vocabulary":{"spend":["big","small"]}}""",
            "mine.json"
        );
        Assert.Equal(["Call them", "Thank them"], book.ActionsFor(ValueTier.Potential, ["high:spend"]));
        Assert.Equal("big", book.Word("spend", high: true));
        Assert.Equal("low other thing", book.Word("other_thing", high: false));
    }

    [Fact]
    public void A_bad_condition_names_the_file_and_rule()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            StrategyPlaybook.Parse("""{"rules":[{"when":"sometimes","actions":[]}]}""", "mine.json")
        );
        Assert.StartsWith("mine.json: rule 1 has condition 'sometimes'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tier:high-value", "高价值客户", "tier:high-value")]
    [InlineData("high:return_rate", "退货率高", "high: return rate")]
    [InlineData("low:tenure_days", "首次购买至今天数低", "low: days since first purchase")]
    [InlineData("category:channel_preference=online", "渠道偏好为线上", "category: preferred channel = online")]
    public void Playbook_conditions_read_in_the_language(string when, string chinese, string english)
    {
        Assert.Equal(chinese, StrategyPlaybook.ConditionText(when, Language.Chinese));
        Assert.Equal(english, StrategyPlaybook.ConditionText(when, Language.English));
    }
}
