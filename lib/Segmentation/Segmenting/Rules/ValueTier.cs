using Segmentation.Common.Text;

namespace Segmentation.Segmenting.Rules;

/// <summary>
/// The value tier (domain guide §2–3), one type for a customer (<see cref="CustomerValueTiers"/>) and for a segment
/// (a persona's tier): high-value, potential or low-value, and not assessed when the data hold no value at all.
/// </summary>
public enum ValueTier
{
    /// <summary>Contributes clearly more than its share: high contribution, steady buying, recent.</summary>
    HighValue,

    /// <summary>Neither high-value nor low-value: room to grow.</summary>
    Potential,

    /// <summary>Contributes clearly less and is drifting away.</summary>
    LowValue,

    /// <summary>No value data (a segmentation of attributes or survey answers alone): the tier is not
    /// assessed.</summary>
    NotAssessed,
}

/// <summary>
/// The one machine name of each <see cref="ValueTier"/>, as written in files and playbook conditions, and its text for
/// people in each language.
/// </summary>
public static class ValueTierNames
{
    /// <summary>"high-value", "potential", "low-value" or "not assessed".</summary>
    public static string Of(ValueTier tier) =>
        tier switch
        {
            ValueTier.HighValue => "high-value",
            ValueTier.Potential => "potential",
            ValueTier.LowValue => "low-value",
            ValueTier.NotAssessed => "not assessed",
            _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "unknown value tier"),
        };

    /// <summary>
    /// The tier as people read it in <paramref name="language"/> (default <see cref="Language.Current"/>):
    /// "high-value", "高价值客户" …; files keep <see cref="Of"/>.
    /// </summary>
    public static string Text(ValueTier tier, Language? language = null)
    {
        if (!Enum.IsDefined(tier))
            throw new ArgumentOutOfRangeException(nameof(tier), tier, "unknown value tier");
        return (language ?? Language.Current)["Tier_" + tier];
    }
}
