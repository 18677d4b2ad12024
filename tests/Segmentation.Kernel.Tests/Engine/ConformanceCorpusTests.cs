using Segmentation.Kernel.Engine;
using Segmentation.Notebooks.Documents;
using Segmentation.Testing;

namespace Segmentation.Kernel.Tests.Engine;

/// <summary>
/// The conformance corpus (<c>conformance/</c>, notebooks in .NET Interactive's dialect, one behaviour each) runs under
/// the workspace's kernel engine as Jupyter sends it: each code cell's text only. A cell fails exactly when it is
/// tagged <c>raises-exception</c>. (Comparing with dotnet-interactive is the conformance harness's job.)
/// </summary>
public sealed class ConformanceCorpusTests
{
    public static TheoryData<string> Notebooks() =>
        new(TestPaths.NotebookNames(Path.Combine(AppContext.BaseDirectory, "conformance")));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Every_corpus_notebook_runs_cell_by_cell_and_fails_only_where_tagged(string name)
    {
        var notebook = Notebook.Load(Path.Combine(AppContext.BaseDirectory, "conformance", name));
        using var engine = new NotebookEngine(
            new Segmentation.Notebooks.Execution.NotebookSessionOptions { BaseDirectory = Path.GetTempPath() }
        );
        var sink = new CollectingSink();

        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            Assert.Empty(cell.Outputs);
            Assert.Null(cell.ExecutionCount);
            var outcome = await engine.ExecuteAsync(cell.Source, sink, CancellationToken.None);
            var expectsError =
                cell.Metadata["tags"]?.AsArray().Any(t => t!.GetValue<string>() == "raises-exception") == true;
            Assert.True(
                expectsError == (outcome.Error is not null),
                $"{name}: `{cell.FirstLine}`: {outcome.Error?.Value ?? "no error"}"
            );
        }
    }

    private sealed class CollectingSink : IOutputSink
    {
        public void WriteStream(string name, string text) { }

        public void Display(MimeBundle bundle, string? displayId) { }

        public void UpdateDisplay(MimeBundle bundle, string displayId) { }

        public string ReadLine(string prompt, bool password) =>
            throw new InvalidOperationException("the corpus asks for no input");
    }
}
