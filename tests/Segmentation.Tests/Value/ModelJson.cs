using System.Text.Json;

namespace Segmentation.Tests.Value;

/// <summary>How the CLV model tests check a model's JSON form.</summary>
internal static class ModelJson
{
    /// <summary>Asserts that <paramref name="model"/> serialises with each of <paramref name="names"/> as a property
    /// name and deserialises to an equal model.</summary>
    public static void AssertRoundTripsWithNames<T>(T model, params string[] names)
    {
        var json = JsonSerializer.Serialize(model);

        Assert.Equal(model, JsonSerializer.Deserialize<T>(json));
        foreach (var name in names)
            Assert.Contains($"\"{name}\":", json, StringComparison.Ordinal);
    }
}
