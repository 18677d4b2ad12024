using System.CommandLine;
using System.Globalization;
using System.Text.Json;

namespace Segmentation.Cli;

/// <summary>
/// The run file of <c>--config FILE</c>: a JSON object whose keys are the command's option names without the dashes
/// (the same keys as the <c>configuration</c> of <c>run.json</c>, so a run can be repeated from its own record).
/// Values: a string or number, true for a flag, an array for a repeatable option, an object of role → column for a map
/// (<c>"map": {"customer_id": "会员ID"}</c>), and for <c>features</c> an array of names or of
/// <c>{"name", "transforms", "weight"}</c> objects; a whole <c>run.json</c> is read through its <c>configuration</c>.
/// Options given on the command line override the file; keys holding a dot (run.json's resolved details such as
/// <c>mapping.transactions</c>) are read as records, not options. The file becomes command-line tokens before parsing,
/// so every option is validated exactly as when typed.
/// </summary>
internal static class RunConfig
{
    /// <summary>The option that names the run file.</summary>
    public const string Option = "--config";

    /// <summary>Returns <paramref name="args"/> with the run file's options added (those the command line does not
    /// give).</summary>
    public static string[] Expand(RootCommand root, string[] args)
    {
        var at = Array.IndexOf(args, Option);
        if (at < 0)
            return args;
        if (at + 1 >= args.Length)
            throw new OptionsException($"{Option} must name a JSON run file");
        var path = args[at + 1];
        var command = args.Length > 0 ? root.Subcommands.FirstOrDefault(c => c.Name == args[0]) : null;
        if (command is null)
            throw new OptionsException($"{Option} must follow a command, e.g. seg segment {Option} {path}");
        if (!File.Exists(path))
            throw new OptionsException($"{path}: run file not found");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new OptionsException($"{path}: not valid JSON ({e.Message.Split('\n')[0]})");
        }
        using var owned = document;
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new OptionsException($"{path}: a run file is a JSON object of option names and values");

        // A run.json written by a command is a run file too: its configuration section holds the options.
        var options =
            document.RootElement.TryGetProperty("configuration", out var recorded)
            && recorded.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("command", out _)
                ? recorded
                : document.RootElement;
        var given = args.Where(a => a.StartsWith("--", StringComparison.Ordinal))
            .Select(a => a.Split('=')[0])
            .ToHashSet(StringComparer.Ordinal);
        var tokens = args.Take(at).Concat(args.Skip(at + 2)).ToList();
        var known = command
            .Options.Where(o => o.Name != Option)
            .ToDictionary(o => o.Name.TrimStart('-'), StringComparer.Ordinal);
        foreach (var property in options.EnumerateObject())
        {
            if (property.Name.Contains('.', StringComparison.Ordinal))
                continue;
            if (!known.TryGetValue(property.Name, out var option))
                throw new OptionsException(
                    $"{path}: '{property.Name}' is no option of seg {command.Name}; options: "
                        + $"{string.Join(", ", known.Keys.Order(StringComparer.Ordinal))}"
                );
            if (given.Contains(option.Name) || option.Aliases.Any(given.Contains))
                continue;
            tokens.AddRange(Tokens(path, option.Name, property.Name, property.Value));
        }
        return [.. tokens];
    }

    private static IEnumerable<string> Tokens(string path, string option, string key, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.False:
                yield break;
            case JsonValueKind.True:
                yield return option;
                yield break;
            case JsonValueKind.String:
                yield return option;
                yield return value.GetString()!;
                yield break;
            case JsonValueKind.Number:
                yield return option;
                yield return value.GetRawText();
                yield break;
            case JsonValueKind.Object:
                yield return option;
                yield return string.Join(
                    ",",
                    value.EnumerateObject().Select(p => p.Name + "=" + Text(path, key, p.Value))
                );
                yield break;
            case JsonValueKind.Array when key == "features":
                yield return option;
                yield return string.Join(
                    ",",
                    value
                        .EnumerateArray()
                        .Select(f =>
                            f.ValueKind == JsonValueKind.Object ? FeatureSpecText.FromJson(path, f) : Text(path, key, f)
                        )
                );
                yield break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    yield return option;
                    yield return Text(path, key, item);
                }
                yield break;
            default:
                throw new OptionsException($"{path}: '{key}' has an unsupported value {value.GetRawText()}");
        }
    }

    private static string Text(string path, string key, JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw new OptionsException(
                $"{path}: '{key}' must hold strings or numbers, found {value.GetRawText()}"
            ),
        };
}

/// <summary>
/// A clustering feature as <c>--features</c> writes it: <c>name[:transform+transform][*weight]</c>, for example
/// <c>monetary:log1p+zscore*2</c>. Transforms: log1p, zscore, robust, minmax, clip (1st to 99th percentile).
/// </summary>
internal static class FeatureSpecText
{
    private static readonly Dictionary<string, Segmenting.TransformStep> Steps = new(StringComparer.Ordinal)
    {
        ["log1p"] = Segmenting.TransformStep.Log1p,
        ["zscore"] = Segmenting.TransformStep.ZScore,
        ["robust"] = Segmenting.TransformStep.RobustScale,
        ["minmax"] = Segmenting.TransformStep.MinMax,
        ["clip"] = Segmenting.TransformStep.Clip(),
    };

    /// <summary>The names and, for entries that say how to encode them, the column specifications.</summary>
    public static (IReadOnlyList<string> Names, IReadOnlyList<Segmenting.ColumnSpec> Specs) Parse(string text)
    {
        var names = new List<string>();
        var specs = new List<Segmenting.ColumnSpec>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var rest = entry;
            double? weight = null;
            var star = rest.LastIndexOf('*');
            if (star >= 0)
            {
                if (
                    !double.TryParse(rest[(star + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
                    || !(w > 0)
                )
                    throw new OptionsException(
                        $"--features: weight '{rest[(star + 1)..]}' of '{entry}' must be a number > 0"
                    );
                weight = w;
                rest = rest[..star];
            }
            string[]? transforms = null;
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                transforms = rest[(colon + 1)..]
                    .Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                rest = rest[..colon];
            }
            names.Add(rest);
            if (transforms is null && weight is null)
                continue;
            var steps = (transforms ?? ["zscore"])
                .Select(t =>
                    Steps.TryGetValue(t, out var step)
                        ? step
                        : throw new OptionsException(
                            $"--features: transform '{t}' of '{entry}' must be one of {string.Join(", ", Steps.Keys)}"
                        )
                )
                .ToArray();
            specs.Add(
                Segmenting.ColumnSpec.Numeric(rest, steps) with
                {
                    Weight = weight ?? 1,
                    Missing = Segmenting.MissingValues.ImputeMedian,
                }
            );
        }
        return (names, specs);
    }

    /// <summary>The text of a run file's <c>{"name", "transforms", "weight"}</c> object.</summary>
    public static string FromJson(string path, JsonElement feature)
    {
        if (!feature.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            throw new OptionsException(
                $"{path}: every object in 'features' needs a \"name\"; found {feature.GetRawText()}"
            );
        var text = name.GetString()!;
        if (feature.TryGetProperty("transforms", out var transforms) && transforms.ValueKind == JsonValueKind.Array)
            text += ":" + string.Join("+", transforms.EnumerateArray().Select(t => t.GetString()));
        if (feature.TryGetProperty("weight", out var weight) && weight.ValueKind == JsonValueKind.Number)
            text += "*" + weight.GetRawText();
        return text;
    }
}
