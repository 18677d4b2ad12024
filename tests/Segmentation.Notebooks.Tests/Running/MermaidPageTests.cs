using Segmentation.Notebooks.Running;
using Segmentation.Testing;

namespace Segmentation.Notebooks.Tests.Running;

[Collection(SerialCollection.Name)]
public sealed class MermaidPageTests
{
    [Fact]
    public async Task A_mermaid_cell_draws_an_svg_in_the_exported_page_with_no_network()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.File("diagram.dib"), "#!mermaid\n\ngraph TD\n  A[Customers] --> B[Segments]\n");

        await NotebookBatch.RunAsync([temp.File("diagram.dib")], temp.File("out"));
        var page = HeadlessBrowser.Render(temp.File("out/diagram.html"));

        Assert.Empty(page.ScriptErrors);
        var diagram = System.Text.RegularExpressions.Regex.Match(
            page.Dom,
            "<pre class=\"mermaid\" id=\"nb-diagram-diagram-1\"[^>]*>(.*?)</pre>",
            System.Text.RegularExpressions.RegexOptions.Singleline
        );
        Assert.True(diagram.Success, "no diagram element in the page");
        Assert.Contains("<svg", diagram.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("Segments", diagram.Groups[1].Value, StringComparison.Ordinal);
    }
}
