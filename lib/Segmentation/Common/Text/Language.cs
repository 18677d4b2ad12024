using System.Collections.Frozen;
using System.Globalization;
using System.Resources;

namespace Segmentation.Common.Text;

/// <summary>
/// A language the workspace writes for people: its resource set (every sentence, label and chart title, by key) and
/// how numbers, percentages and dates read in it. Both resource sets are embedded in the library as neutral resources
/// (no satellite assemblies, no dependence on the machine's culture data), so the same input gives the same bytes on
/// every machine. Files meant for machines (CSV, JSON keys) stay invariant; this type is for text people read.
/// </summary>
public sealed class Language
{
    private readonly ResourceManager resources;
    private readonly Lazy<FrozenSet<string>> keys;
    private readonly bool capitalizes;

    private Language(string code, string resourceName, string displayName, bool capitalizes)
    {
        Code = code;
        this.capitalizes = capitalizes;
        DisplayName = displayName;
        resources = new ResourceManager("Segmentation.Common.Text." + resourceName, typeof(Language).Assembly);
        var format = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        format.NumberFormat.PercentPositivePattern = 1; // 21.1%
        format.NumberFormat.PercentNegativePattern = 1; // -21.1%
        Formats = CultureInfo.ReadOnly(format);
        keys = new(() =>
            (
                resources.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)
                ?? throw new InvalidOperationException($"resource set {resourceName} missing from the library")
            )
                .Cast<System.Collections.DictionaryEntry>()
                .Select(e => (string)e.Key)
                .ToFrozenSet(StringComparer.Ordinal)
        );
    }

    /// <summary>English (the default).</summary>
    public static Language English { get; } = new("en", "Strings", "English", capitalizes: true);

    /// <summary>Simplified Chinese, with the domain's own vocabulary (客户细分, 高价值客户, 客户画像 …).</summary>
    public static Language Chinese { get; } = new("zh-CN", "Strings.zh-CN", "中文", capitalizes: false);

    private static readonly AsyncLocal<Language?> CurrentLanguage = new();

    /// <summary>
    /// The language of the current flow of execution (a notebook session's cells, a kernel's): what chart and table
    /// helpers write in when no language is given. English unless a caller opened a <see cref="Use"/> scope; the
    /// setting follows async calls and threads started from it, never other flows, so the process is unaffected.
    /// </summary>
    public static Language Current => CurrentLanguage.Value ?? English;

    /// <summary>
    /// Makes <paramref name="language"/> <see cref="Current"/> for this flow of execution until the scope is disposed
    /// (then the previous one is back). A notebook session opens one per cell.
    /// </summary>
    public static IDisposable Use(Language language)
    {
        ArgumentNullException.ThrowIfNull(language);
        var scope = new Scope(CurrentLanguage.Value);
        CurrentLanguage.Value = language;
        return scope;
    }

    /// <summary>Every language, English first.</summary>
    public static IReadOnlyList<Language> All { get; } = [English, Chinese];

    /// <summary>The code used on the command line, in run files and in the <c>lang</c> attribute of pages ("en",
    /// "zh-CN").</summary>
    public string Code { get; }

    /// <summary>The language's name in itself ("English", "中文").</summary>
    public string DisplayName { get; }

    /// <summary>Number formats: "," groups thousands, "." marks decimals and a percent sign follows the number
    /// directly.</summary>
    public IFormatProvider Formats { get; }

    /// <summary>Every key of this language's resource set.</summary>
    public IReadOnlySet<string> Keys => keys.Value;

    /// <summary>The language with the code <paramref name="code"/> ("en" or "zh-CN", any case).</summary>
    public static Language Parse(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return All.FirstOrDefault(l => string.Equals(l.Code, code.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new OptionsException($"lang={code} must be one of {string.Join(", ", All.Select(l => l.Code))}");
    }

    /// <summary>The text of <paramref name="key"/>; throws when this language has no text for it.</summary>
    public string this[string key] =>
        Find(key) ?? throw new KeyNotFoundException($"resource '{key}' has no text in language {Code}");

    /// <summary>The text of <paramref name="key"/>, or null when this language has none.</summary>
    public string? Find(string key) => resources.GetString(key, CultureInfo.InvariantCulture);

    /// <summary>The text of <paramref name="key"/> with its {0}, {1} … placeholders filled, numbers in this language's
    /// formats.</summary>
    public string Format(string key, params object?[] arguments) => string.Format(Formats, this[key], arguments);

    /// <summary>A whole number with thousands grouped ("2,996").</summary>
    public string Count(long value) => value.ToString("N0", Formats);

    /// <summary>A share as a percentage ("21.1%").</summary>
    public string Percent(double share, int decimals = 1) =>
        share.ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), Formats);

    /// <summary>A number to at most <paramref name="decimals"/> decimals ("0.123").</summary>
    public string Number(double value, int decimals = 3) => value.ToString("#,0." + new string('#', decimals), Formats);

    /// <summary>A date as the language writes it ("9 December 2011", "2011年12月9日").</summary>
    public string Date(DateOnly date) => date.ToString(this["Format_Date"], CultureInfo.InvariantCulture);

    /// <summary>A list joined the way the language joins lists (", " or "、").</summary>
    public string List(IEnumerable<string> items) => string.Join(this["Format_ListSeparator"], items);

    /// <summary>
    /// <paramref name="text"/> as a name starts in this language: English capitalises its first letter ("Store
    /// customers"); Chinese has no capitals, so a data word opening a name ("store的客户") stays as the data spell it.
    /// </summary>
    public string Capitalized(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return capitalizes && text.Length > 0 ? char.ToUpperInvariant(text[0]) + text[1..] : text;
    }

    /// <inheritdoc />
    public override string ToString() => Code;

    private sealed class Scope(Language? previous) : IDisposable
    {
        public void Dispose() => CurrentLanguage.Value = previous;
    }
}
