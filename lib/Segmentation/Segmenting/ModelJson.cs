using System.Text.Json;
using System.Text.Json.Serialization;

namespace Segmentation.Segmenting;

/// <summary>The one place that reads and writes fitted models and transforms as JSON (System.Text.Json).</summary>
internal static class ModelJson
{
    /// <summary>The value of the <c>format</c> field of every model file.</summary>
    public const string Format = "segmentation-model/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                ?? throw new DataFormatException(source, "the JSON document is null");
        }
        catch (JsonException e)
        {
            throw new DataFormatException(source, $"not a valid {typeof(T).Name} document: {e.Message}");
        }
    }

    /// <summary>Reads a model document and checks its format and method before returning it.</summary>
    public static TDocument DeserializeModel<TDocument>(string json, string source, string expectedMethod)
        where TDocument : IModelDocument
    {
        var document = ReadHeader<TDocument>(json, source);
        Expect(source, "method", document.Method, expectedMethod, "the file holds another kind of model");
        return document;
    }

    /// <summary>Reads a model of any method: the <c>method</c> field names the model type that reads the
    /// rest.</summary>
    public static ISegmentationModel ReadAny(string json, string source)
    {
        var header = ReadHeader<ModelHeader>(json, source);
        return header.Method switch
        {
            KMeansModel.MethodName => KMeansModel.FromJson(json, source),
            KPrototypesModel.MethodName => KPrototypesModel.FromJson(json, source),
            GaussianMixtureModel.MethodName => GaussianMixtureModel.FromJson(json, source),
            _ => throw new DataFormatException(
                source,
                "unknown kind of model",
                column: "method",
                value: header.Method,
                expected: string.Join(
                    ", ",
                    KMeansModel.MethodName,
                    KPrototypesModel.MethodName,
                    GaussianMixtureModel.MethodName
                )
            ),
        };
    }

    /// <summary>Reads a model document and checks its <c>format</c> field.</summary>
    private static TDocument ReadHeader<TDocument>(string json, string source)
        where TDocument : IModelDocument
    {
        var document = Deserialize<TDocument>(json, source);
        Expect(source, "format", document.Format, Format, "unknown model format");
        return document;
    }

    /// <summary>Throws <see cref="DataFormatException"/> naming the <paramref name="field"/> when its
    /// <paramref name="value"/> is not the <paramref name="expected"/> one.</summary>
    private static void Expect(string source, string field, string value, string expected, string problem)
    {
        if (value != expected)
            throw new DataFormatException(source, problem, column: field, value: value, expected: expected);
    }

    public static void Save(string path, string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        // Written beside the target and renamed over it: a reader (another notebook, `seg score`) sees the old file or
        // the new one, never a half-written one.
        var temporary = Path.Combine(
            Path.GetDirectoryName(Path.GetFullPath(path))!,
            $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp"
        );
        File.WriteAllText(temporary, json + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    public static string Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new DataFormatException(path, "model file not found");
        return File.ReadAllText(path);
    }
}

/// <summary>The two fields every saved model starts with, read first to find the model's type.</summary>
internal sealed record ModelHeader(string Format, string Method) : IModelDocument;

/// <summary>The fields every saved model starts with.</summary>
internal interface IModelDocument
{
    string Format { get; }
    string Method { get; }
}
