using Segmentation.Features;
using Segmentation.Notebooks.Display;
using Segmentation.Profiling;
using Segmentation.Validation;

namespace Segmentation.Notebooks.Tests.Display;

public sealed class ResultViewsTests
{
    public ResultViewsTests() => Formatters.RegisterDefaults();

    [Fact]
    public void Library_results_display_as_tables_with_a_short_plain_text()
    {
        var x = FeatureMatrix.FromRows(["f"], [[1.0], [2.0], [3.0], [10.0], [11.0], [12.0]]);
        var holdout = Holdout.Evaluate(["a", "a", "a", "b", "b", "b"], [1, 2, 3, 10, 11, 12]);
        var differences = SegmentDifferences.Evaluate(x, [0, 0, 0, 1, 1, 1]);

        var holdoutBundle = MimeBundles.Create(holdout);
        Assert.Contains("<table>", holdoutBundle["text/html"], StringComparison.Ordinal);
        Assert.Contains("<td>a</td><td>3</td><td>2</td>", holdoutBundle["text/html"], StringComparison.Ordinal);
        Assert.StartsWith("HoldoutResult: η² = ", holdoutBundle["text/plain"], StringComparison.Ordinal);
        Assert.Contains("<td>f</td>", MimeBundles.Create(differences)["text/html"], StringComparison.Ordinal);
    }

    [Fact]
    public void Personas_display_as_cards()
    {
        var ids = Enumerable.Range(0, 40).Select(i => $"c{i}").ToArray();
        var segments = ids.Select((_, i) => i < 20 ? "A" : "B").ToArray();
        var table = new FeatureTable(ids).WithNumeric("monetary", ids.Select((_, i) => i < 20 ? 100.0 : 10.0).ToArray());
        var bundle = MimeBundles.Create(Personas.Describe(table, segments));
        Assert.Equal(2, bundle["text/html"].Split("<div class=\"card\">").Length - 1);
        Assert.Equal("PersonaReport: 2 personas of 40 customers", bundle["text/plain"]);
    }
}
