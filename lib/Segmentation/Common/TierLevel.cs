using System.Text.Json.Serialization;
using Segmentation.Common.Text;

namespace Segmentation.Common;

/// <summary>
/// One of three ordered levels of a numeric variable: a behaviour tier (<c>Features.TierCuts</c>), a CLV tier
/// (<c>Value.ClvTiers</c>), an income band. One type for every low / medium / high split.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TierLevel>))]
public enum TierLevel
{
    /// <summary>The lowest third (or below the low cut point).</summary>
    Low,

    /// <summary>Between the two cut points.</summary>
    Medium,

    /// <summary>The highest third (or above the high cut point).</summary>
    High,
}

/// <summary>The names of a <see cref="TierLevel"/>: one machine name for files, one text per language for
/// people.</summary>
public static class TierLevels
{
    /// <summary>"low", "medium" or "high": the machine name written in CSV files and feature values, never
    /// translated.</summary>
    public static string Name(TierLevel level) =>
        level switch
        {
            TierLevel.Low => "low",
            TierLevel.Medium => "medium",
            TierLevel.High => "high",
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, "unknown tier level"),
        };

    /// <summary>The level as people read it in <paramref name="language"/> (default <see cref="Language.Current"/>):
    /// "low", "低" ….</summary>
    public static string Text(TierLevel level, Language? language = null)
    {
        if (!Enum.IsDefined(level))
            throw new ArgumentOutOfRangeException(nameof(level), level, "unknown tier level");
        return (language ?? Language.Current)["TierLevel_" + level];
    }

    /// <summary>
    /// The text of a level given by its machine name (a feature value such as "high"); any other value ("unknown",
    /// "missing") is returned as written.
    /// </summary>
    public static string Text(string name, Language? language = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var level in Enum.GetValues<TierLevel>())
        {
            if (Name(level) == name)
                return Text(level, language);
        }
        return name;
    }
}
