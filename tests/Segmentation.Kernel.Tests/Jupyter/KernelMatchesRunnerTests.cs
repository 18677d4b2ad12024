using Segmentation.Notebooks.Documents;
using Segmentation.Notebooks.Running;

namespace Segmentation.Kernel.Tests.Jupyter;

[Collection(JupyterCollection.Name)]
public sealed class KernelMatchesRunnerTests(InstalledKernel kernel)
{
    [Fact]
    public async Task The_kernel_and_the_headless_runner_produce_the_same_outputs_for_the_same_notebook()
    {
        const string notebook = "displays.ipynb";
        var source = Path.Combine(AppContext.BaseDirectory, "notebooks", notebook);
        var viaKernel = Notebook.Load(
            NbconvertTests.Execute(kernel, notebook, $"compare-{Path.GetFileNameWithoutExtension(notebook)}")
        );
        var viaRunner = (await NotebookRunner.RunAsync(source)).Executed;

        var kernelCells = viaKernel.Cells.Where(c => c.IsCode).ToList();
        var runnerCells = viaRunner.Cells.Where(c => c.IsCode).ToList();
        Assert.Equal(runnerCells.Count, kernelCells.Count);
        for (var i = 0; i < runnerCells.Count; i++)
        {
            Assert.Equal(runnerCells[i].ExecutionCount, kernelCells[i].ExecutionCount);
            Assert.Equal(runnerCells[i].Outputs.Select(Describe), kernelCells[i].Outputs.Select(Describe));
        }
    }

    /// <summary>What a reader sees of an output: its type, stream text, mime bundle or error.</summary>
    private static string Describe(CellOutput output) =>
        output switch
        {
            StreamOutput stream => $"stream {stream.Name}: {stream.Text}",
            MimeOutput mime => $"{mime.OutputType}: "
                + string.Join(
                    "\n",
                    mime.Data.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")
                ),
            ErrorOutput error => $"error {error.Name}: {error.Value}",
            _ => output.OutputType,
        };
}
