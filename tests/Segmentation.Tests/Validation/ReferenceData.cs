using System.Globalization;
using System.Runtime.CompilerServices;
using Segmentation.Features;

namespace Segmentation.Tests.Validation;

/// <summary>
/// The fixed data set and the values scikit-learn and SciPy computed on it (see reference/README.md).
/// Files are found next to this source file.
/// </summary>
internal static class ReferenceData
{
    private static readonly Lazy<(FeatureMatrix X, Dictionary<string, int[]> Labels)> Data = new(LoadDataset);
    private static readonly Lazy<Dictionary<(string Metric, string Labels), double>> Values = new(LoadValues);

    public static FeatureMatrix X => Data.Value.X;

    /// <summary>"truth", "predicted" or "singleton".</summary>
    public static int[] Labels(string name) => Data.Value.Labels[name];

    public static double Value(string metric, string labels) => Values.Value[(metric, labels)];

    private static string Folder([CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "reference");

    private static (FeatureMatrix, Dictionary<string, int[]>) LoadDataset()
    {
        var lines = File.ReadAllLines(Path.Combine(Folder(), "dataset.csv"));
        var header = lines[0].Split(',');
        var rows = new List<double[]>();
        var labels = new Dictionary<string, List<int>>
        {
            ["truth"] = [],
            ["predicted"] = [],
            ["singleton"] = [],
        };
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(',');
            rows.Add(fields.Take(4).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
            for (var c = 4; c < header.Length; c++)
                labels[header[c]].Add(int.Parse(fields[c], CultureInfo.InvariantCulture));
        }
        return (
            FeatureMatrix.FromRows(header.Take(4).ToArray(), rows),
            labels.ToDictionary(p => p.Key, p => p.Value.ToArray())
        );
    }

    private static Dictionary<(string, string), double> LoadValues() =>
        File.ReadAllLines(Path.Combine(Folder(), "reference_values.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(f => (f[0], f[1]), f => double.Parse(f[2], CultureInfo.InvariantCulture));
}
